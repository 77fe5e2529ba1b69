// Widening integer arithmetic (extmul, extadd_pairwise, dot).
#include <gtest/gtest.h>

#include "interp/simd/simd.h"
#include "v128_util.h"

namespace s = wasmcap::interp::simd;
using wasmcap::test::lanes;
using wasmcap::test::vec;
using V16 = std::vector<uint16_t>;
using V32 = std::vector<uint32_t>;
using V64 = std::vector<uint64_t>;

namespace {

TEST(SimdIntWiden, ExtmulPicksTheRightHalfAndSign) {
  auto a = vec<uint8_t>({0x80, 0xFF, 2, 3, 4, 5, 6, 7, 0xFF, 0x80, 0x7F, 1, 1, 1, 1, 1});
  auto b = vec<uint8_t>({0x80, 0xFF, 3, 3, 3, 3, 3, 3, 0xFF, 0x7F, 0x7F, 0, 0, 0, 0, 2});
  // signed: -128*-128 = 16384, -1*-1 = 1; unsigned: 128*128 = 16384, 255*255 = 65025
  EXPECT_EQ(lanes<uint16_t>(s::I16x8ExtmulLowI8x16S(a, b)), (V16{16384, 1, 6, 9, 12, 15, 18, 21}));
  EXPECT_EQ(lanes<uint16_t>(s::I16x8ExtmulLowI8x16U(a, b)), (V16{16384, 65025, 6, 9, 12, 15, 18, 21}));
  // high half: -1*-1 = 1, -128*127 = -16256, 127*127 = 16129
  EXPECT_EQ(lanes<uint16_t>(s::I16x8ExtmulHighI8x16S(a, b)),
            (V16{1, static_cast<uint16_t>(-16256), 16129, 0, 0, 0, 0, 2}));
  EXPECT_EQ(lanes<uint16_t>(s::I16x8ExtmulHighI8x16U(a, b)), (V16{65025, 16256, 16129, 0, 0, 0, 0, 2}));

  auto c = vec<uint16_t>({0xFFFF, 0x8000, 0, 0, 0x8000, 0x7FFF, 0xFFFF, 2});
  auto d = vec<uint16_t>({0xFFFF, 0x8000, 0, 0, 0x7FFF, 0x7FFF, 0x0001, 3});
  // 65535^2 = 4294836225 does not fit in int: computed without UB.
  EXPECT_EQ(lanes<uint32_t>(s::I32x4ExtmulLowI16x8U(c, d)), (V32{4294836225u, 1073741824u, 0, 0}));
  EXPECT_EQ(lanes<uint32_t>(s::I32x4ExtmulLowI16x8S(c, d)), (V32{1, 1073741824u, 0, 0}));
  EXPECT_EQ(lanes<uint32_t>(s::I32x4ExtmulHighI16x8S(c, d)),
            (V32{static_cast<uint32_t>(-1073709056), 1073676289u, 0xFFFFFFFFu, 6}));
  EXPECT_EQ(lanes<uint32_t>(s::I32x4ExtmulHighI16x8U(c, d)), (V32{1073709056u, 1073676289u, 65535u, 6}));

  auto e = vec<uint32_t>({0xFFFFFFFFu, 0x80000000u, 0x80000000u, 3});
  auto f = vec<uint32_t>({0xFFFFFFFFu, 0x80000000u, 0x7FFFFFFFu, 5});
  EXPECT_EQ(lanes<uint64_t>(s::I64x2ExtmulLowI32x4S(e, f)), (V64{1, 1ull << 62}));
  EXPECT_EQ(lanes<uint64_t>(s::I64x2ExtmulLowI32x4U(e, f)), (V64{0xFFFFFFFE00000001ull, 1ull << 62}));
  EXPECT_EQ(lanes<uint64_t>(s::I64x2ExtmulHighI32x4S(e, f)), (V64{static_cast<uint64_t>(-0x3FFFFFFF80000000ll), 15}));
  EXPECT_EQ(lanes<uint64_t>(s::I64x2ExtmulHighI32x4U(e, f)), (V64{0x3FFFFFFF80000000ull, 15}));
}

TEST(SimdIntWiden, ExtaddPairwise) {
  auto a = vec<uint8_t>({0x80, 0x80, 0xFF, 0xFF, 0x7F, 0x7F, 1, 0xFF, 0, 0, 0, 0, 0, 0, 5, 6});
  EXPECT_EQ(lanes<uint16_t>(s::I16x8ExtaddPairwiseI8x16S(a)),
            (V16{static_cast<uint16_t>(-256), static_cast<uint16_t>(-2), 254, 0, 0, 0, 0, 11}));
  EXPECT_EQ(lanes<uint16_t>(s::I16x8ExtaddPairwiseI8x16U(a)), (V16{256, 510, 254, 256, 0, 0, 0, 11}));
  auto b = vec<uint16_t>({0x8000, 0x8000, 0xFFFF, 0xFFFF, 0x7FFF, 0x7FFF, 1, 2});
  EXPECT_EQ(lanes<uint32_t>(s::I32x4ExtaddPairwiseI16x8S(b)),
            (V32{static_cast<uint32_t>(-65536), static_cast<uint32_t>(-2), 65534, 3}));
  EXPECT_EQ(lanes<uint32_t>(s::I32x4ExtaddPairwiseI16x8U(b)), (V32{65536, 131070, 65534, 3}));
}

TEST(SimdIntWiden, DotWrapsOnlyForTwoMinimumSquares) {
  auto a = vec<uint16_t>({0x8000, 0x8000, 0x7FFF, 0x7FFF, 1, 2, 0xFFFF, 3});
  auto b = vec<uint16_t>({0x8000, 0x8000, 0x7FFF, 0x7FFF, 3, 4, 5, 0xFFFF});
  // 2 * 2^30 = 2^31 wraps to INT32_MIN; 2 * 32767^2 = 2147352578 fits.
  EXPECT_EQ(lanes<uint32_t>(s::I32x4DotI16x8S(a, b)),
            (V32{0x80000000u, 2147352578u, 11, static_cast<uint32_t>(-8)}));
}

}  // namespace
