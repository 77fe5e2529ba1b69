// Relaxed SIMD: wasmcap's one choice per instruction (interp/simd/relaxed.h),
// on the inputs where the spec allows several results.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <limits>

#include "interp/simd/simd.h"
#include "v128_util.h"

namespace s = wasmcap::interp::simd;
using wasmcap::test::lanes;
using wasmcap::test::vec;

namespace {

TEST(SimdRelaxed, SwizzleZeroesIndicesFromSixteen) {
  auto a = vec<uint8_t>({10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25});
  auto idx = vec<uint8_t>({0, 15, 16, 0x80, 0xFF, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 17});
  EXPECT_EQ(lanes<uint8_t>(s::I8x16RelaxedSwizzle(a, idx)),
            (std::vector<uint8_t>{10, 25, 0, 0, 0, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 0}));
}

TEST(SimdRelaxed, TruncSaturatesAndMapsNanToZero) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  auto f = vec<float>({nan, 3e9f, -3e9f, -1.5f});
  EXPECT_EQ(lanes<int32_t>(s::I32x4RelaxedTruncF32x4S(f)), (std::vector<int32_t>{0, INT32_MAX, INT32_MIN, -1}));
  EXPECT_EQ(lanes<uint32_t>(s::I32x4RelaxedTruncF32x4U(f)), (std::vector<uint32_t>{0, 3000000000u, 0, 0}));
  auto d = vec<double>({-1e20, 7.9});
  EXPECT_EQ(lanes<int32_t>(s::I32x4RelaxedTruncF64x2SZero(d)), (std::vector<int32_t>{INT32_MIN, 7, 0, 0}));
  EXPECT_EQ(lanes<uint32_t>(s::I32x4RelaxedTruncF64x2UZero(d)), (std::vector<uint32_t>{0, 7, 0, 0}));
}

// Not fused: a * b rounds before c is added. 1 + 2^-23 squared is 1 + 2^-22
// + 2^-46; the product rounds to 1 + 2^-22, so subtracting that gives 0
// (fused: 2^-46).
TEST(SimdRelaxed, MaddRoundsTwice) {
  const float x = 1.0f + std::ldexp(1.0f, -23);
  const float p = 1.0f + std::ldexp(1.0f, -22);
  auto a = vec<float>({x, 2, 0, 1});
  auto c = vec<float>({-p, 1, 5, -1});
  EXPECT_EQ(lanes<float>(s::F32x4RelaxedMadd(a, a, c)), (std::vector<float>{0, 5, 5, 0}));
  EXPECT_EQ(lanes<float>(s::F32x4RelaxedNmadd(a, a, vec<float>({p, 1, 5, 1}))), (std::vector<float>{0, -3, 5, 0}));
  const double y = 1.0 + std::ldexp(1.0, -52);
  const double q = 1.0 + std::ldexp(1.0, -51);
  EXPECT_EQ(lanes<double>(s::F64x2RelaxedMadd(vec<double>({y, 3}), vec<double>({y, 3}), vec<double>({-q, 1}))),
            (std::vector<double>{0, 10}));
  EXPECT_EQ(lanes<double>(s::F64x2RelaxedNmadd(vec<double>({y, 3}), vec<double>({y, 3}), vec<double>({q, 1}))),
            (std::vector<double>{0, -8}));
}

TEST(SimdRelaxed, LaneselectUsesEveryMaskBit) {
  auto a = vec<uint64_t>({~0ull, ~0ull});
  auto b = vec<uint64_t>({0, 0});
  auto m = vec<uint64_t>({0x00000000000000F0ull, 0x8000000000000001ull});  // not whole lanes
  for (auto op : {s::I8x16RelaxedLaneselect, s::I16x8RelaxedLaneselect, s::I32x4RelaxedLaneselect,
                  s::I64x2RelaxedLaneselect}) {
    EXPECT_EQ(lanes<uint64_t>(op(a, b, m)), (std::vector<uint64_t>{0xF0, 0x8000000000000001ull}));
  }
}

TEST(SimdRelaxed, MinMaxAreTheNanPropagatingOnes) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  auto r = lanes<float>(s::F32x4RelaxedMin(vec<float>({nan, -0.0f, 1, 2}), vec<float>({1, 0.0f, nan, 3})));
  EXPECT_TRUE(std::isnan(r[0]));
  EXPECT_TRUE(std::signbit(r[1]));  // -0 < +0
  EXPECT_TRUE(std::isnan(r[2]));
  EXPECT_EQ(r[3], 2.0f);
  auto m = lanes<double>(s::F64x2RelaxedMax(vec<double>({-0.0, 1}), vec<double>({0.0, 4})));
  EXPECT_FALSE(std::signbit(m[0]));
  EXPECT_EQ(m[1], 4.0);
}

TEST(SimdRelaxed, Q15mulrSaturates) {
  auto a = vec<int16_t>({INT16_MIN, 0x4000, 0, 0, 0, 0, 0, 0});
  EXPECT_EQ(lanes<int16_t>(s::I16x8RelaxedQ15mulrS(a, a)), (std::vector<int16_t>{INT16_MAX, 0x2000, 0, 0, 0, 0, 0, 0}));
}

// Both operands signed: -128 * -127 * 2 = 32512 (not 33024 or a saturated -32768).
TEST(SimdRelaxed, DotProductsTreatBothOperandsAsSigned) {
  auto a = vec<int8_t>({-128, -128, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  auto b = vec<int8_t>({-127, -127, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  EXPECT_EQ(lanes<int16_t>(s::I16x8RelaxedDotI8x16I7x16S(a, b)), (std::vector<int16_t>{32512, 11, 0, 0, 0, 0, 0, 0}));
  auto a4 = vec<int8_t>({-128, -128, -128, -128, 1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0});
  auto b4 = vec<int8_t>({-127, -127, -127, -127, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0});
  auto c = vec<int32_t>({1, 2, 3, -4});
  EXPECT_EQ(lanes<int32_t>(s::I32x4RelaxedDotI8x16I7x16AddS(a4, b4, c)), (std::vector<int32_t>{65025, 12, 3, -4}));
}

}  // namespace
