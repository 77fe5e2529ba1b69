// Conversions against values worked out from the spec (and conversions.wast).
#include <gtest/gtest.h>

#include "interp/numeric/numeric.h"

namespace n = wasmcap::interp::numeric;
using wasmcap::runtime::TrapKind;

namespace {

template <typename T>
void expectTrap(n::Checked<T> r, TrapKind kind) {
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.trap, kind);
}

template <typename T>
void expectValue(n::Checked<T> r, std::type_identity_t<T> value) {
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.value, value);
}

TEST(Conversions, TrappingTruncationBoundsF32ToI32) {
  expectValue(n::I32TruncF32S(0xCF000000u), 0x80000000u);  // -2^31 fits
  expectTrap(n::I32TruncF32S(0x4F000000u), TrapKind::IntegerOverflow);  // 2^31
  expectValue(n::I32TruncF32S(0x4EFFFFFFu), 2147483520u);  // largest f32 below 2^31
  expectTrap(n::I32TruncF32S(0xCF000001u), TrapKind::IntegerOverflow);
  expectTrap(n::I32TruncF32S(0x7FC00000u), TrapKind::InvalidConversion);
  expectTrap(n::I32TruncF32S(0xFF800000u), TrapKind::IntegerOverflow);  // -inf
  expectValue(n::I32TruncF32S(0xBFE66666u), 0xFFFFFFFFu);  // -1.8 -> -1
  expectValue(n::I32TruncF32U(0xBF666666u), 0u);  // -0.9 -> 0
  expectTrap(n::I32TruncF32U(0xBF800000u), TrapKind::IntegerOverflow);  // -1
  expectValue(n::I32TruncF32U(0x4F7FFFFFu), 4294967040u);
  expectTrap(n::I32TruncF32U(0x4F800000u), TrapKind::IntegerOverflow);  // 2^32
}

TEST(Conversions, TrappingTruncationBoundsF64) {
  // -2147483648.9 truncates to INT32_MIN; -2147483649 does not fit.
  expectValue(n::I32TruncF64S(0xC1E00000001CCCCDull), 0x80000000u);
  expectTrap(n::I32TruncF64S(0xC1E0000000200000ull), TrapKind::IntegerOverflow);
  expectValue(n::I32TruncF64S(0x41DFFFFFFFFFFFFFull), 0x7FFFFFFFu);  // 2147483647.99...
  expectTrap(n::I32TruncF64S(0x41E0000000000000ull), TrapKind::IntegerOverflow);
  expectValue(n::I32TruncF64U(0x41EFFFFFFFE00000ull), 0xFFFFFFFFu);  // 4294967295
  expectTrap(n::I32TruncF64U(0x41F0000000000000ull), TrapKind::IntegerOverflow);
  expectValue(n::I32TruncF64U(0xBFEFFFFFFFFFFFFFull), 0u);  // -0.99999...
  expectValue(n::I64TruncF64S(0xC3E0000000000000ull), 0x8000000000000000ull);
  expectTrap(n::I64TruncF64S(0x43E0000000000000ull), TrapKind::IntegerOverflow);  // 2^63
  expectValue(n::I64TruncF64U(0x43EFFFFFFFFFFFFFull), 0xFFFFFFFFFFFFF800ull);
  expectTrap(n::I64TruncF64U(0x43F0000000000000ull), TrapKind::IntegerOverflow);  // 2^64
  expectTrap(n::I64TruncF64U(0xFFF8000000000000ull), TrapKind::InvalidConversion);
  expectValue(n::I64TruncF32S(0xDF000000u), 0x8000000000000000ull);
  expectTrap(n::I64TruncF32U(0x5F800000u), TrapKind::IntegerOverflow);
  expectValue(n::I64TruncF32U(0x5F7FFFFFu), 0xFFFFFF0000000000ull);
}

TEST(Conversions, SaturatingTruncation) {
  EXPECT_EQ(n::I32TruncSatF32S(0x7FC00000u), 0u);
  EXPECT_EQ(n::I32TruncSatF32S(0xFFC00000u), 0u);
  EXPECT_EQ(n::I32TruncSatF32S(0x4F000000u), 0x7FFFFFFFu);
  EXPECT_EQ(n::I32TruncSatF32S(0xFF800000u), 0x80000000u);
  EXPECT_EQ(n::I32TruncSatF32U(0xBF800000u), 0u);
  EXPECT_EQ(n::I32TruncSatF32U(0x7F800000u), 0xFFFFFFFFu);
  EXPECT_EQ(n::I32TruncSatF64S(0xC1E0000000200000ull), 0x80000000u);
  EXPECT_EQ(n::I32TruncSatF64U(0x41F0000000000000ull), 0xFFFFFFFFu);
  EXPECT_EQ(n::I64TruncSatF32S(0x5F000000u), 0x7FFFFFFFFFFFFFFFull);
  EXPECT_EQ(n::I64TruncSatF64S(0xFFF0000000000000ull), 0x8000000000000000ull);
  EXPECT_EQ(n::I64TruncSatF64U(0x43F0000000000000ull), ~0ull);
  EXPECT_EQ(n::I64TruncSatF64U(0xC000000000000000ull), 0ull);
  EXPECT_EQ(n::I64TruncSatF32U(0x7FA00000u), 0ull);
}

