#include "script/value_match.h"

#include <gtest/gtest.h>

using namespace wasmcap;
using script::matchesNan32;
using script::matchesNan64;
using text::NanPattern;

TEST(NanPattern, CanonicalF32AcceptsOnlyTheQuietBitPayload) {
  EXPECT_TRUE(matchesNan32(0x7fc00000u, NanPattern::Canonical));
  EXPECT_TRUE(matchesNan32(0xffc00000u, NanPattern::Canonical));  // sign is free
  EXPECT_FALSE(matchesNan32(0x7fc00001u, NanPattern::Canonical));
  EXPECT_FALSE(matchesNan32(0x7fa00000u, NanPattern::Canonical));  // signalling
  EXPECT_FALSE(matchesNan32(0x7f800000u, NanPattern::Canonical));  // infinity
  EXPECT_FALSE(matchesNan32(0x3f800000u, NanPattern::Canonical));  // 1.0
}

TEST(NanPattern, ArithmeticF32NeedsTheQuietBit) {
  EXPECT_TRUE(matchesNan32(0x7fc00000u, NanPattern::Arithmetic));
  EXPECT_TRUE(matchesNan32(0x7fffffffu, NanPattern::Arithmetic));
  EXPECT_TRUE(matchesNan32(0xffc00123u, NanPattern::Arithmetic));
  EXPECT_FALSE(matchesNan32(0x7f800001u, NanPattern::Arithmetic));  // signalling
  EXPECT_FALSE(matchesNan32(0x7f800000u, NanPattern::Arithmetic));
  EXPECT_FALSE(matchesNan32(0x00400000u, NanPattern::Arithmetic));  // quiet bit alone is a denormal
}

TEST(NanPattern, F64Patterns) {
  EXPECT_TRUE(matchesNan64(0x7ff8000000000000ull, NanPattern::Canonical));
  EXPECT_TRUE(matchesNan64(0xfff8000000000000ull, NanPattern::Canonical));
  EXPECT_FALSE(matchesNan64(0x7ff8000000000001ull, NanPattern::Canonical));
  EXPECT_TRUE(matchesNan64(0x7ff8000000000001ull, NanPattern::Arithmetic));
  EXPECT_FALSE(matchesNan64(0x7ff4000000000000ull, NanPattern::Arithmetic));
  EXPECT_FALSE(matchesNan64(0x7ff0000000000000ull, NanPattern::Arithmetic));
  EXPECT_FALSE(matchesNan64(0x7fc0000000000000ull, NanPattern::Arithmetic));  // an f32 NaN's bits
}

namespace {

text::ScriptExpected exactI32(uint32_t v) {
  text::ScriptExpected e;
  e.type = ir::ValType::i32();
  e.bits = v;
  return e;
}

text::ScriptExpected lanes(unsigned laneBits, bool isFloat, std::vector<uint64_t> values,
                           std::vector<NanPattern> nans = {}) {
  text::ScriptExpected e;
  e.type = ir::ValType::v128();
  e.laneBits = static_cast<uint8_t>(laneBits);
  e.laneIsFloat = isFloat;
  e.laneValues = std::move(values);
  e.laneNans = std::move(nans);
  return e;
}

runtime::V128 bytesOf(std::initializer_list<uint8_t> b) {
  runtime::V128 v;
  size_t i = 0;
  for (uint8_t x : b) v.bytes[i++] = x;
  return v;
}

}  // namespace

