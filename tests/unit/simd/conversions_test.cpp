// Narrowing, extension and float <-> integer lane conversions.
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

TEST(SimdConversions, NarrowSaturatesSignedInputs) {
  auto a = vec<uint16_t>({0x0080, 0xFF7F, 0x007F, 0xFF80, 0xFFFF, 0x0100, 0x8000, 0x7FFF});
  auto b = vec<uint16_t>({1, 2, 3, 4, 5, 6, 7, 0x00FF});
  // signed: 128 -> 127, -129 -> -128, 127, -128, -1, 256 -> 127, -32768 -> -128, 32767 -> 127
  EXPECT_EQ(lanes<uint8_t>(s::I8x16NarrowI16x8S(a, b)),
            (V8{0x7F, 0x80, 0x7F, 0x80, 0xFF, 0x7F, 0x80, 0x7F, 1, 2, 3, 4, 5, 6, 7, 0x7F}));
  // unsigned result from signed input: 128, 0, 127, 0, 0, 255, 0, 255
  EXPECT_EQ(lanes<uint8_t>(s::I8x16NarrowI16x8U(a, b)),
            (V8{0x80, 0, 0x7F, 0, 0, 0xFF, 0, 0xFF, 1, 2, 3, 4, 5, 6, 7, 0xFF}));
  auto c = vec<uint32_t>({0x8000, 0xFFFF7FFFu, 0xFFFFFFFFu, 0x10000});
  auto d = vec<uint32_t>({0x80000000u, 0x7FFFFFFFu, 0x7FFF, 0xFFFF8000u});
  EXPECT_EQ(lanes<uint16_t>(s::I16x8NarrowI32x4S(c, d)),
            (V16{0x7FFF, 0x8000, 0xFFFF, 0x7FFF, 0x8000, 0x7FFF, 0x7FFF, 0x8000}));
  EXPECT_EQ(lanes<uint16_t>(s::I16x8NarrowI32x4U(c, d)), (V16{0x8000, 0, 0, 0xFFFF, 0, 0xFFFF, 0x7FFF, 0}));
}

TEST(SimdConversions, ExtendLowAndHigh) {
  auto a = vec<uint8_t>({0x80, 0x7F, 0xFF, 1, 0, 0, 0, 0, 0xFE, 2, 0, 0, 0, 0, 0, 0x81});
  EXPECT_EQ(lanes<uint16_t>(s::I16x8ExtendLowI8x16S(a)), (V16{0xFF80, 0x7F, 0xFFFF, 1, 0, 0, 0, 0}));
  EXPECT_EQ(lanes<uint16_t>(s::I16x8ExtendLowI8x16U(a)), (V16{0x80, 0x7F, 0xFF, 1, 0, 0, 0, 0}));
  EXPECT_EQ(lanes<uint16_t>(s::I16x8ExtendHighI8x16S(a)), (V16{0xFFFE, 2, 0, 0, 0, 0, 0, 0xFF81}));
  EXPECT_EQ(lanes<uint16_t>(s::I16x8ExtendHighI8x16U(a)), (V16{0xFE, 2, 0, 0, 0, 0, 0, 0x81}));
  auto b = vec<uint16_t>({0x8000, 1, 0, 0, 0xFFFF, 0x7FFF, 0, 0x8001});
  EXPECT_EQ(lanes<uint32_t>(s::I32x4ExtendLowI16x8S(b)), (V32{0xFFFF8000u, 1, 0, 0}));
  EXPECT_EQ(lanes<uint32_t>(s::I32x4ExtendHighI16x8S(b)), (V32{0xFFFFFFFFu, 0x7FFF, 0, 0xFFFF8001u}));
  EXPECT_EQ(lanes<uint32_t>(s::I32x4ExtendLowI16x8U(b)), (V32{0x8000, 1, 0, 0}));
  EXPECT_EQ(lanes<uint32_t>(s::I32x4ExtendHighI16x8U(b)), (V32{0xFFFF, 0x7FFF, 0, 0x8001}));
  auto c = vec<uint32_t>({0x80000000u, 5, 0xFFFFFFFFu, 0x7FFFFFFFu});
  EXPECT_EQ(lanes<uint64_t>(s::I64x2ExtendLowI32x4S(c)), (V64{0xFFFFFFFF80000000ull, 5}));
  EXPECT_EQ(lanes<uint64_t>(s::I64x2ExtendHighI32x4S(c)), (V64{~0ull, 0x7FFFFFFF}));
  EXPECT_EQ(lanes<uint64_t>(s::I64x2ExtendLowI32x4U(c)), (V64{0x80000000ull, 5}));
  EXPECT_EQ(lanes<uint64_t>(s::I64x2ExtendHighI32x4U(c)), (V64{0xFFFFFFFFull, 0x7FFFFFFF}));
}

