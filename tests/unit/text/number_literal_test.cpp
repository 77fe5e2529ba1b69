#include "text/number_literal.h"

#include <gtest/gtest.h>

namespace wasmcap::text {
namespace {

uint64_t int32(std::string_view s) {
  uint64_t v = 0;
  EXPECT_EQ(parseInteger(s, 32, &v), LiteralStatus::Ok) << s;
  return v;
}
uint64_t int64(std::string_view s) {
  uint64_t v = 0;
  EXPECT_EQ(parseInteger(s, 64, &v), LiteralStatus::Ok) << s;
  return v;
}
uint32_t f32(std::string_view s) {
  uint32_t v = 0;
  EXPECT_EQ(parseFloat32(s, &v), LiteralStatus::Ok) << s;
  return v;
}
uint64_t f64(std::string_view s) {
  uint64_t v = 0;
  EXPECT_EQ(parseFloat64(s, &v), LiteralStatus::Ok) << s;
  return v;
}
LiteralStatus f32Status(std::string_view s) {
  uint32_t v = 0;
  return parseFloat32(s, &v);
}
LiteralStatus f64Status(std::string_view s) {
  uint64_t v = 0;
  return parseFloat64(s, &v);
}
LiteralStatus intStatus(std::string_view s, unsigned bits) {
  uint64_t v = 0;
  return parseInteger(s, bits, &v);
}

TEST(IntegerLiteral, RangesOfI32) {
  EXPECT_EQ(int32("0xffffffff"), 0xFFFFFFFFu);
  EXPECT_EQ(int32("4294967295"), 0xFFFFFFFFu);
  EXPECT_EQ(int32("-0x80000000"), 0x80000000u);
  EXPECT_EQ(int32("-2147483648"), 0x80000000u);
  EXPECT_EQ(int32("-1"), 0xFFFFFFFFu);
  EXPECT_EQ(int32("+7"), 7u);
  EXPECT_EQ(int32("+0x7fffffff"), 0x7FFFFFFFu);
  EXPECT_EQ(intStatus("+0x80000000", 32), LiteralStatus::OutOfRange);  // signed: below 2^31
  EXPECT_EQ(intStatus("0x100000000", 32), LiteralStatus::OutOfRange);
  EXPECT_EQ(intStatus("4294967296", 32), LiteralStatus::OutOfRange);
  EXPECT_EQ(intStatus("-0x80000001", 32), LiteralStatus::OutOfRange);
  EXPECT_EQ(intStatus("-2147483649", 32), LiteralStatus::OutOfRange);
}

TEST(IntegerLiteral, RangesOfI64) {
  EXPECT_EQ(int64("0xffffffffffffffff"), ~uint64_t(0));
  EXPECT_EQ(int64("-0x8000000000000000"), uint64_t(1) << 63);
  EXPECT_EQ(int64("-9223372036854775808"), uint64_t(1) << 63);
  EXPECT_EQ(intStatus("0x10000000000000000", 64), LiteralStatus::OutOfRange);
  EXPECT_EQ(intStatus("18446744073709551616", 64), LiteralStatus::OutOfRange);
  EXPECT_EQ(intStatus("-9223372036854775809", 64), LiteralStatus::OutOfRange);
}

TEST(IntegerLiteral, UnderscoresOnlyBetweenDigits) {
  EXPECT_EQ(int32("1_000_000"), 1000000u);
  EXPECT_EQ(int32("0xff_ff"), 0xFFFFu);
  EXPECT_EQ(intStatus("1__0", 32), LiteralStatus::NotANumber);
  EXPECT_EQ(intStatus("_1", 32), LiteralStatus::NotANumber);
  EXPECT_EQ(intStatus("1_", 32), LiteralStatus::NotANumber);
  EXPECT_EQ(intStatus("0x_1", 32), LiteralStatus::NotANumber);
  EXPECT_EQ(intStatus("0x", 32), LiteralStatus::NotANumber);
  EXPECT_EQ(intStatus("", 32), LiteralStatus::NotANumber);
  EXPECT_EQ(intStatus("1.0", 32), LiteralStatus::NotANumber);
}

TEST(IntegerLiteral, UnsignedRejectsSigns) {
  uint64_t v = 0;
  EXPECT_EQ(parseUnsigned("-1", 32, &v), LiteralStatus::NotANumber);
  EXPECT_EQ(parseUnsigned("+1", 32, &v), LiteralStatus::NotANumber);
  EXPECT_EQ(parseUnsigned("255", 8, &v), LiteralStatus::Ok);
  EXPECT_EQ(v, 255u);
  EXPECT_EQ(parseUnsigned("256", 8, &v), LiteralStatus::OutOfRange);
}

TEST(FloatLiteral, SimpleValues) {
  EXPECT_EQ(f32("1"), 0x3F800000u);
  EXPECT_EQ(f32("-0"), 0x80000000u);
  EXPECT_EQ(f32("1_000.5"), 0x447A2000u);
  EXPECT_EQ(f32("1."), 0x3F800000u);
  EXPECT_EQ(f32("1.5e1"), 0x41700000u);  // 15
  EXPECT_EQ(f32("0x1.8p1"), 0x40400000u);  // 3
  EXPECT_EQ(f32("0x10"), 0x41800000u);  // 16
  EXPECT_EQ(f64("0.1"), 0x3FB999999999999Aull);
  EXPECT_EQ(f64("-0x1p-1"), 0xBFE0000000000000ull);
}

TEST(FloatLiteral, InfinityAndNan) {
  EXPECT_EQ(f32("inf"), 0x7F800000u);
  EXPECT_EQ(f32("-inf"), 0xFF800000u);
  EXPECT_EQ(f32("+inf"), 0x7F800000u);
  EXPECT_EQ(f32("nan"), 0x7FC00000u);
  EXPECT_EQ(f32("-nan"), 0xFFC00000u);
  EXPECT_EQ(f32("nan:0x1"), 0x7F800001u);
  EXPECT_EQ(f32("-nan:0x7f_ffff"), 0xFFFFFFFFu);
  EXPECT_EQ(f32Status("nan:0x800000"), LiteralStatus::OutOfRange);
  EXPECT_EQ(f32Status("nan:0x0"), LiteralStatus::OutOfRange);
  EXPECT_EQ(f64("nan"), 0x7FF8000000000000ull);
  EXPECT_EQ(f64("nan:0xfffffffffffff"), 0x7FFFFFFFFFFFFFFFull);
  EXPECT_EQ(f64Status("nan:0x10000000000000"), LiteralStatus::OutOfRange);
}

TEST(FloatLiteral, RoundsToNearestEven) {
  // Subnormal boundary of f32: 2^-149 is the least positive value.
  EXPECT_EQ(f32("0x1p-149"), 0x00000001u);
  EXPECT_EQ(f32("0x1p-150"), 0x00000000u);    // halfway to zero: even is zero
  EXPECT_EQ(f32("0x1.8p-149"), 0x00000002u);  // halfway between 1 and 2 ulps: even is 2
  EXPECT_EQ(f32("0x1.000001p0"), 0x3F800000u);  // half an ulp above 1: ties to even (1)
  EXPECT_EQ(f32("0x1.0000010000000001p0"), 0x3F800001u);  // just above half an ulp
  EXPECT_EQ(f32("0x1.000003p0"), 0x3F800002u);  // halfway between 1 and 2 ulps
  EXPECT_EQ(f64("0x1p-1074"), 0x0000000000000001ull);
  EXPECT_EQ(f64("0x1p-1075"), 0x0000000000000000ull);
  // Decimal: 1 + 2^-24 is exactly halfway between 1 and the next f32.
  EXPECT_EQ(f32("1.000000059604644775390625"), 0x3F800000u);
  EXPECT_EQ(f32("1.000000059604644775390626"), 0x3F800001u);
}

TEST(FloatLiteral, OutOfRangeWhenRoundingToInfinity) {
  EXPECT_EQ(f32("0x1.fffffep127"), 0x7F7FFFFFu);
  EXPECT_EQ(f32("0x1.fffffefffffffp127"), 0x7F7FFFFFu);  // below the halfway point
  EXPECT_EQ(f32Status("0x1.ffffffp127"), LiteralStatus::OutOfRange);  // halfway rounds up
  EXPECT_EQ(f32Status("0x1p128"), LiteralStatus::OutOfRange);
  EXPECT_EQ(f32("3.4028235e38"), 0x7F7FFFFFu);
  EXPECT_EQ(f32Status("3.4028236e38"), LiteralStatus::OutOfRange);
  EXPECT_EQ(f64Status("1e309"), LiteralStatus::OutOfRange);
  EXPECT_EQ(f64("1e-400"), 0u);  // underflow to zero is fine
}

TEST(FloatLiteral, Syntax) {
  EXPECT_EQ(f32Status(".5"), LiteralStatus::NotANumber);
  EXPECT_EQ(f32Status("1e"), LiteralStatus::NotANumber);
  EXPECT_EQ(f32Status("1._5"), LiteralStatus::NotANumber);
  EXPECT_EQ(f32Status("0x"), LiteralStatus::NotANumber);
  EXPECT_EQ(f32Status("0x1p"), LiteralStatus::NotANumber);
  EXPECT_EQ(f32Status("0x.8"), LiteralStatus::NotANumber);
  EXPECT_EQ(f32Status("infinity"), LiteralStatus::NotANumber);
  EXPECT_EQ(f32Status("nan:canonical"), LiteralStatus::NotANumber);
  EXPECT_EQ(f32Status("1e+"), LiteralStatus::NotANumber);
  EXPECT_EQ(f32("1e+1_0"), f32("10000000000"));
}

}  // namespace
}  // namespace wasmcap::text
