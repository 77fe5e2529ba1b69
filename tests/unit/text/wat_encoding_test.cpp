// Encodings of representative modules and instructions. Expected bytes are
// worked out by hand from the binary format chapter of the spec.
#include <gtest/gtest.h>

#include <map>

#include "text/wat.h"

namespace wasmcap::text {
namespace {

using Bytes = std::vector<uint8_t>;

Bytes wat(std::string_view text) {
  auto r = watToBinary(text);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().describe());
  return r.ok() ? *r : Bytes{};
}

uint32_t readLeb(const Bytes& b, size_t& i) {
  uint32_t v = 0;
  for (unsigned shift = 0;; shift += 7) {
    uint8_t byte = b.at(i++);
    v |= uint32_t(byte & 0x7F) << shift;
    if (!(byte & 0x80)) return v;
  }
}

// Section id -> payload (the last custom section wins; tests only look at "name").
std::map<uint8_t, Bytes> sections(const Bytes& module) {
  std::map<uint8_t, Bytes> out;
  size_t i = 8;
  while (i < module.size()) {
    uint8_t id = module[i++];
    uint32_t size = readLeb(module, i);
    out[id] = Bytes(module.begin() + i, module.begin() + i + size);
    i += size;
  }
  return out;
}

// A function body (local declarations and code, without its size); `index`
// counts defined functions, -1 for the last one.
Bytes bodyAt(const Bytes& module, int index) {
  Bytes code = sections(module)[10];
  if (code.empty()) return {};
  size_t i = 0;
  uint32_t count = readLeb(code, i);
  if (index < 0) index = static_cast<int>(count) - 1;
  for (int k = 0;; ++k) {
    uint32_t size = readLeb(code, i);
    if (k == index) return Bytes(code.begin() + i, code.begin() + i + size);
    i += size;
  }
}
Bytes firstBody(const Bytes& module) { return bodyAt(module, 0); }

// The instructions of a one-function module whose function has no locals,
// without the local count and the final `end`.
Bytes code(std::string_view funcBody, std::string_view prelude = "") {
  std::string text = "(module " + std::string(prelude) + " (func " + std::string(funcBody) + "))";
  Bytes body = bodyAt(wat(text), -1);
  if (body.size() < 2) return {};
  EXPECT_EQ(body.front(), 0x00) << "unexpected locals";
  EXPECT_EQ(body.back(), 0x0B);
  return Bytes(body.begin() + 1, body.end() - 1);
}

TEST(WatEncoding, EmptyModule) {
  EXPECT_EQ(wat("(module)"), (Bytes{0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00}));
  EXPECT_EQ(wat(""), wat("(module)"));
}

TEST(WatEncoding, WholeSmallModule) {
  Bytes expected = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
                    0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7F,               // type: [] -> [i32]
                    0x03, 0x02, 0x01, 0x00,                                 // function: type 0
                    0x07, 0x05, 0x01, 0x01, 'f', 0x00, 0x00,                // export "f" func 0
                    0x0A, 0x09, 0x01, 0x07, 0x00, 0x41, 0x01, 0x41, 0x02, 0x6A, 0x0B};
  EXPECT_EQ(wat("(module (func (export \"f\") (result i32) (i32.add (i32.const 1) (i32.const 2))))"), expected);
}

TEST(WatEncoding, FoldedEqualsPlain) {
  EXPECT_EQ(code("(param i32) (i32.add (local.get 0) (i32.const 1)) drop"),
            code("(param i32) local.get 0 i32.const 1 i32.add drop"));
  EXPECT_EQ(code("(param i32) (drop (local.get 0))"), (Bytes{0x20, 0x00, 0x1A}));
}

TEST(WatEncoding, IntegerConstants) {
  EXPECT_EQ(code("i32.const -1 drop"), (Bytes{0x41, 0x7F, 0x1A}));
  EXPECT_EQ(code("i32.const 0xffffffff drop"), (Bytes{0x41, 0x7F, 0x1A}));
  EXPECT_EQ(code("i32.const 64 drop"), (Bytes{0x41, 0xC0, 0x00, 0x1A}));
  EXPECT_EQ(code("i32.const -0x80000000 drop"), (Bytes{0x41, 0x80, 0x80, 0x80, 0x80, 0x78, 0x1A}));
  EXPECT_EQ(code("i64.const -0x8000000000000000 drop"),
            (Bytes{0x42, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F, 0x1A}));
}

