// v128.const, splats, extract/replace lane, shuffle and swizzle.
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

TEST(SimdLanes, ConstKeepsByteOrder) {
  const uint8_t bytes[16] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
  auto v = s::V128Const(bytes);
  EXPECT_EQ(lanes<uint8_t>(v), (V8{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}));
  EXPECT_EQ(lanes<uint32_t>(v)[0], 0x03020100u);  // lanes are little-endian
}

TEST(SimdLanes, SplatsTakeTheLowBits) {
  EXPECT_EQ(lanes<uint8_t>(s::I8x16Splat(0x12345680u)), V8(16, 0x80));
  EXPECT_EQ(lanes<uint16_t>(s::I16x8Splat(0xFFFF8001u)), V16(8, 0x8001));
  EXPECT_EQ(lanes<uint32_t>(s::I32x4Splat(0xDEADBEEFu)), V32(4, 0xDEADBEEFu));
  EXPECT_EQ(lanes<uint64_t>(s::I64x2Splat(0x0123456789ABCDEFull)), V64(2, 0x0123456789ABCDEFull));
  EXPECT_EQ(lanes<uint32_t>(s::F32x4Splat(0x7FA00001u)), V32(4, 0x7FA00001u));  // NaN bits kept
  EXPECT_EQ(lanes<uint64_t>(s::F64x2Splat(0xFFF0000000000001ull)), V64(2, 0xFFF0000000000001ull));
}

TEST(SimdLanes, ExtractSignOrZeroExtends) {
  auto v = vec<uint8_t>({0, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF});
  EXPECT_EQ(s::I8x16ExtractLaneS(v, 1), 0xFFFFFF80u);
  EXPECT_EQ(s::I8x16ExtractLaneU(v, 1), 0x80u);
  EXPECT_EQ(s::I8x16ExtractLaneS(v, 15), 0xFFFFFFFFu);
  auto w = vec<uint16_t>({0, 0, 0, 0, 0, 0, 0, 0x8000});
  EXPECT_EQ(s::I16x8ExtractLaneS(w, 7), 0xFFFF8000u);
  EXPECT_EQ(s::I16x8ExtractLaneU(w, 7), 0x8000u);
  auto x = vec<uint32_t>({1, 2, 0x7FC00001u, 4});
  EXPECT_EQ(s::I32x4ExtractLane(x, 3), 4u);
  EXPECT_EQ(s::F32x4ExtractLane(x, 2), 0x7FC00001u);
  auto y = vec<uint64_t>({5, 0xFFF4000000000000ull});
  EXPECT_EQ(s::I64x2ExtractLane(y, 0), 5ull);
  EXPECT_EQ(s::F64x2ExtractLane(y, 1), 0xFFF4000000000000ull);
}

TEST(SimdLanes, ReplaceChangesOnlyThatLane) {
  auto z = s::I8x16Splat(0);
  EXPECT_EQ(lanes<uint8_t>(s::I8x16ReplaceLane(z, 3, 0x1FF)), (V8{0, 0, 0, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(lanes<uint16_t>(s::I16x8ReplaceLane(z, 7, 0x12345u)), (V16{0, 0, 0, 0, 0, 0, 0, 0x2345}));
  EXPECT_EQ(lanes<uint32_t>(s::I32x4ReplaceLane(z, 0, 9u)), (V32{9, 0, 0, 0}));
  EXPECT_EQ(lanes<uint32_t>(s::F32x4ReplaceLane(z, 1, 0xFF800000u)), (V32{0, 0xFF800000u, 0, 0}));
  EXPECT_EQ(lanes<uint64_t>(s::I64x2ReplaceLane(z, 1, ~0ull)), (V64{0, ~0ull}));
  EXPECT_EQ(lanes<uint64_t>(s::F64x2ReplaceLane(z, 0, 0x7FF4000000000000ull)), (V64{0x7FF4000000000000ull, 0}));
}

TEST(SimdLanes, ShuffleReadsBothOperands) {
  auto a = vec<uint8_t>({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15});
  auto b = vec<uint8_t>({16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31});
  const uint8_t sel[16] = {31, 0, 16, 15, 1, 1, 17, 17, 8, 24, 7, 23, 30, 14, 2, 18};
  EXPECT_EQ(lanes<uint8_t>(s::I8x16Shuffle(a, b, sel)),
            (V8{31, 0, 16, 15, 1, 1, 17, 17, 8, 24, 7, 23, 30, 14, 2, 18}));
}

TEST(SimdLanes, SwizzleZeroesOutOfRangeIndices) {
  auto a = vec<uint8_t>({100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115});
  auto idx = vec<uint8_t>({15, 0, 16, 255, 128, 7, 17, 1, 3, 3, 3, 3, 0x10, 0x8F, 14, 2});
  EXPECT_EQ(lanes<uint8_t>(s::I8x16Swizzle(a, idx)),
            (V8{115, 100, 0, 0, 0, 107, 0, 101, 103, 103, 103, 103, 0, 0, 114, 102}));
}

}  // namespace
