// v128 bitwise operations and boolean reductions.
#include <gtest/gtest.h>

#include "interp/simd/simd.h"
#include "v128_util.h"

namespace s = wasmcap::interp::simd;
using wasmcap::test::lanes;
using wasmcap::test::vec;
using V64 = std::vector<uint64_t>;

namespace {

TEST(SimdBitwise, LogicOps) {
  auto a = vec<uint64_t>({0xFF00FF00FF00FF00ull, 0x0123456789ABCDEFull});
  auto b = vec<uint64_t>({0x0FF00FF00FF00FF0ull, 0xFFFFFFFF00000000ull});
  EXPECT_EQ(lanes<uint64_t>(s::V128Not(a)), (V64{0x00FF00FF00FF00FFull, 0xFEDCBA9876543210ull}));
  EXPECT_EQ(lanes<uint64_t>(s::V128And(a, b)), (V64{0x0F000F000F000F00ull, 0x0123456700000000ull}));
  EXPECT_EQ(lanes<uint64_t>(s::V128Andnot(a, b)), (V64{0xF000F000F000F000ull, 0x0000000089ABCDEFull}));
  EXPECT_EQ(lanes<uint64_t>(s::V128Or(a, b)), (V64{0xFFF0FFF0FFF0FFF0ull, 0xFFFFFFFF89ABCDEFull}));
  EXPECT_EQ(lanes<uint64_t>(s::V128Xor(a, b)), (V64{0xF0F0F0F0F0F0F0F0ull, 0xFEDCBA9889ABCDEFull}));
}

TEST(SimdBitwise, BitselectTakesFirstOperandWhereMaskIsSet) {
  auto a = vec<uint64_t>({~0ull, 0xAAAAAAAAAAAAAAAAull});
  auto b = vec<uint64_t>({0, 0x5555555555555555ull});
  auto m = vec<uint64_t>({0x00000000FFFFFFFFull, 0xFF00000000000000ull});
  EXPECT_EQ(lanes<uint64_t>(s::V128Bitselect(a, b, m)), (V64{0x00000000FFFFFFFFull, 0xAA55555555555555ull}));
}

TEST(SimdBitwise, AnyTrueAndAllTrue) {
  auto zero = vec<uint64_t>({0, 0});
  EXPECT_EQ(s::V128AnyTrue(zero), 0u);
  EXPECT_EQ(s::V128AnyTrue(vec<uint64_t>({0, 1ull << 63})), 1u);
  auto oneByteZero = vec<uint8_t>({1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0});
  EXPECT_EQ(s::I8x16AllTrue(oneByteZero), 0u);
  EXPECT_EQ(s::I16x8AllTrue(oneByteZero), 1u);  // every 16-bit lane still non-zero
  EXPECT_EQ(s::I8x16AllTrue(vec<uint8_t>({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0x80})), 1u);
  EXPECT_EQ(s::I32x4AllTrue(vec<uint32_t>({1, 1, 0, 1})), 0u);
  EXPECT_EQ(s::I32x4AllTrue(vec<uint32_t>({1, 0x100, 0x10000, 0x1000000})), 1u);
  EXPECT_EQ(s::I64x2AllTrue(vec<uint64_t>({1ull << 40, 1})), 1u);
  EXPECT_EQ(s::I64x2AllTrue(vec<uint64_t>({0, 1})), 0u);
}

TEST(SimdBitwise, BitmaskGathersSignBits) {
  EXPECT_EQ(s::I8x16Bitmask(vec<uint8_t>({0x80, 0x7F, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80})), 0x8005u);
  EXPECT_EQ(s::I8x16Bitmask(vec<uint8_t>({0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                          0xFF, 0xFF, 0xFF, 0xFF})),
            0xFFFFu);
  EXPECT_EQ(s::I16x8Bitmask(vec<uint16_t>({0x8000, 0x7FFF, 0, 0xFFFF, 0, 0, 0, 0x8001})), 0x89u);
  EXPECT_EQ(s::I32x4Bitmask(vec<uint32_t>({0, 0x80000000u, 0x7FFFFFFFu, 0xFFFFFFFFu})), 0xAu);
  EXPECT_EQ(s::I64x2Bitmask(vec<uint64_t>({1ull << 63, 1})), 1u);
}

}  // namespace