TEST(WatEncoding, FloatConstants) {
  EXPECT_EQ(code("f32.const 1 drop"), (Bytes{0x43, 0x00, 0x00, 0x80, 0x3F, 0x1A}));
  EXPECT_EQ(code("f32.const -nan:0x1 drop"), (Bytes{0x43, 0x01, 0x00, 0x80, 0xFF, 0x1A}));
  EXPECT_EQ(code("f64.const -0x1p-1 drop"), (Bytes{0x44, 0, 0, 0, 0, 0, 0, 0xE0, 0xBF, 0x1A}));
}

TEST(WatEncoding, LabelsResolveToDepths) {
  EXPECT_EQ(code("(block $a (block $b (br $a)))"), (Bytes{0x02, 0x40, 0x02, 0x40, 0x0C, 0x01, 0x0B, 0x0B}));
  // An inner label with the same name shadows the outer one.
  EXPECT_EQ(code("(block $l (block $l (br $l)))"), (Bytes{0x02, 0x40, 0x02, 0x40, 0x0C, 0x00, 0x0B, 0x0B}));
  EXPECT_EQ(code("block $a loop $b br $a br_if $b end $b end $a"),
            code("(block $a (loop $b (br $a) (br_if $b)))"));
  EXPECT_EQ(code("(block (block (br_table 0 1 0)))"),
            (Bytes{0x02, 0x40, 0x02, 0x40, 0x0E, 0x02, 0x00, 0x01, 0x00, 0x0B, 0x0B}));
}

TEST(WatEncoding, IfWithSeveralFoldedConditions) {
  EXPECT_EQ(code("(if (result i32) (i32.const 1) (i32.eqz) (then (i32.const 2)) (else (i32.const 3))) drop"),
            (Bytes{0x41, 0x01, 0x45, 0x04, 0x7F, 0x41, 0x02, 0x05, 0x41, 0x03, 0x0B, 0x1A}));
  EXPECT_EQ(code("i32.const 0 if $x nop else $x nop end $x"), (Bytes{0x41, 0x00, 0x04, 0x40, 0x01, 0x05, 0x01, 0x0B}));
}

TEST(WatEncoding, MultiValueBlockTypesAddImplicitTypes) {
  Bytes m = wat("(module (func (block (param) (result i32 i64) (i32.const 1) (i64.const 2)) drop drop))");
  // Type 0 is the function's [] -> [], type 1 the block's [] -> [i32 i64].
  EXPECT_EQ(sections(m)[1], (Bytes{0x02, 0x60, 0x00, 0x00, 0x60, 0x00, 0x02, 0x7F, 0x7E}));
  EXPECT_EQ(firstBody(m), (Bytes{0x00, 0x02, 0x01, 0x41, 0x01, 0x42, 0x02, 0x0B, 0x1A, 0x1A, 0x0B}));
}

TEST(WatEncoding, TypeUsesReuseMatchingTypes) {
  Bytes m = wat(
      "(module (type $t (func (param i32))) (func (param i32)) (func (type $t)) (func (param i64))"
      " (func (type $t) (param $x i32)))");
  auto s = sections(m);
  EXPECT_EQ(s[1], (Bytes{0x02, 0x60, 0x01, 0x7F, 0x00, 0x60, 0x01, 0x7E, 0x00}));
  EXPECT_EQ(s[3], (Bytes{0x04, 0x00, 0x00, 0x01, 0x00}));
}

TEST(WatEncoding, Memarg) {
  EXPECT_EQ(code("i32.const 0 i32.load offset=8 align=2 drop"), (Bytes{0x41, 0x00, 0x28, 0x01, 0x08, 0x1A}));
  EXPECT_EQ(code("i32.const 0 i64.load drop"), (Bytes{0x41, 0x00, 0x29, 0x03, 0x00, 0x1A}));
  EXPECT_EQ(code("i32.const 0 i32.load8_u offset=0x1_0000 drop"),
            (Bytes{0x41, 0x00, 0x2D, 0x00, 0x80, 0x80, 0x04, 0x1A}));
}

