// Float instructions on bit patterns, against values worked out from the spec.
#include <gtest/gtest.h>

#include "interp/numeric/numeric.h"

namespace n = wasmcap::interp::numeric;

namespace {

constexpr uint32_t kPos0 = 0x00000000u, kNeg0 = 0x80000000u;
constexpr uint32_t kOne = 0x3F800000u, kNegOne = 0xBF800000u, kTwo = 0x40000000u;
constexpr uint32_t kInf = 0x7F800000u, kNegInf = 0xFF800000u;
constexpr uint32_t kNaN = 0x7FC00000u, kNegNaN = 0xFFC00000u;
constexpr uint32_t kSNaN = 0x7FA00000u;        // signalling, payload 0x200000
constexpr uint32_t kNaNPayload = 0x7FC12345u;  // quiet, non-canonical payload
constexpr uint64_t kD0 = 0, kDNeg0 = 0x8000000000000000ull, kDOne = 0x3FF0000000000000ull;
constexpr uint64_t kDNaN = 0x7FF8000000000000ull, kDSNaN = 0x7FF4000000000000ull;

bool isArithmeticNaN32(uint32_t b) { return (b & 0x7FC00000u) == 0x7FC00000u; }
bool isArithmeticNaN64(uint64_t b) { return (b & 0x7FF8000000000000ull) == 0x7FF8000000000000ull; }

TEST(FloatOps, AbsNegCopysignTouchOnlyTheSignBit) {
  EXPECT_EQ(n::F32Abs(kNegNaN), kNaN);
  EXPECT_EQ(n::F32Abs(0xFFA00001u), 0x7FA00001u);  // signalling NaN stays signalling
  EXPECT_EQ(n::F32Neg(kSNaN), 0xFFA00000u);
  EXPECT_EQ(n::F32Neg(kPos0), kNeg0);
  EXPECT_EQ(n::F32Copysign(kNaNPayload, kNeg0), 0xFFC12345u);
  EXPECT_EQ(n::F32Copysign(kNegOne, kNaN), kOne);
  EXPECT_EQ(n::F64Neg(kDSNaN), 0xFFF4000000000000ull);
  EXPECT_EQ(n::F64Abs(kDNeg0), kD0);
  EXPECT_EQ(n::F64Copysign(kDOne, kDNeg0), 0xBFF0000000000000ull);
}

TEST(FloatOps, MinMaxOrderZerosAndPropagateNaN) {
  EXPECT_EQ(n::F32Min(kPos0, kNeg0), kNeg0);
  EXPECT_EQ(n::F32Min(kNeg0, kPos0), kNeg0);
  EXPECT_EQ(n::F32Max(kNeg0, kPos0), kPos0);
  EXPECT_EQ(n::F32Max(kPos0, kNeg0), kPos0);
  EXPECT_EQ(n::F32Min(kOne, kNegInf), kNegInf);
  EXPECT_EQ(n::F32Max(kOne, kInf), kInf);
  EXPECT_EQ(n::F32Min(kNaN, kOne), kNaN);
  EXPECT_EQ(n::F32Max(kNegInf, kNegNaN), kNegNaN);
  // A signalling NaN operand comes back quiet (an arithmetic NaN).
  EXPECT_EQ(n::F32Min(kOne, kSNaN), 0x7FE00000u);
  EXPECT_EQ(n::F32Max(kSNaN, kOne), 0x7FE00000u);
  EXPECT_EQ(n::F64Min(kD0, kDNeg0), kDNeg0);
  EXPECT_EQ(n::F64Max(kDNeg0, kD0), kD0);
  EXPECT_TRUE(isArithmeticNaN64(n::F64Max(kDSNaN, kDOne)));
}

TEST(FloatOps, PseudoMinMaxReturnAnOperandUnchanged) {
  EXPECT_EQ(n::F32Pmin(kPos0, kNeg0), kPos0);  // -0 < +0 is false
  EXPECT_EQ(n::F32Pmax(kNeg0, kPos0), kNeg0);
  EXPECT_EQ(n::F32Pmin(kSNaN, kOne), kSNaN);
  EXPECT_EQ(n::F32Pmin(kOne, kSNaN), kOne);
  EXPECT_EQ(n::F32Pmax(kOne, kTwo), kTwo);
  EXPECT_EQ(n::F64Pmax(kDNaN, kDOne), kDNaN);
}

TEST(FloatOps, NearestTiesToEvenAndKeepsSignOfZero) {
  EXPECT_EQ(n::F32Nearest(0x3F000000u), kPos0);   // 0.5 -> 0
  EXPECT_EQ(n::F32Nearest(0xBF000000u), kNeg0);   // -0.5 -> -0
  EXPECT_EQ(n::F32Nearest(0x3FC00000u), kTwo);    // 1.5 -> 2
  EXPECT_EQ(n::F32Nearest(0x40200000u), kTwo);    // 2.5 -> 2
  EXPECT_EQ(n::F32Nearest(0x4B7FFFFFu), 0x4B7FFFFFu);  // 16777215, already integral
  EXPECT_EQ(n::F32Nearest(0x3F7FFFFFu), kOne);    // 0.99999994 -> 1
  EXPECT_EQ(n::F64Nearest(0x4004000000000000ull), 0x4000000000000000ull);  // 2.5 -> 2
  EXPECT_EQ(n::F64Nearest(0xBFE0000000000000ull), kDNeg0);               // -0.5 -> -0
  EXPECT_TRUE(isArithmeticNaN32(n::F32Nearest(kSNaN)));
}

TEST(FloatOps, CeilFloorTruncSqrt) {
  EXPECT_EQ(n::F32Ceil(0xBF000000u), kNeg0);  // ceil(-0.5) = -0
  EXPECT_EQ(n::F32Floor(0x3F000000u), kPos0);
  EXPECT_EQ(n::F32Floor(0xBF000000u), kNegOne);
  EXPECT_EQ(n::F32Trunc(0xBFC00000u), kNegOne);  // trunc(-1.5) = -1
  EXPECT_EQ(n::F32Ceil(kInf), kInf);
  EXPECT_EQ(n::F32Sqrt(0x40800000u), kTwo);  // sqrt(4) = 2
  EXPECT_EQ(n::F32Sqrt(kNeg0), kNeg0);
  EXPECT_TRUE(isArithmeticNaN32(n::F32Sqrt(kNegOne)));
  EXPECT_EQ(n::F64Trunc(0xC00C000000000000ull), 0xC008000000000000ull);  // -3.5 -> -3
}

TEST(FloatOps, ArithmeticIsIeee) {
  EXPECT_EQ(n::F32Add(kOne, kOne), kTwo);
  EXPECT_EQ(n::F32Add(kNeg0, kNeg0), kNeg0);
  EXPECT_EQ(n::F32Add(kPos0, kNeg0), kPos0);
  EXPECT_EQ(n::F32Sub(kOne, kOne), kPos0);
  EXPECT_EQ(n::F32Div(kOne, kNeg0), kNegInf);
  EXPECT_TRUE(isArithmeticNaN32(n::F32Mul(kInf, kPos0)));
  EXPECT_TRUE(isArithmeticNaN32(n::F32Add(kSNaN, kOne)));
  // 1 + 2^-24 rounds to 1 (tie to even); 1 + 3*2^-24 rounds up.
  EXPECT_EQ(n::F32Add(kOne, 0x33800000u), kOne);
  EXPECT_EQ(n::F32Add(kOne, 0x34400000u), 0x3F800002u);
  EXPECT_TRUE(isArithmeticNaN64(n::F64Div(kD0, kD0)));
}

TEST(FloatOps, ComparisonsWithNaNAndZeros) {
  EXPECT_EQ(n::F32Eq(kPos0, kNeg0), 1u);
  EXPECT_EQ(n::F32Eq(kNaN, kNaN), 0u);
  EXPECT_EQ(n::F32Ne(kNaN, kNaN), 1u);
  EXPECT_EQ(n::F32Lt(kNaN, kOne), 0u);
  EXPECT_EQ(n::F32Ge(kNaN, kOne), 0u);
  EXPECT_EQ(n::F32Le(kNeg0, kPos0), 1u);
  EXPECT_EQ(n::F64Gt(kDOne, kD0), 1u);
  EXPECT_EQ(n::F64Lt(kDNaN, kDOne), 0u);
}

}  // namespace

namespace {

// ceil/floor/trunc/nearest of a signalling NaN must give an arithmetic (quiet)
// NaN; inlined rounding code can otherwise hand the operand back unchanged.
TEST(FloatOps, RoundingQuietsSignallingNaN) {
  EXPECT_EQ(n::F32Ceil(0xFFA00000u), 0xFFE00000u);
  EXPECT_EQ(n::F32Floor(0x7FA00000u), 0x7FE00000u);
  EXPECT_EQ(n::F32Trunc(0x7F800001u), 0x7FC00001u);
  EXPECT_EQ(n::F32Nearest(0x7FA00000u), 0x7FE00000u);
  EXPECT_EQ(n::F64Trunc(0xFFF4000000000000ull), 0xFFFC000000000000ull);
  EXPECT_EQ(n::F64Ceil(0x7FF0000000000001ull), 0x7FF8000000000001ull);
}

}  // namespace
