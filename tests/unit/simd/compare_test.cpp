// Lane-wise comparisons: all-ones or zero lanes, signed vs unsigned views,
// float NaN and signed zeros.
#include <gtest/gtest.h>

#include "interp/simd/simd.h"
#include "v128_util.h"

namespace s = wasmcap::interp::simd;
using wasmcap::test::lanes;
using wasmcap::test::vec;
using V8 = std::vector<uint8_t>;
using V16 = std::vector<uint16_t>;
using V32 = std::vector<uint32_t>;
using V64 = std::vector<uint64_t>;

namespace {

TEST(SimdCompare, IntegerSignedAndUnsignedViews) {
  auto a = vec<uint8_t>({0x80, 0x7F, 5, 0xFF});
  auto b = vec<uint8_t>({0x7F, 0x80, 5, 0x00});
  auto lt = lanes<uint8_t>(s::I8x16LtS(a, b));
  EXPECT_EQ((V8(lt.begin(), lt.begin() + 4)), (V8{0xFF, 0, 0, 0xFF}));
  auto ltu = lanes<uint8_t>(s::I8x16LtU(a, b));
  EXPECT_EQ((V8(ltu.begin(), ltu.begin() + 4)), (V8{0, 0xFF, 0, 0}));
  auto ge = lanes<uint8_t>(s::I8x16GeS(a, b));
  EXPECT_EQ((V8(ge.begin(), ge.begin() + 4)), (V8{0, 0xFF, 0xFF, 0}));
  auto eq = lanes<uint8_t>(s::I8x16Eq(a, b));
  EXPECT_EQ((V8(eq.begin(), eq.begin() + 4)), (V8{0, 0, 0xFF, 0}));
  EXPECT_EQ(lanes<uint8_t>(s::I8x16Ne(a, a)), V8(16, 0));

  auto c = vec<uint16_t>({0x8000, 1, 2, 0xFFFF, 0, 0, 0, 0});
  auto d = vec<uint16_t>({0x7FFF, 1, 3, 0xFFFE, 0, 0, 0, 0});
  EXPECT_EQ(lanes<uint16_t>(s::I16x8GtU(c, d)), (V16{0xFFFF, 0, 0, 0xFFFF, 0, 0, 0, 0}));
  EXPECT_EQ(lanes<uint16_t>(s::I16x8LeS(c, d)), (V16{0xFFFF, 0xFFFF, 0xFFFF, 0, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF}));
  EXPECT_EQ(lanes<uint32_t>(s::I32x4GeU(vec<uint32_t>({0x80000000u, 0, 1, 2}), vec<uint32_t>({1, 0, 2, 2}))),
            (V32{~0u, ~0u, 0, ~0u}));
  EXPECT_EQ(lanes<uint32_t>(s::I32x4GtS(vec<uint32_t>({0x80000000u, 0, 1, 2}), vec<uint32_t>({1, 0, 2, 0xFFFFFFFFu}))),
            (V32{0, 0, 0, ~0u}));
  EXPECT_EQ(lanes<uint64_t>(s::I64x2LtS(vec<uint64_t>({1ull << 63, 1}), vec<uint64_t>({0, 0}))), (V64{~0ull, 0}));
  EXPECT_EQ(lanes<uint64_t>(s::I64x2GeS(vec<uint64_t>({~0ull, 1}), vec<uint64_t>({~0ull, 2}))), (V64{~0ull, 0}));
  EXPECT_EQ(lanes<uint64_t>(s::I64x2Ne(vec<uint64_t>({~0ull, 1}), vec<uint64_t>({~0ull, 2}))), (V64{0, ~0ull}));
}

TEST(SimdCompare, FloatNaNIsUnorderedAndZerosAreEqual) {
  // lanes: +0 vs -0, NaN vs NaN, 1 vs 2, -inf vs NaN
  auto a = vec<uint32_t>({0x00000000u, 0x7FC00000u, 0x3F800000u, 0xFF800000u});
  auto b = vec<uint32_t>({0x80000000u, 0x7FC00000u, 0x40000000u, 0xFFC00000u});
  EXPECT_EQ(lanes<uint32_t>(s::F32x4Eq(a, b)), (V32{~0u, 0, 0, 0}));
  EXPECT_EQ(lanes<uint32_t>(s::F32x4Ne(a, b)), (V32{0, ~0u, ~0u, ~0u}));
  EXPECT_EQ(lanes<uint32_t>(s::F32x4Lt(a, b)), (V32{0, 0, ~0u, 0}));
  EXPECT_EQ(lanes<uint32_t>(s::F32x4Le(a, b)), (V32{~0u, 0, ~0u, 0}));
  EXPECT_EQ(lanes<uint32_t>(s::F32x4Gt(b, a)), (V32{0, 0, ~0u, 0}));
  EXPECT_EQ(lanes<uint32_t>(s::F32x4Ge(a, b)), (V32{~0u, 0, 0, 0}));
  auto c = vec<uint64_t>({0x8000000000000000ull, 0x7FF8000000000000ull});
  auto d = vec<uint64_t>({0, 0x3FF0000000000000ull});
  EXPECT_EQ(lanes<uint64_t>(s::F64x2Eq(c, d)), (V64{~0ull, 0}));
  EXPECT_EQ(lanes<uint64_t>(s::F64x2Ne(c, d)), (V64{0, ~0ull}));
  EXPECT_EQ(lanes<uint64_t>(s::F64x2Ge(c, d)), (V64{~0ull, 0}));
  EXPECT_EQ(lanes<uint64_t>(s::F64x2Lt(c, d)), (V64{0, 0}));
  EXPECT_EQ(lanes<uint64_t>(s::F64x2Gt(d, c)), (V64{0, 0}));
  EXPECT_EQ(lanes<uint64_t>(s::F64x2Le(d, c)), (V64{~0ull, 0}));
}

}  // namespace