TEST(WatEncoding, MemargWithMemoryIndexAndMemory64Offsets) {
  // Multi-memory: a non-zero memory index sets flag bit 6 and follows the flags.
  EXPECT_EQ(code("i32.const 0 i32.load $b offset=4 drop", "(memory $a 1) (memory $b 1)"),
            (Bytes{0x41, 0x00, 0x28, 0x42, 0x01, 0x04, 0x1A}));
  EXPECT_EQ(code("i32.const 0 i32.load 0 drop", "(memory $a 1) (memory $b 1)"),
            (Bytes{0x41, 0x00, 0x28, 0x02, 0x00, 0x1A}));
  // A bare number after a lane memarg is the lane index.
  Bytes lane = code("(drop (v128.load8_lane 3 (i32.const 0) (v128.const i64x2 0 0)))", "(memory 1)");
  EXPECT_EQ(Bytes(lane.end() - 6, lane.end()), (Bytes{0xFD, 0x54, 0x00, 0x00, 0x03, 0x1A}));
  // Memory64 offsets may exceed 32 bits.
  EXPECT_EQ(code("i64.const 0 i32.load offset=0x100000000 drop", "(memory i64 1)"),
            (Bytes{0x42, 0x00, 0x28, 0x02, 0x80, 0x80, 0x80, 0x80, 0x10, 0x1A}));
}

TEST(WatEncoding, CallIndirectWithTableAndTypeUse) {
  const char* prelude = "(type $v (func)) (table funcref (elem)) (table $t 1 funcref)";
  EXPECT_EQ(code("(call_indirect (type $v) (i32.const 0))", prelude), (Bytes{0x41, 0x00, 0x11, 0x00, 0x00}));
  EXPECT_EQ(code("(call_indirect $t (type $v) (i32.const 0))", prelude), (Bytes{0x41, 0x00, 0x11, 0x00, 0x01}));
  EXPECT_EQ(code("(call_indirect 1 (i32.const 0))", prelude), (Bytes{0x41, 0x00, 0x11, 0x00, 0x01}));
}

TEST(WatEncoding, ReferenceAndTableInstructions) {
  const char* prelude = "(table $a 1 funcref) (table $b 1 externref) (elem $e func) (elem declare func $f) (func $f)";
  EXPECT_EQ(code("ref.null extern drop ref.func $f drop", prelude), (Bytes{0xD0, 0x6F, 0x1A, 0xD2, 0x00, 0x1A}));
  EXPECT_EQ(code("(drop (table.get (i32.const 0)))", prelude), (Bytes{0x41, 0x00, 0x25, 0x00, 0x1A}));
  EXPECT_EQ(code("(drop (table.size $b))", prelude), (Bytes{0xFC, 0x10, 0x01, 0x1A}));
  EXPECT_EQ(code("(table.init $e (i32.const 0) (i32.const 0) (i32.const 0))", prelude),
            (Bytes{0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x0C, 0x00, 0x00}));
  EXPECT_EQ(code("(table.init $b $e (i32.const 0) (i32.const 0) (i32.const 0))", prelude),
            (Bytes{0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x0C, 0x00, 0x01}));
  EXPECT_EQ(code("(table.copy (i32.const 0) (i32.const 0) (i32.const 0))", prelude),
            (Bytes{0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x0E, 0x00, 0x00}));
  EXPECT_EQ(code("elem.drop $e", prelude), (Bytes{0xFC, 0x0D, 0x00}));
}

TEST(WatEncoding, TypedSelect) {
  EXPECT_EQ(code("(drop (select (result i32) (i32.const 1) (i32.const 2) (i32.const 0)))"),
            (Bytes{0x41, 0x01, 0x41, 0x02, 0x41, 0x00, 0x1C, 0x01, 0x7F, 0x1A}));
  EXPECT_EQ(code("(drop (select (i32.const 1) (i32.const 2) (i32.const 0)))"),
            (Bytes{0x41, 0x01, 0x41, 0x02, 0x41, 0x00, 0x1B, 0x1A}));
}

