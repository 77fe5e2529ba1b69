#include "script/value_text.h"

#include <gtest/gtest.h>

using namespace wasmcap;
using script::parseValue;

namespace {

uint32_t i32Of(std::string_view s) {
  auto v = parseValue(ir::ValType::i32(), s);
  EXPECT_TRUE(v.ok()) << s;
  return v.ok() ? v->raw.i32 : 0xdeadbeef;
}
uint64_t i64Of(std::string_view s) {
  auto v = parseValue(ir::ValType::i64(), s);
  EXPECT_TRUE(v.ok()) << s;
  return v.ok() ? v->raw.i64 : 0xdeadbeef;
}
uint32_t f32Of(std::string_view s) {
  auto v = parseValue(ir::ValType::f32(), s);
  EXPECT_TRUE(v.ok()) << s;
  return v.ok() ? v->raw.f32 : 0xdeadbeef;
}
uint64_t f64Of(std::string_view s) {
  auto v = parseValue(ir::ValType::f64(), s);
  EXPECT_TRUE(v.ok()) << s;
  return v.ok() ? v->raw.f64 : 0xdeadbeef;
}
bool rejects(ir::ValType t, std::string_view s) {
  auto v = parseValue(t, s);
  return !v.ok() && v.error().code == ErrorCode::Usage;
}

}  // namespace

TEST(ParseValue, Integers) {
  EXPECT_EQ(i32Of("42"), 42u);
  EXPECT_EQ(i32Of("-1"), 0xffffffffu);
  EXPECT_EQ(i32Of("+7"), 7u);
  EXPECT_EQ(i32Of("0x7fffffff"), 0x7fffffffu);
  EXPECT_EQ(i32Of("4294967295"), 0xffffffffu);
  EXPECT_EQ(i32Of("-2147483648"), 0x80000000u);
  EXPECT_EQ(i64Of("-9223372036854775808"), 0x8000000000000000ull);
  EXPECT_EQ(i64Of("18446744073709551615"), 0xffffffffffffffffull);
  EXPECT_EQ(i64Of("0XABCDEF0123456789"), 0xabcdef0123456789ull);
}

TEST(ParseValue, IntegersOutOfRangeOrBadAreRejected) {
  EXPECT_TRUE(rejects(ir::ValType::i32(), "4294967296"));
  EXPECT_TRUE(rejects(ir::ValType::i32(), "-2147483649"));
  EXPECT_TRUE(rejects(ir::ValType::i32(), ""));
  EXPECT_TRUE(rejects(ir::ValType::i32(), "12abc"));
  EXPECT_TRUE(rejects(ir::ValType::i32(), "0x"));
  EXPECT_TRUE(rejects(ir::ValType::i64(), "18446744073709551616"));
  EXPECT_TRUE(rejects(ir::ValType::i64(), "1.5"));
}

TEST(ParseValue, Floats) {
  EXPECT_EQ(f32Of("1.5"), 0x3fc00000u);
  EXPECT_EQ(f32Of("-0"), 0x80000000u);
  EXPECT_EQ(f32Of("0x1p-149"), 0x00000001u);  // smallest denormal
  EXPECT_EQ(f32Of("inf"), 0x7f800000u);
  EXPECT_EQ(f32Of("-inf"), 0xff800000u);
  EXPECT_EQ(f32Of("nan"), 0x7fc00000u);
  EXPECT_EQ(f32Of("-nan"), 0xffc00000u);
  EXPECT_EQ(f32Of("nan:0x1"), 0x7f800001u);
  EXPECT_EQ(f64Of("0.1"), 0x3fb999999999999aull);
  EXPECT_EQ(f64Of("-nan:0x4"), 0xfff0000000000004ull);
  EXPECT_EQ(f64Of("1e308"), 0x7fe1ccf385ebc8a0ull);
}

TEST(ParseValue, BadFloatsAreRejected) {
  EXPECT_TRUE(rejects(ir::ValType::f32(), "nan:0x0"));        // payload must be non-zero
  EXPECT_TRUE(rejects(ir::ValType::f32(), "nan:0x800000"));   // payload wider than 23 bits
  EXPECT_TRUE(rejects(ir::ValType::f32(), "1e39"));           // overflows f32
  EXPECT_TRUE(rejects(ir::ValType::f64(), "1.0x"));
  EXPECT_TRUE(rejects(ir::ValType::f64(), " 1"));
}

TEST(ParseValue, VectorsAndReferences) {
  auto v = parseValue(ir::ValType::v128(), "0x000102030405060708090a0b0c0d0e0f");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->raw.v128.bytes[0], 0x0f);  // most significant byte first in the text
  EXPECT_EQ(v->raw.v128.bytes[15], 0x00);
  EXPECT_TRUE(rejects(ir::ValType::v128(), "0x00"));
  auto null = parseValue(ir::ValType::externref(), "null");
  ASSERT_TRUE(null.ok());
  EXPECT_EQ(null->raw.ref, nullptr);
  EXPECT_TRUE(rejects(ir::ValType::funcref(), "3"));
}

TEST(FormatValue, PrintsTypeAndShortestValue) {
  EXPECT_EQ(script::formatValue(runtime::Value::i32(0xffffffffu)), "i32:-1");
  EXPECT_EQ(script::formatValue(runtime::Value::i64(42)), "i64:42");
  EXPECT_EQ(script::formatValue(runtime::Value::f32(1.5f)), "f32:1.5");
  EXPECT_EQ(script::formatValue(runtime::Value::f32(0.1f)), "f32:0.1");
  EXPECT_EQ(script::formatValue(runtime::Value::f64(0.1)), "f64:0.1");
  EXPECT_EQ(script::formatValue(runtime::Value::f64Bits(0xfff0000000000000ull)), "f64:-inf");
  EXPECT_EQ(script::formatValue(runtime::Value::f32Bits(0x7fc00000u)), "f32:nan");
  EXPECT_EQ(script::formatValue(runtime::Value::f32Bits(0x7f800001u)), "f32:nan:0x1");
  EXPECT_EQ(script::formatValue(runtime::Value::ref(ir::ValType::funcref(), nullptr)), "funcref:null");
}

TEST(FormatValue, RoundTripsThroughParse) {
  for (uint32_t bits : {0x00000001u, 0x3eaaaaabu, 0x7f7fffffu, 0x80800000u, 0x4b800001u}) {
    std::string text = script::formatF32(bits);
    EXPECT_EQ(f32Of(text), bits) << text;
  }
  for (uint64_t bits : {0x0000000000000001ull, 0x3fd5555555555555ull, 0x7fefffffffffffffull}) {
    std::string text = script::formatF64(bits);
    EXPECT_EQ(f64Of(text), bits) << text;
  }
}