TEST(Conversions, IntToFloatRoundsOnceToNearestEven) {
  EXPECT_EQ(n::F32ConvertI32S(0x80000000u), 0xCF000000u);
  EXPECT_EQ(n::F32ConvertI32U(0xFFFFFFFFu), 0x4F800000u);
  // 16777217 is halfway between 2^24 and 2^24+2: ties to even (2^24).
  EXPECT_EQ(n::F32ConvertI32S(16777217u), 0x4B800000u);
  EXPECT_EQ(n::F32ConvertI32S(16777219u), 0x4B800002u);
  // u64 -> f32 in one step: 2^63 + 2^39 + 1 is just above a tie, so it rounds
  // up to 2^63 + 2^40; rounding first to f64 would give the tie and round down.
  EXPECT_EQ(n::F32ConvertI64U(0x8000008000000001ull), 0x5F000001u);
  EXPECT_EQ(n::F32ConvertI64U(0x8000008000000000ull), 0x5F000000u);  // exact tie -> even
  EXPECT_EQ(n::F32ConvertI64U(~0ull), 0x5F800000u);
  EXPECT_EQ(n::F32ConvertI64S(0x8000000000000000ull), 0xDF000000u);
  EXPECT_EQ(n::F32ConvertI64S(0x0020000020000001ull), 0x5A000001u);
  EXPECT_EQ(n::F64ConvertI64U(~0ull), 0x43F0000000000000ull);
  EXPECT_EQ(n::F64ConvertI64U(0x8000000000000401ull), 0x43E0000000000001ull);
  EXPECT_EQ(n::F64ConvertI64S(0x0020000000000001ull), 0x4340000000000000ull);  // 2^53+1 -> 2^53
  EXPECT_EQ(n::F64ConvertI32U(0x80000000u), 0x41E0000000000000ull);
  EXPECT_EQ(n::F64ConvertI32S(0xFFFFFFFFu), 0xBFF0000000000000ull);
}

TEST(Conversions, DemoteAndPromote) {
  EXPECT_EQ(n::F32DemoteF64(0x8000000000000000ull), 0x80000000u);
  EXPECT_EQ(n::F32DemoteF64(0x47EFFFFFE0000000ull), 0x7F7FFFFFu);  // largest f32 converts exactly
  EXPECT_EQ(n::F32DemoteF64(0x47EFFFFFE0000001ull), 0x7F7FFFFFu);  // just above: rounds down
  EXPECT_EQ(n::F32DemoteF64(0x47EFFFFFF0000000ull), 0x7F800000u);  // halfway to 2^128: even is inf
  EXPECT_EQ(n::F32DemoteF64(0x3690000000000000ull), 0x00000000u);  // 2^-150: tie between 0 and 2^-149
  EXPECT_EQ(n::F32DemoteF64(0x3690000000000001ull), 0x00000001u);  // just above the tie
  EXPECT_EQ(n::F32DemoteF64(0x7FF8000000000000ull), 0x7FC00000u);
  EXPECT_EQ(n::F64PromoteF32(0x00000001u), 0x36A0000000000000ull);  // 2^-149
  EXPECT_EQ(n::F64PromoteF32(0xFF800000u), 0xFFF0000000000000ull);
  EXPECT_EQ(n::F64PromoteF32(0x7FC00000u), 0x7FF8000000000000ull);
  uint64_t q = n::F64PromoteF32(0x7FA00000u);  // signalling in, quiet out
  EXPECT_EQ(q & 0x7FF8000000000000ull, 0x7FF8000000000000ull);
}

TEST(Conversions, ReinterpretKeepsBits) {
  EXPECT_EQ(n::I32ReinterpretF32(0x7FA00001u), 0x7FA00001u);
  EXPECT_EQ(n::F64ReinterpretI64(0xFFF0000000000001ull), 0xFFF0000000000001ull);
}

}  // namespace