TEST(WatEncoding, Simd) {
  EXPECT_EQ(code("v128.const i32x4 1 2 -1 0x80 drop"),
            (Bytes{0xFD, 0x0C, 1, 0, 0, 0, 2, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0x80, 0, 0, 0, 0x1A}));
  EXPECT_EQ(code("v128.const f32x4 1 0 0 -0 drop"),
            (Bytes{0xFD, 0x0C, 0, 0, 0x80, 0x3F, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80, 0x1A}));
  EXPECT_EQ(code("v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 255 drop"),
            (Bytes{0xFD, 0x0C, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 0xFF, 0x1A}));
  Bytes shuffle = code(
      "(drop (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31 (v128.const i64x2 0 0) (v128.const i64x2 0 0)))");
  ASSERT_EQ(shuffle.size(), 2u * 18 + 18 + 1);
  EXPECT_EQ(shuffle[36], 0xFD);
  EXPECT_EQ(shuffle[37], 0x0D);
  EXPECT_EQ(shuffle[53], 31);
  EXPECT_EQ(code("(drop (i8x16.extract_lane_s 15 (v128.const i64x2 0 0)))").at(18), 0xFD);
  EXPECT_EQ(code("(drop (i8x16.extract_lane_s 15 (v128.const i64x2 0 0)))").at(19), 0x15);
  EXPECT_EQ(code("(drop (i8x16.extract_lane_s 15 (v128.const i64x2 0 0)))").at(20), 15);
  // Sub-opcodes >= 0x80 take two LEB128 bytes.
  EXPECT_EQ(code("(drop (i32x4.dot_i16x8_s (v128.const i64x2 0 0) (v128.const i64x2 0 0)))").at(37), 0xBA);
  EXPECT_EQ(code("(drop (i32x4.dot_i16x8_s (v128.const i64x2 0 0) (v128.const i64x2 0 0)))").at(38), 0x01);
  Bytes loadLane = {0x41, 0x00, 0xFD, 0x0C};
  loadLane.resize(20, 0);
  for (uint8_t x : {0xFD, 0x54, 0x00, 0x01, 0x03, 0x1A}) loadLane.push_back(x);
  EXPECT_EQ(code("(drop (v128.load8_lane offset=1 align=1 3 (i32.const 0) (v128.const i64x2 0 0)))", "(memory 1)"),
            loadLane);
}

TEST(WatEncoding, LocalsAreRunLengthEncoded) {
  Bytes m = wat("(module (func (param $p i32) (local $a i32) (local i32 i64) (local.set $a (local.get $p))))");
  EXPECT_EQ(firstBody(m), (Bytes{0x02, 0x02, 0x7F, 0x01, 0x7E, 0x20, 0x00, 0x21, 0x01, 0x0B}));
}

// A function with no type use and no params numbers its locals from 0, even
// when type 0 of the module has params.
TEST(WatEncoding, LocalsOfAParameterlessFunctionStartAtZero) {
  Bytes m = wat("(module (type (func (param i32 i32 i32 i32) (result i32)))"
                " (func (local $x i32) (local.set $x (i32.const 1))))");
  EXPECT_EQ(firstBody(m), (Bytes{0x01, 0x01, 0x7F, 0x41, 0x01, 0x21, 0x00, 0x0B}));
}

TEST(WatEncoding, InlineImportsAndExports) {
  Bytes m = wat(
      "(module (func $i (import \"m\" \"f\") (param i32)) (memory (export \"mem\") (import \"m\" \"mem\") 1 2)"
      " (global $g (export \"g\") (mut i64) (i64.const 7)) (func (export \"h\") (call $i (i32.const 0))))");
  auto s = sections(m);
  EXPECT_EQ(s[2], (Bytes{0x02, 0x01, 'm', 0x01, 'f', 0x00, 0x00,                     // func, type 0
                         0x01, 'm', 0x03, 'm', 'e', 'm', 0x02, 0x01, 0x01, 0x02}));  // memory 1..2
  EXPECT_EQ(s[6], (Bytes{0x01, 0x7E, 0x01, 0x42, 0x07, 0x0B}));
  EXPECT_EQ(s[7], (Bytes{0x03, 0x03, 'm', 'e', 'm', 0x02, 0x00, 0x01, 'g', 0x03, 0x00, 0x01, 'h', 0x00, 0x01}));
}

TEST(WatEncoding, InlineTableElementsAndMemoryData) {
  Bytes m = wat("(module (func $f) (table funcref (elem $f $f 0)) (memory (data \"hi\" \"!\")))");
  auto s = sections(m);
  EXPECT_EQ(s[4], (Bytes{0x01, 0x70, 0x01, 0x03, 0x03}));
  EXPECT_EQ(s[5], (Bytes{0x01, 0x01, 0x01, 0x01}));
  EXPECT_EQ(s[9], (Bytes{0x01, 0x00, 0x41, 0x00, 0x0B, 0x03, 0x00, 0x00, 0x00}));
  EXPECT_EQ(s[11], (Bytes{0x01, 0x00, 0x41, 0x00, 0x0B, 0x03, 'h', 'i', '!'}));
}

