// Integer instructions against values worked out from the spec definitions.
#include <gtest/gtest.h>

#include "interp/numeric/numeric.h"

namespace n = wasmcap::interp::numeric;
using wasmcap::runtime::TrapKind;

namespace {

constexpr uint32_t kI32Min = 0x80000000u;
constexpr uint64_t kI64Min = 0x8000000000000000ull;

TEST(IntOps, SignedComparisonsReadTheTopBit) {
  EXPECT_EQ(n::I32LtS(kI32Min, 0), 1u);
  EXPECT_EQ(n::I32LtU(kI32Min, 0), 0u);
  EXPECT_EQ(n::I64GtS(0, kI64Min), 1u);
  EXPECT_EQ(n::I64GeU(0, kI64Min), 0u);
  EXPECT_EQ(n::I32LeS(0xFFFFFFFFu, 0xFFFFFFFFu), 1u);
  EXPECT_EQ(n::I32Eqz(0), 1u);
  EXPECT_EQ(n::I64Eqz(kI64Min), 0u);
}

TEST(IntOps, ArithmeticWraps) {
  EXPECT_EQ(n::I32Add(0x7FFFFFFFu, 1), kI32Min);
  EXPECT_EQ(n::I32Sub(0, 1), 0xFFFFFFFFu);
  EXPECT_EQ(n::I32Mul(0x10000u, 0x10000u), 0u);
  EXPECT_EQ(n::I64Mul(0x0123456789ABCDEFull, 0xFEDCBA9876543210ull), 0x2236D88FE5618CF0ull);
}

TEST(IntOps, ShiftAndRotateCountsAreModuloWidth) {
  EXPECT_EQ(n::I32Shl(1, 32), 1u);
  EXPECT_EQ(n::I32Shl(1, 33), 2u);
  EXPECT_EQ(n::I32ShrS(kI32Min, 31), 0xFFFFFFFFu);
  EXPECT_EQ(n::I32ShrU(kI32Min, 63), 1u);
  EXPECT_EQ(n::I64ShrS(kI64Min, 64), kI64Min);
  EXPECT_EQ(n::I64Shl(1, 0xFFFFFFFFFFFFFFFFull), kI64Min);
  EXPECT_EQ(n::I32Rotl(0x80000001u, 1), 3u);
  EXPECT_EQ(n::I32Rotr(1, 0xFFFFFFFFu), 2u);  // rotr by 31 == rotl by 1
  EXPECT_EQ(n::I64Rotl(0x8000000000000001ull, 65), 3ull);
}

TEST(IntOps, BitCounts) {
  EXPECT_EQ(n::I32Clz(0), 32u);
  EXPECT_EQ(n::I32Ctz(0), 32u);
  EXPECT_EQ(n::I64Clz(1), 63ull);
  EXPECT_EQ(n::I64Ctz(kI64Min), 63ull);
  EXPECT_EQ(n::I32Popcnt(0xFFFFFFFFu), 32u);
  EXPECT_EQ(n::I64Popcnt(0xAAAAAAAA55555555ull), 32ull);
}

TEST(IntOps, DivisionTraps) {
  auto r = n::I32DivS(kI32Min, 0xFFFFFFFFu);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.trap, TrapKind::IntegerOverflow);
  r = n::I32DivU(1, 0);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.trap, TrapKind::IntegerDivideByZero);
  r = n::I32RemS(1, 0);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.trap, TrapKind::IntegerDivideByZero);
  auto r64 = n::I64DivS(kI64Min, ~0ull);
  EXPECT_FALSE(r64.ok);
  EXPECT_EQ(r64.trap, TrapKind::IntegerOverflow);
  r64 = n::I64RemU(5, 0);
  EXPECT_EQ(r64.trap, TrapKind::IntegerDivideByZero);
}

TEST(IntOps, DivisionTruncatesTowardZero) {
  EXPECT_EQ(n::I32DivS(static_cast<uint32_t>(-7), 2).value, static_cast<uint32_t>(-3));
  EXPECT_EQ(n::I32RemS(static_cast<uint32_t>(-7), 2).value, static_cast<uint32_t>(-1));
  EXPECT_EQ(n::I32RemS(7, static_cast<uint32_t>(-2)).value, 1u);
  EXPECT_EQ(n::I32DivU(static_cast<uint32_t>(-7), 2).value, 0x7FFFFFFCu);
  // INT_MIN rem -1 is 0, not a trap.
  auto r = n::I32RemS(kI32Min, 0xFFFFFFFFu);
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.value, 0u);
  auto r64 = n::I64RemS(kI64Min, ~0ull);
  EXPECT_TRUE(r64.ok);
  EXPECT_EQ(r64.value, 0ull);
  EXPECT_EQ(n::I64DivS(kI64Min, 2).value, 0xC000000000000000ull);
}

TEST(IntOps, WidthChangesAndSignExtension) {
  EXPECT_EQ(n::I32WrapI64(0x123456789ull), 0x23456789u);
  EXPECT_EQ(n::I64ExtendI32S(kI32Min), 0xFFFFFFFF80000000ull);
  EXPECT_EQ(n::I64ExtendI32U(kI32Min), 0x80000000ull);
  EXPECT_EQ(n::I32Extend8S(0x180u), 0xFFFFFF80u);
  EXPECT_EQ(n::I32Extend8S(0x17Fu), 0x7Fu);
  EXPECT_EQ(n::I32Extend16S(0x8000u), 0xFFFF8000u);
  EXPECT_EQ(n::I64Extend8S(0xFFull), ~0ull);
  EXPECT_EQ(n::I64Extend16S(0x12347FFFull), 0x7FFFull);
  EXPECT_EQ(n::I64Extend32S(0x0000000080000000ull), 0xFFFFFFFF80000000ull);
}

}  // namespace
