// The pure halves of the SIMD memory instructions: vectors built from the
// loaded little-endian value, and the value a lane store writes.
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

// Memory bytes 80 81 FE 7F 00 01 FF 02, read as a little-endian u64.
constexpr uint64_t kBytes = 0x02FF01007FFE8180ull;

TEST(SimdMemory, LoadExtend) {
  EXPECT_EQ(lanes<uint16_t>(s::V128Load8x8S(kBytes)), (V16{0xFF80, 0xFF81, 0xFFFE, 0x7F, 0, 1, 0xFFFF, 2}));
  EXPECT_EQ(lanes<uint16_t>(s::V128Load8x8U(kBytes)), (V16{0x80, 0x81, 0xFE, 0x7F, 0, 1, 0xFF, 2}));
  EXPECT_EQ(lanes<uint32_t>(s::V128Load16x4S(kBytes)), (V32{0xFFFF8180u, 0x7FFE, 0x100, 0x2FF}));
  EXPECT_EQ(lanes<uint32_t>(s::V128Load16x4U(kBytes)), (V32{0x8180, 0x7FFE, 0x100, 0x2FF}));
  EXPECT_EQ(lanes<uint64_t>(s::V128Load32x2S(kBytes)), (V64{0x7FFE8180ull, 0x02FF0100ull}));
  EXPECT_EQ(lanes<uint64_t>(s::V128Load32x2S(0x80000000FFFFFFFFull)), (V64{~0ull, 0xFFFFFFFF80000000ull}));
  EXPECT_EQ(lanes<uint64_t>(s::V128Load32x2U(0x80000000FFFFFFFFull)), (V64{0xFFFFFFFFull, 0x80000000ull}));
}

TEST(SimdMemory, LoadSplatAndZero) {
  EXPECT_EQ(lanes<uint8_t>(s::V128Load8Splat(0x80)), V8(16, 0x80));
  EXPECT_EQ(lanes<uint16_t>(s::V128Load16Splat(0x1234)), V16(8, 0x1234));
  EXPECT_EQ(lanes<uint32_t>(s::V128Load32Splat(0x7FC00000u)), V32(4, 0x7FC00000u));
  EXPECT_EQ(lanes<uint64_t>(s::V128Load64Splat(kBytes)), V64(2, kBytes));
  EXPECT_EQ(lanes<uint32_t>(s::V128Load32Zero(0xDEADBEEFu)), (V32{0xDEADBEEFu, 0, 0, 0}));
  EXPECT_EQ(lanes<uint64_t>(s::V128Load64Zero(kBytes)), (V64{kBytes, 0}));
}

TEST(SimdMemory, WholeVectorLoadAndStoreAreTheBytes) {
  auto v = vec<uint64_t>({kBytes, ~kBytes});
  EXPECT_EQ(s::V128Load(v), v);
  EXPECT_EQ(s::V128Store(v), v);
}

TEST(SimdMemory, LaneLoadsReplaceAndLaneStoresExtract) {
  auto v = vec<uint64_t>({0x0706050403020100ull, 0x0F0E0D0C0B0A0908ull});
  EXPECT_EQ(lanes<uint8_t>(s::V128Load8Lane(v, 15, 0xAA)),
            (V8{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 0xAA}));
  EXPECT_EQ(lanes<uint16_t>(s::V128Load16Lane(v, 1, 0xBBBB))[1], 0xBBBB);
  EXPECT_EQ(lanes<uint32_t>(s::V128Load32Lane(v, 2, 0xCCCCCCCCu)),
            (V32{0x03020100u, 0x07060504u, 0xCCCCCCCCu, 0x0F0E0D0Cu}));
  EXPECT_EQ(lanes<uint64_t>(s::V128Load64Lane(v, 0, 1)), (V64{1, 0x0F0E0D0C0B0A0908ull}));
  EXPECT_EQ(s::V128Store8Lane(v, 9), 9);
  EXPECT_EQ(s::V128Store16Lane(v, 7), 0x0F0E);
  EXPECT_EQ(s::V128Store32Lane(v, 1), 0x07060504u);
  EXPECT_EQ(s::V128Store64Lane(v, 1), 0x0F0E0D0C0B0A0908ull);
}

}  // namespace
