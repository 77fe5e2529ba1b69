// Integer lane arithmetic against values worked out from the spec definitions.
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

TEST(SimdIntArith, AddSubMulWrapPerLane) {
  auto a = vec<uint8_t>({0xFF, 0x80, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 0x7F});
  auto b = vec<uint8_t>({1, 0x80, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1});
  EXPECT_EQ(lanes<uint8_t>(s::I8x16Add(a, b)), (V8{0, 0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 0x80}));
  EXPECT_EQ(lanes<uint8_t>(s::I8x16Sub(b, a)), (V8{2, 0, 0, 0xFF, 0xFE, 0xFD, 0xFC, 0xFB, 0xFA, 0xF9, 0xF8, 0xF7, 0xF6, 0xF5, 0xF4, 0x82}));
  // 0xFFFF * 0xFFFF = 0xFFFE0001: the low 16 bits are 1 (no int overflow UB).
  auto m = s::I16x8Mul(vec<uint16_t>({0xFFFF, 0x8000, 3, 0, 0x100, 7, 0xFFFF, 2}),
                       vec<uint16_t>({0xFFFF, 2, 5, 9, 0x100, 0xFFFF, 1, 0x8000}));
  EXPECT_EQ(lanes<uint16_t>(m), (V16{1, 0, 15, 0, 0, 0xFFF9, 0xFFFF, 0}));
  EXPECT_EQ(lanes<uint32_t>(s::I32x4Mul(vec<uint32_t>({0xFFFFFFFF, 0x10000, 6, 0x80000000}),
                                        vec<uint32_t>({0xFFFFFFFF, 0x10000, 7, 3}))),
            (V32{1, 0, 42, 0x80000000}));
  EXPECT_EQ(lanes<uint64_t>(s::I64x2Mul(vec<uint64_t>({~0ull, 1ull << 32}), vec<uint64_t>({~0ull, 1ull << 32}))),
            (V64{1, 0}));
  EXPECT_EQ(lanes<uint64_t>(s::I64x2Add(vec<uint64_t>({~0ull, 5}), vec<uint64_t>({2, 6}))), (V64{1, 11}));
}