TEST(WatEncoding, ElementSegmentForms) {
  auto elem = [](std::string_view seg) {
    return sections(wat("(module (table $t 1 funcref) (table $u 1 externref) (func $f) " + std::string(seg) + ")"))[9];
  };
  EXPECT_EQ(elem("(elem (i32.const 1) $f)"), (Bytes{0x01, 0x00, 0x41, 0x01, 0x0B, 0x01, 0x00}));
  EXPECT_EQ(elem("(elem func $f)"), (Bytes{0x01, 0x01, 0x00, 0x01, 0x00}));
  EXPECT_EQ(elem("(elem declare func $f)"), (Bytes{0x01, 0x03, 0x00, 0x01, 0x00}));
  EXPECT_EQ(elem("(elem (table $u) (offset (i32.const 0)) externref (item ref.null extern))"),
            (Bytes{0x01, 0x06, 0x01, 0x41, 0x00, 0x0B, 0x6F, 0x01, 0xD0, 0x6F, 0x0B}));
  EXPECT_EQ(elem("(elem funcref (ref.null func) (item (ref.func $f)))"),
            (Bytes{0x01, 0x05, 0x70, 0x02, 0xD0, 0x70, 0x0B, 0xD2, 0x00, 0x0B}));
}

TEST(WatEncoding, DataSegmentsAndDataCount) {
  Bytes m = wat(
      "(module (memory $m 1) (data $d \"a\") (data (memory $m) (offset (i32.const 4)) \"b\")"
      " (func (data.drop $d)))");
  auto s = sections(m);
  EXPECT_EQ(s[12], (Bytes{0x02}));
  EXPECT_EQ(s[11], (Bytes{0x02, 0x01, 0x01, 'a', 0x00, 0x41, 0x04, 0x0B, 0x01, 'b'}));
  // No bulk-memory instruction, no data count section.
  EXPECT_EQ(sections(wat("(module (memory 1) (data (i32.const 0) \"x\"))")).count(12), 0u);
}

TEST(WatEncoding, NameSectionCarriesFunctionIds) {
  Bytes m = wat("(module $mod (func $first) (func) (func $third))");
  Bytes name = sections(m)[0];
  Bytes expected = {0x04, 'n', 'a', 'm', 'e',
                    0x00, 0x04, 0x03, 'm', 'o', 'd',
                    0x01, 0x0F, 0x02, 0x00, 0x05, 'f', 'i', 'r', 's', 't', 0x02, 0x05, 't', 'h', 'i', 'r', 'd'};
  EXPECT_EQ(name, expected);
}

TEST(WatEncoding, NameSectionCarriesLocalIds) {
  Bytes name = sections(wat("(module (func (param $a i32) (param i32) (local $c i64)))"))[0];
  Bytes expected = {0x04, 'n', 'a', 'm', 'e',
                    0x02, 0x09, 0x01, 0x00, 0x02, 0x00, 0x01, 'a', 0x02, 0x01, 'c'};
  EXPECT_EQ(name, expected);
}

TEST(WatEncoding, StartAndGlobals) {
  auto s = sections(wat("(module (global $g i32 (i32.const 1)) (global i32 global.get $g) (func $s) (start $s))"));
  EXPECT_EQ(s[8], (Bytes{0x00}));
  EXPECT_EQ(s[6], (Bytes{0x02, 0x7F, 0x00, 0x41, 0x01, 0x0B, 0x7F, 0x00, 0x23, 0x00, 0x0B}));
}

// (ref null func) and (ref null extern) are the typed-reference spellings of
// funcref and externref, everywhere a value or reference type is written.
TEST(WatEncoding, NullableAbstractRefsAreTheShorthands) {
  EXPECT_EQ(wat("(module (type (func (param (ref null func)) (result (ref null extern)))))"),
            wat("(module (type (func (param funcref) (result externref))))"));
  EXPECT_EQ(wat("(module (func (local (ref null extern) (ref null func))))"),
            wat("(module (func (local externref funcref)))"));
  EXPECT_EQ(wat("(module (table 2 (ref null extern)) (global (ref null func) (ref.null func)))"),
            wat("(module (table 2 externref) (global funcref (ref.null func)))"));
  EXPECT_EQ(wat("(module (func $f) (elem (ref null func) (ref.func $f)))"),
            wat("(module (func $f) (elem funcref (ref.func $f)))"));
  EXPECT_EQ(code("(drop (select (result (ref null func)) (ref.null func) (ref.null func) (i32.const 0)))"),
            code("(drop (select (result funcref) (ref.null func) (ref.null func) (i32.const 0)))"));
}

}  // namespace
}  // namespace wasmcap::text
