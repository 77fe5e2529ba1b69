#include <gtest/gtest.h>

#include <cmath>
#include <wasmcap/wasmcap.hpp>

namespace wasmcap {
namespace {

TEST(Value, NumbersKeepTheirTypeAndBits) {
  EXPECT_EQ(Value::i32(-5).i32(), -5);
  EXPECT_EQ(Value::i32(-5).type(), ValType::i32());
  EXPECT_EQ(Value::i64(INT64_MIN).i64(), INT64_MIN);
  EXPECT_EQ(Value::f32(1.5f).f32(), 1.5f);
  EXPECT_EQ(Value::f64(-2.25).f64(), -2.25);
  // A NaN with a payload survives bit for bit.
  Value nan = Value::f32Bits(0x7fa00001);
  EXPECT_TRUE(std::isnan(nan.f32()));
  EXPECT_EQ(nan.f32Bits(), 0x7fa00001u);
  EXPECT_EQ(Value::f64Bits(0xfff0000000000001ull).f64Bits(), 0xfff0000000000001ull);
  V128 v;
  for (int i = 0; i < 16; ++i) v.bytes[i] = static_cast<uint8_t>(i);
  EXPECT_EQ(Value::v128(v).v128(), v);
  EXPECT_EQ(Value(ValType::f64()).f64Bits(), 0u);
}

TEST(Value, ReferencesAndNull) {
  int host = 0;
  Value e = Value::externref({&host});
  EXPECT_EQ(e.externref().ptr, &host);
  EXPECT_FALSE(e.isNullRef());
  EXPECT_TRUE(Value(ValType::externref()).isNullRef());
  EXPECT_TRUE(Value(ValType::funcref()).isNullRef());
  EXPECT_FALSE(Value(ValType::funcref()).funcref().has_value());
  EXPECT_FALSE(Value::i32(0).isNullRef());
}

TEST(Value, EqualityComparesTypeAndBits) {
  EXPECT_EQ(Value::i32(1), Value::i32(1));
  EXPECT_NE(Value::i32(1), Value::i64(1));
  EXPECT_NE(Value::f32Bits(0x7fc00000), Value::f32Bits(0x7fc00001));
  int a = 0, b = 0;
  EXPECT_EQ(Value::externref({&a}), Value::externref({&a}));
  EXPECT_NE(Value::externref({&a}), Value::externref({&b}));
}

TEST(Value, ToStringAndParseRoundTrip) {
  EXPECT_EQ(Value::i32(42).toString(), "i32:42");
  EXPECT_EQ(Value::i32(-1).toString(), "i32:-1");
  EXPECT_EQ(Value::f64(-1.5).toString(), "f64:-1.5");
  EXPECT_EQ(Value(ValType::funcref()).toString(), "funcref:null");
  for (auto [type, text] : std::vector<std::pair<ValType, const char*>>{
           {ValType::i32(), "0x7fffffff"}, {ValType::i64(), "-9"}, {ValType::f32(), "nan:0x200000"},
           {ValType::f64(), "-inf"}, {ValType::f64(), "0x1p-1074"}}) {
    Result<Value> v = Value::parse(type, text);
    ASSERT_TRUE(v) << text << ": " << v.error().describe();
    EXPECT_EQ(v->type(), type);
    Result<Value> again = Value::parse(type, v->toString().substr(v->toString().find(':') + 1));
    ASSERT_TRUE(again) << v->toString();
    EXPECT_EQ(*again, *v) << text;
  }
  EXPECT_EQ(Value::parse(ValType::i32(), "-1")->i32(), -1);
  EXPECT_TRUE(Value::parse(ValType::externref(), "null")->isNullRef());
  EXPECT_FALSE(Value::parse(ValType::i32(), "4294967296"));
  EXPECT_FALSE(Value::parse(ValType::i32(), "twelve"));
}

TEST(Types, NamesAndKinds) {
  EXPECT_STREQ(ValType::v128().name(), "v128");
  EXPECT_TRUE(ValType::externref().isRef());
  EXPECT_TRUE(ValType::f64().isNum());
  EXPECT_FALSE(ValType::v128().isNum());
  EXPECT_EQ((FuncType{{ValType::i32()}, {}}).toString(), "(i32) -> ()");
  EXPECT_STREQ(externKindName(ExternKind::Memory), "memory");
  ExternType t(GlobalType{ValType::i32(), true});
  EXPECT_EQ(t.kind(), ExternKind::Global);
  EXPECT_EQ(t.func(), nullptr);
  ASSERT_NE(t.global(), nullptr);
  EXPECT_TRUE(t.global()->isMutable);
}

TEST(ErrorText, DescribeNamesTheCodeAndPlace) {
  Error e(ErrorCode::Malformed, "unexpected end");
  e.inSection("code").at(0x1f);
  EXPECT_EQ(e.describe(), "malformed in section code at offset 0x1f: unexpected end");
  Error t = hostTrap("no such key");
  EXPECT_EQ(t.code, ErrorCode::Trap);
  ASSERT_TRUE(t.trap);
  EXPECT_EQ(t.trap->kind, TrapKind::Host);
  EXPECT_EQ(t.describe(), "trap: no such key");
}

}  // namespace
}  // namespace wasmcap
