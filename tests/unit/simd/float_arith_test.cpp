// Float lane arithmetic: the scalar semantics per lane (NaN, -0, rounding),
// and the SIMD-only pseudo-min/max.
#include <gtest/gtest.h>

#include "interp/simd/simd.h"
#include "v128_util.h"

namespace s = wasmcap::interp::simd;
using wasmcap::test::lanes;
using wasmcap::test::vec;
using V32 = std::vector<uint32_t>;
using V64 = std::vector<uint64_t>;

namespace {

constexpr uint32_t kPos0 = 0, kNeg0 = 0x80000000u, kOne = 0x3F800000u, kTwo = 0x40000000u;
constexpr uint32_t kNaN = 0x7FC00000u, kSNaN = 0x7FA00000u, kInf = 0x7F800000u;

TEST(SimdFloatArith, MinMaxPerLaneFollowTheScalarRules) {
  auto a = vec<uint32_t>({kPos0, kNeg0, kNaN, kOne});
  auto b = vec<uint32_t>({kNeg0, kPos0, kOne, kSNaN});
  EXPECT_EQ(lanes<uint32_t>(s::F32x4Min(a, b)), (V32{kNeg0, kNeg0, kNaN, 0x7FE00000u}));
  EXPECT_EQ(lanes<uint32_t>(s::F32x4Max(a, b)), (V32{kPos0, kPos0, kNaN, 0x7FE00000u}));
  auto c = vec<uint64_t>({0x8000000000000000ull, 0x7FF4000000000000ull});
  auto d = vec<uint64_t>({0, 0x3FF0000000000000ull});
  EXPECT_EQ(lanes<uint64_t>(s::F64x2Min(c, d)), (V64{0x8000000000000000ull, 0x7FFC000000000000ull}));
  EXPECT_EQ(lanes<uint64_t>(s::F64x2Max(c, d)), (V64{0, 0x7FFC000000000000ull}));
}

TEST(SimdFloatArith, PseudoMinMaxReturnOperandsUnchanged) {
  auto a = vec<uint32_t>({kPos0, kNeg0, kSNaN, kOne});
  auto b = vec<uint32_t>({kNeg0, kPos0, kOne, kSNaN});
  // pmin = b < a ? b : a ; pmax = a < b ? b : a
  EXPECT_EQ(lanes<uint32_t>(s::F32x4Pmin(a, b)), (V32{kPos0, kNeg0, kSNaN, kOne}));
  EXPECT_EQ(lanes<uint32_t>(s::F32x4Pmax(a, b)), (V32{kPos0, kNeg0, kSNaN, kOne}));
  EXPECT_EQ(lanes<uint32_t>(s::F32x4Pmax(vec<uint32_t>({kOne, 0, 0, 0}), vec<uint32_t>({kTwo, 0, 0, 0})))[0], kTwo);
  EXPECT_EQ(lanes<uint64_t>(s::F64x2Pmin(vec<uint64_t>({0x4000000000000000ull, 0x7FF8000000000000ull}),
                                         vec<uint64_t>({0x3FF0000000000000ull, 0}))),
            (V64{0x3FF0000000000000ull, 0x7FF8000000000000ull}));
}

TEST(SimdFloatArith, RoundingPerLane) {
  // 0.5, -0.5, 2.5, -1.5
  auto a = vec<uint32_t>({0x3F000000u, 0xBF000000u, 0x40200000u, 0xBFC00000u});
  EXPECT_EQ(lanes<uint32_t>(s::F32x4Nearest(a)), (V32{kPos0, kNeg0, kTwo, 0xC0000000u}));
  EXPECT_EQ(lanes<uint32_t>(s::F32x4Ceil(a)), (V32{kOne, kNeg0, 0x40400000u, 0xBF800000u}));
  EXPECT_EQ(lanes<uint32_t>(s::F32x4Floor(a)), (V32{kPos0, 0xBF800000u, kTwo, 0xC0000000u}));
  EXPECT_EQ(lanes<uint32_t>(s::F32x4Trunc(a)), (V32{kPos0, kNeg0, kTwo, 0xBF800000u}));
  // 2.5 -> 2, -0.5 -> -0
  auto d = vec<uint64_t>({0x4004000000000000ull, 0xBFE0000000000000ull});
  EXPECT_EQ(lanes<uint64_t>(s::F64x2Nearest(d)), (V64{0x4000000000000000ull, 0x8000000000000000ull}));
  EXPECT_EQ(lanes<uint64_t>(s::F64x2Ceil(d)), (V64{0x4008000000000000ull, 0x8000000000000000ull}));
  EXPECT_EQ(lanes<uint64_t>(s::F64x2Floor(d)), (V64{0x4000000000000000ull, 0xBFF0000000000000ull}));
  EXPECT_EQ(lanes<uint64_t>(s::F64x2Trunc(d)), (V64{0x4000000000000000ull, 0x8000000000000000ull}));
}

TEST(SimdFloatArith, ArithmeticAndBitOpsPerLane) {
  auto a = vec<uint32_t>({kOne, kInf, kSNaN, 0x40800000u});
  auto b = vec<uint32_t>({kOne, kPos0, kOne, kTwo});
  auto sum = lanes<uint32_t>(s::F32x4Add(a, b));
  EXPECT_EQ(sum[0], kTwo);
  EXPECT_EQ(sum[1], kInf);
  EXPECT_EQ(sum[2] & 0x7FC00000u, 0x7FC00000u);  // arithmetic NaN
  auto prod = lanes<uint32_t>(s::F32x4Mul(a, b));
  EXPECT_EQ(prod[1] & 0x7FC00000u, 0x7FC00000u);  // inf * 0
  EXPECT_EQ(prod[3], 0x41000000u);                // 4 * 2 = 8
  EXPECT_EQ(lanes<uint32_t>(s::F32x4Div(a, b))[3], kTwo);
  EXPECT_EQ(lanes<uint32_t>(s::F32x4Sub(a, b))[0], kPos0);
  EXPECT_EQ(lanes<uint32_t>(s::F32x4Sqrt(a))[3], kTwo);
  // abs/neg only touch the sign bit, even of a signalling NaN.
  EXPECT_EQ(lanes<uint32_t>(s::F32x4Neg(a)), (V32{0xBF800000u, 0xFF800000u, 0xFFA00000u, 0xC0800000u}));
  EXPECT_EQ(lanes<uint32_t>(s::F32x4Abs(vec<uint32_t>({0xFFA00000u, kNeg0, 0xBF800000u, kOne}))),
            (V32{kSNaN, kPos0, kOne, kOne}));
  auto d = vec<uint64_t>({0x3FF0000000000000ull, 0xFFF4000000000000ull});
  EXPECT_EQ(lanes<uint64_t>(s::F64x2Abs(d)), (V64{0x3FF0000000000000ull, 0x7FF4000000000000ull}));
  EXPECT_EQ(lanes<uint64_t>(s::F64x2Neg(d)), (V64{0xBFF0000000000000ull, 0x7FF4000000000000ull}));
  EXPECT_EQ(lanes<uint64_t>(s::F64x2Add(d, d))[0], 0x4000000000000000ull);
  EXPECT_EQ(lanes<uint64_t>(s::F64x2Sub(d, d))[0], 0ull);
  EXPECT_EQ(lanes<uint64_t>(s::F64x2Mul(d, d))[0], 0x3FF0000000000000ull);
  EXPECT_EQ(lanes<uint64_t>(s::F64x2Div(d, d))[0], 0x3FF0000000000000ull);
  EXPECT_EQ(lanes<uint64_t>(s::F64x2Sqrt(vec<uint64_t>({0x4010000000000000ull, 0x8000000000000000ull}))),
            (V64{0x4000000000000000ull, 0x8000000000000000ull}));
}

}  // namespace