TEST(SimdConversions, TruncSatF32x4) {
  // NaN, 2^31, -inf, -1.5
  auto a = vec<uint32_t>({0x7FC00000u, 0x4F000000u, 0xFF800000u, 0xBFC00000u});
  EXPECT_EQ(lanes<uint32_t>(s::I32x4TruncSatF32x4S(a)), (V32{0, 0x7FFFFFFFu, 0x80000000u, 0xFFFFFFFFu}));
  EXPECT_EQ(lanes<uint32_t>(s::I32x4TruncSatF32x4U(a)), (V32{0, 0x80000000u, 0, 0}));
  EXPECT_EQ(lanes<uint32_t>(s::I32x4TruncSatF32x4U(vec<uint32_t>({0x4F800000u, 0x4F7FFFFFu, 0x3F7FFFFFu, 0x80000000u}))),
            (V32{0xFFFFFFFFu, 0xFFFFFF00u, 0, 0}));
}

TEST(SimdConversions, TruncSatF64x2ZeroFillsTheUpperLanes) {
  // -2147483648.9 and 4294967296
  auto a = vec<uint64_t>({0xC1E00000001CCCCDull, 0x41F0000000000000ull});
  EXPECT_EQ(lanes<uint32_t>(s::I32x4TruncSatF64x2SZero(a)), (V32{0x80000000u, 0x7FFFFFFFu, 0, 0}));
  EXPECT_EQ(lanes<uint32_t>(s::I32x4TruncSatF64x2UZero(a)), (V32{0, 0xFFFFFFFFu, 0, 0}));
  auto b = vec<uint64_t>({0xFFF8000000000000ull, 0x41EFFFFFFFE00000ull});  // NaN, 4294967295
  EXPECT_EQ(lanes<uint32_t>(s::I32x4TruncSatF64x2UZero(b)), (V32{0, 0xFFFFFFFFu, 0, 0}));
  EXPECT_EQ(lanes<uint32_t>(s::I32x4TruncSatF64x2SZero(b)), (V32{0, 0x7FFFFFFFu, 0, 0}));
}

TEST(SimdConversions, IntegerToFloat) {
  // 16777217 ties to 2^24 (even); 0xFFFFFFFF unsigned rounds to 2^32.
  auto a = vec<uint32_t>({16777217u, 0xFFFFFFFFu, 0x80000000u, 1});
  EXPECT_EQ(lanes<uint32_t>(s::F32x4ConvertI32x4S(a)), (V32{0x4B800000u, 0xBF800000u, 0xCF000000u, 0x3F800000u}));
  EXPECT_EQ(lanes<uint32_t>(s::F32x4ConvertI32x4U(a)), (V32{0x4B800000u, 0x4F800000u, 0x4F000000u, 0x3F800000u}));
  auto b = vec<uint32_t>({0xFFFFFFFFu, 0x80000000u, 7, 7});
  EXPECT_EQ(lanes<uint64_t>(s::F64x2ConvertLowI32x4S(b)), (V64{0xBFF0000000000000ull, 0xC1E0000000000000ull}));
  EXPECT_EQ(lanes<uint64_t>(s::F64x2ConvertLowI32x4U(b)), (V64{0x41EFFFFFFFE00000ull, 0x41E0000000000000ull}));
}

TEST(SimdConversions, DemoteZeroAndPromoteLow) {
  // 1 + 2^-24 + 2^-52 rounds up to 1 + 2^-23; f64 max overflows to inf.
  auto a = vec<uint64_t>({0x3FF0000010000001ull, 0x7FEFFFFFFFFFFFFFull});
  EXPECT_EQ(lanes<uint32_t>(s::F32x4DemoteF64x2Zero(a)), (V32{0x3F800001u, 0x7F800000u, 0, 0}));
  auto n = lanes<uint32_t>(s::F32x4DemoteF64x2Zero(vec<uint64_t>({0x7FF8000000000000ull, 0x8000000000000000ull})));
  EXPECT_EQ(n, (V32{0x7FC00000u, 0x80000000u, 0, 0}));
  auto b = vec<uint32_t>({0x00000001u, 0xBF800000u, 0x3F800000u, 0x3F800000u});
  EXPECT_EQ(lanes<uint64_t>(s::F64x2PromoteLowF32x4(b)), (V64{0x36A0000000000000ull, 0xBFF0000000000000ull}));
}

}  // namespace