TEST(SimdIntArith, NegAndAbsOfTheMinimum) {
  auto a = vec<uint32_t>({0x80000000u, 0xFFFFFFFFu, 5, 0});
  EXPECT_EQ(lanes<uint32_t>(s::I32x4Neg(a)), (V32{0x80000000u, 1, 0xFFFFFFFBu, 0}));
  EXPECT_EQ(lanes<uint32_t>(s::I32x4Abs(a)), (V32{0x80000000u, 1, 5, 0}));
  EXPECT_EQ(lanes<uint8_t>(s::I8x16Abs(vec<uint8_t>({0x80, 0x81, 0x7F, 0xFF}))),
            (V8{0x80, 0x7F, 0x7F, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(lanes<uint16_t>(s::I16x8Neg(vec<uint16_t>({0x8000, 1}))), (V16{0x8000, 0xFFFF, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(lanes<uint64_t>(s::I64x2Abs(vec<uint64_t>({1ull << 63, ~0ull}))), (V64{1ull << 63, 1}));
}

TEST(SimdIntArith, MinMaxSignedVersusUnsigned) {
  auto a = vec<uint8_t>({0x80, 0x7F, 0xFF, 0});
  auto b = vec<uint8_t>({0x7F, 0x80, 0x00, 0});
  EXPECT_EQ(lanes<uint8_t>(s::I8x16MinS(a, b))[0], 0x80);
  EXPECT_EQ(lanes<uint8_t>(s::I8x16MinU(a, b))[0], 0x7F);
  EXPECT_EQ(lanes<uint8_t>(s::I8x16MaxS(a, b))[2], 0x00);
  EXPECT_EQ(lanes<uint8_t>(s::I8x16MaxU(a, b))[2], 0xFF);
  auto c = vec<uint32_t>({0x80000000u, 1, 0xFFFFFFFFu, 7});
  auto d = vec<uint32_t>({0x7FFFFFFFu, 2, 0, 7});
  EXPECT_EQ(lanes<uint32_t>(s::I32x4MinS(c, d)), (V32{0x80000000u, 1, 0xFFFFFFFFu, 7}));
  EXPECT_EQ(lanes<uint32_t>(s::I32x4MaxU(c, d)), (V32{0x80000000u, 2, 0xFFFFFFFFu, 7}));
  EXPECT_EQ(lanes<uint16_t>(s::I16x8MaxS(vec<uint16_t>({0x8000, 5}), vec<uint16_t>({0xFFFF, 4})))[0], 0xFFFF);
  EXPECT_EQ(lanes<uint16_t>(s::I16x8MinU(vec<uint16_t>({0x8000, 5}), vec<uint16_t>({0xFFFF, 4})))[0], 0x8000);
}

TEST(SimdIntArith, SaturatingAddSub) {
  auto a = vec<uint8_t>({0x7F, 0x80, 0xFF, 0x10, 0xF0});
  auto b = vec<uint8_t>({0x01, 0xFF, 0x01, 0x20, 0x20});
  auto addS = lanes<uint8_t>(s::I8x16AddSatS(a, b));
  EXPECT_EQ((V8(addS.begin(), addS.begin() + 5)), (V8{0x7F, 0x80, 0x00, 0x30, 0x10}));
  auto addU = lanes<uint8_t>(s::I8x16AddSatU(a, b));
  EXPECT_EQ((V8(addU.begin(), addU.begin() + 5)), (V8{0x80, 0xFF, 0xFF, 0x30, 0xFF}));
  auto subS = lanes<uint8_t>(s::I8x16SubSatS(a, b));
  EXPECT_EQ((V8(subS.begin(), subS.begin() + 5)), (V8{0x7E, 0x81, 0xFE, 0xF0, 0xD0}));
  auto subU = lanes<uint8_t>(s::I8x16SubSatU(a, b));
  EXPECT_EQ((V8(subU.begin(), subU.begin() + 5)), (V8{0x7E, 0x00, 0xFE, 0x00, 0xD0}));
  auto c = vec<uint16_t>({0x7FFF, 0x8000, 0x8000, 0xFFFF});
  auto d = vec<uint16_t>({0x7FFF, 0x8000, 0x0001, 0x0002});
  EXPECT_EQ(lanes<uint16_t>(s::I16x8AddSatS(c, d)), (V16{0x7FFF, 0x8000, 0x8001, 0x0001, 0, 0, 0, 0}));
  EXPECT_EQ(lanes<uint16_t>(s::I16x8SubSatS(c, d)), (V16{0, 0, 0x8000, 0xFFFD, 0, 0, 0, 0}));
  EXPECT_EQ(lanes<uint16_t>(s::I16x8AddSatU(c, d)), (V16{0xFFFE, 0xFFFF, 0x8001, 0xFFFF, 0, 0, 0, 0}));
  EXPECT_EQ(lanes<uint16_t>(s::I16x8SubSatU(c, d)), (V16{0, 0, 0x7FFF, 0xFFFD, 0, 0, 0, 0}));
}

TEST(SimdIntArith, RoundingAverageIsUnsignedAndRoundsUp) {
  auto a = vec<uint8_t>({255, 0, 1, 2, 0x80});
  auto b = vec<uint8_t>({255, 1, 1, 5, 0x7F});
  auto r = lanes<uint8_t>(s::I8x16AvgrU(a, b));
  EXPECT_EQ((V8(r.begin(), r.begin() + 5)), (V8{255, 1, 1, 4, 0x80}));
  EXPECT_EQ(lanes<uint16_t>(s::I16x8AvgrU(vec<uint16_t>({0xFFFF, 0}), vec<uint16_t>({0xFFFE, 0}))),
            (V16{0xFFFF, 0, 0, 0, 0, 0, 0, 0}));
}

TEST(SimdIntArith, Q15MultiplyRoundsAndSaturates) {
  auto a = vec<uint16_t>({0x8000, 0x4000, 0x8000, 0x0001, 0xFFFF, 0x7FFF, 0x0001, 0x8000});
  auto b = vec<uint16_t>({0x8000, 0x4000, 0x7FFF, 0x4000, 0x4000, 0x7FFF, 0x3FFF, 0x0001});
  // (x*y + 0x4000) >> 15: 0x8000^2 saturates to 0x7FFF; 0x4000^2 = 2^28 -> 0x2000;
  // (-32768*32767 + 2^14) / 2^15 = -32766.5 floors to -32767; 1*0x4000 rounds 0.5 up to 1;
  // -1*0x4000 rounds -0.5 up to 0;
  // 32767^2 -> 32766; 1*0x3FFF rounds down to 0; -32768*1 -> -1.
  EXPECT_EQ(lanes<uint16_t>(s::I16x8Q15mulrSatS(a, b)),
            (V16{0x7FFF, 0x2000, 0x8001, 1, 0, 0x7FFE, 0, 0xFFFF}));
}

TEST(SimdIntArith, Popcnt) {
  auto r = lanes<uint8_t>(s::I8x16Popcnt(vec<uint8_t>({0, 1, 0xFF, 0x80, 0x55, 0x0F})));
  EXPECT_EQ((V8(r.begin(), r.begin() + 6)), (V8{0, 1, 8, 1, 4, 4}));
}

TEST(SimdIntArith, ShiftCountsAreModuloLaneWidth) {
  auto a = vec<uint8_t>({0x81, 0x40});
  EXPECT_EQ(lanes<uint8_t>(s::I8x16Shl(a, 9))[0], 0x02);
  EXPECT_EQ(lanes<uint8_t>(s::I8x16ShrS(a, 7))[0], 0xFF);
  EXPECT_EQ(lanes<uint8_t>(s::I8x16ShrS(a, 7))[1], 0x00);
  EXPECT_EQ(lanes<uint8_t>(s::I8x16ShrU(a, 15))[0], 0x01);
  EXPECT_EQ(lanes<uint8_t>(s::I8x16Shl(a, 8))[0], 0x81);
  EXPECT_EQ(lanes<uint16_t>(s::I16x8ShrS(vec<uint16_t>({0x8000}), 17))[0], 0xC000);
  EXPECT_EQ(lanes<uint16_t>(s::I16x8Shl(vec<uint16_t>({0xFFFF}), 15))[0], 0x8000);
  EXPECT_EQ(lanes<uint32_t>(s::I32x4ShrU(vec<uint32_t>({0x80000000u}), 0xFFFFFFFFu))[0], 1u);
  EXPECT_EQ(lanes<uint32_t>(s::I32x4ShrS(vec<uint32_t>({0x80000000u}), 32))[0], 0x80000000u);
  EXPECT_EQ(lanes<uint64_t>(s::I64x2Shl(vec<uint64_t>({1, 3}), 65)), (V64{2, 6}));
  EXPECT_EQ(lanes<uint64_t>(s::I64x2ShrS(vec<uint64_t>({1ull << 63, 4}), 63)), (V64{~0ull, 0}));
  EXPECT_EQ(lanes<uint64_t>(s::I64x2ShrU(vec<uint64_t>({1ull << 63, 4}), 127)), (V64{1, 0}));
}

}  // namespace