TEST(LaneCompare, ReadsLanesLittleEndian) {
  runtime::V128 v = bytesOf({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
  EXPECT_EQ(script::laneValue(v, 8, 15), 16u);
  EXPECT_EQ(script::laneValue(v, 16, 1), 0x0403u);
  EXPECT_EQ(script::laneValue(v, 32, 3), 0x100f0e0du);
  EXPECT_EQ(script::laneValue(v, 64, 0), 0x0807060504030201ull);
}

TEST(LaneCompare, ExactLanesInEachShape) {
  runtime::V128 v = bytesOf({1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 0xff, 0xff, 0xff, 0xff});
  EXPECT_TRUE(script::matchesV128(v, lanes(32, false, {1, 2, 3, 0xffffffff})));
  EXPECT_FALSE(script::matchesV128(v, lanes(32, false, {1, 2, 3, 0xfffffffe})));
  EXPECT_TRUE(script::matchesV128(v, lanes(16, false, {1, 0, 2, 0, 3, 0, 0xffff, 0xffff})));
  EXPECT_TRUE(script::matchesV128(v, lanes(64, false, {0x0000000200000001ull, 0xffffffff00000003ull})));
  // A wrong lane count never matches.
  EXPECT_FALSE(script::matchesV128(v, lanes(32, false, {1, 2, 3})));
}

TEST(LaneCompare, NanPatternsPerFloatLane) {
  runtime::V128 v;
  const uint32_t f32Lanes[4] = {0x7fc00000u, 0x7fc00001u, 0x3f800000u, 0xffc00000u};
  std::memcpy(v.bytes, f32Lanes, 16);
  EXPECT_TRUE(script::matchesV128(
      v, lanes(32, true, {0, 0, 0x3f800000u, 0},
               {NanPattern::Canonical, NanPattern::Arithmetic, NanPattern::None, NanPattern::Canonical})));
  EXPECT_FALSE(script::matchesV128(
      v, lanes(32, true, {0, 0, 0x3f800000u, 0},
               {NanPattern::Canonical, NanPattern::Canonical, NanPattern::None, NanPattern::Canonical})));
  const uint64_t f64Lanes[2] = {0x7ff8000000000000ull, 0x7ff0000000000001ull};
  std::memcpy(v.bytes, f64Lanes, 16);
  EXPECT_TRUE(script::matchesV128(v, lanes(64, true, {0, 0x7ff0000000000001ull}, {NanPattern::Canonical, NanPattern::None})));
  EXPECT_FALSE(script::matchesV128(v, lanes(64, true, {0, 0}, {NanPattern::Canonical, NanPattern::Arithmetic})));
}

TEST(ValueMatch, TypesAndBitsMustAgree) {
  script::ExternRefs externs;
  EXPECT_TRUE(script::matchesValue(runtime::Value::i32(7), exactI32(7), externs));
  EXPECT_FALSE(script::matchesValue(runtime::Value::i32(8), exactI32(7), externs));
  EXPECT_FALSE(script::matchesValue(runtime::Value::i64(7), exactI32(7), externs));

  text::ScriptExpected negZero;
  negZero.type = ir::ValType::f32();
  negZero.bits = 0x80000000u;
  EXPECT_TRUE(script::matchesValue(runtime::Value::f32Bits(0x80000000u), negZero, externs));
  EXPECT_FALSE(script::matchesValue(runtime::Value::f32Bits(0), negZero, externs));  // +0 != -0 bitwise
}

TEST(ValueMatch, References) {
  script::ExternRefs externs;
  runtime::Ref one = externs.refFor(1);
  EXPECT_NE(one, nullptr);
  EXPECT_EQ(externs.refFor(1), one);
  EXPECT_NE(externs.refFor(2), one);
  EXPECT_EQ(externs.indexOf(one), 1u);

  text::ScriptExpected extern1;
  extern1.type = ir::ValType::externref();
  extern1.externIndex = 1;
  EXPECT_TRUE(script::matchesValue(runtime::Value::ref(ir::ValType::externref(), one), extern1, externs));
  EXPECT_FALSE(script::matchesValue(runtime::Value::ref(ir::ValType::externref(), externs.refFor(2)), extern1, externs));
  EXPECT_FALSE(script::matchesValue(runtime::Value::ref(ir::ValType::externref(), nullptr), extern1, externs));

  text::ScriptExpected nullFunc;
  nullFunc.type = ir::ValType::funcref();
  nullFunc.refNull = true;
  EXPECT_TRUE(script::matchesValue(runtime::Value::ref(ir::ValType::funcref(), nullptr), nullFunc, externs));
  EXPECT_FALSE(script::matchesValue(runtime::Value::ref(ir::ValType::externref(), nullptr), nullFunc, externs));

  text::ScriptExpected anyFunc;
  anyFunc.type = ir::ValType::funcref();
  anyFunc.refAnyFunc = true;
  int dummy = 0;
  EXPECT_TRUE(script::matchesValue(runtime::Value::ref(ir::ValType::funcref(), &dummy), anyFunc, externs));
  EXPECT_FALSE(script::matchesValue(runtime::Value::ref(ir::ValType::funcref(), nullptr), anyFunc, externs));
}

TEST(ValueMatch, ResultListsCompareInOrder) {
  script::ExternRefs externs;
  std::vector<runtime::Value> actual = {runtime::Value::i32(1), runtime::Value::i32(2)};
  std::vector<text::ScriptExpected> same = {exactI32(1), exactI32(2)};
  std::vector<text::ScriptExpected> swapped = {exactI32(2), exactI32(1)};
  std::vector<text::ScriptExpected> shorter = {exactI32(1)};
  EXPECT_TRUE(script::matchesResults(actual, same, externs));
  EXPECT_FALSE(script::matchesResults(actual, swapped, externs));
  EXPECT_FALSE(script::matchesResults(actual, shorter, externs));
}

TEST(ValueMatch, DescriptionsNameTypeAndPattern) {
  text::ScriptExpected nan;
  nan.type = ir::ValType::f64();
  nan.nan = NanPattern::Arithmetic;
  EXPECT_EQ(script::describeExpected(nan), "f64:nan:arithmetic");
  EXPECT_EQ(script::describeExpected(exactI32(0xffffffffu)), "i32:-1");
  EXPECT_EQ(script::describeExpected(lanes(16, false, {1, 2, 3, 4, 5, 6, 7, 0xffff})),
            "v128:i16x8:0x0001 0x0002 0x0003 0x0004 0x0005 0x0006 0x0007 0xffff");
}
