// Malformed text is rejected with a message and the line:column of the cause.
#include <gtest/gtest.h>

#include "text/wat.h"

namespace wasmcap::text {
namespace {

struct Failure {
  std::string message;
  uint32_t line = 0, column = 0;
};

Failure fail(std::string_view text) {
  auto r = watToBinary(text);
  EXPECT_FALSE(r.ok()) << "accepted: " << text;
  if (r.ok()) return {};
  EXPECT_EQ(r.error().code, ErrorCode::Malformed);
  return {r.error().message, r.error().line, r.error().column};
}

bool contains(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

TEST(WatErrors, UnknownOperatorWithPosition) {
  Failure f = fail("(module\n  (func\n    i32.bogus))");
  EXPECT_TRUE(contains(f.message, "unknown operator i32.bogus")) << f.message;
  EXPECT_EQ(f.line, 3u);
  EXPECT_EQ(f.column, 5u);
}

TEST(WatErrors, UnexpectedToken) {
  Failure f = fail("(module (func (result i32) (i32.const 1) \"str\"))");
  EXPECT_TRUE(contains(f.message, "unexpected token")) << f.message;
  EXPECT_EQ(f.column, 42u);
  EXPECT_TRUE(contains(fail("(module (func) (bogus))").message, "unknown module field bogus"));
  EXPECT_TRUE(contains(fail("(module (func)").message, "unexpected end"));
}

TEST(WatErrors, UnboundIdentifiers) {
  Failure f = fail("(module (func (call $missing)))");
  EXPECT_TRUE(contains(f.message, "unknown function $missing")) << f.message;
  EXPECT_EQ(f.column, 21u);
  EXPECT_TRUE(contains(fail("(module (func (local.get $x)))").message, "unknown local $x"));
  EXPECT_TRUE(contains(fail("(module (func (br $l)))").message, "unknown label $l"));
  EXPECT_TRUE(contains(fail("(module (func (global.get $g)))").message, "unknown global $g"));
  EXPECT_TRUE(contains(fail("(module (func (type $t)))").message, "unknown type $t"));
  EXPECT_TRUE(contains(fail("(module (export \"e\" (memory $m)))").message, "unknown memory $m"));
}

TEST(WatErrors, DuplicateIdentifiers) {
  Failure f = fail("(module (func $f) (func $f))");
  EXPECT_TRUE(contains(f.message, "duplicate function $f")) << f.message;
  EXPECT_EQ(f.column, 25u);
  EXPECT_TRUE(contains(fail("(module (func (param $x i32) (local $x i32)))").message, "duplicate local $x"));
  EXPECT_TRUE(contains(fail("(module (global $g i32 (i32.const 0)) (import \"a\" \"b\" (global $g i32)))").message,
                       "import after global"));
  EXPECT_TRUE(contains(fail("(module (memory $m 1) (memory $m 1))").message, "duplicate memory $m"));
}

TEST(WatErrors, ImportsMustPrecedeDefinitions) {
  EXPECT_TRUE(contains(fail("(module (func) (import \"\" \"\" (func)))").message, "import after function"));
  EXPECT_TRUE(contains(fail("(module (table 0 funcref) (import \"\" \"\" (table 0 funcref)))").message,
                       "import after table"));
  EXPECT_TRUE(contains(fail("(module (memory 0) (func (import \"\" \"\")))").message, "import after memory"));
  // Types, exports and elements do not count as definitions.
  EXPECT_TRUE(watToBinary("(module (type (func)) (export \"f\" (func 0)) (import \"\" \"\" (func)))").ok());
}

TEST(WatErrors, ConstantsOutOfRange) {
  EXPECT_TRUE(contains(fail("(module (func (i32.const 0x100000000) drop))").message, "constant out of range"));
  EXPECT_TRUE(contains(fail("(module (func (i32.const -0x80000001) drop))").message, "constant out of range"));
  EXPECT_TRUE(contains(fail("(module (func (f32.const 1e39) drop))").message, "constant out of range"));
  EXPECT_TRUE(contains(fail("(module (func (f64.const nan:0x0) drop))").message, "constant out of range"));
  EXPECT_TRUE(watToBinary("(module (func (i32.const 0xffffffff) drop (i32.const -0x80000000) drop))").ok());
}

TEST(WatErrors, MismatchedLabels) {
  EXPECT_TRUE(contains(fail("(module (func block $a end $b))").message, "mismatching label"));
  EXPECT_TRUE(contains(fail("(module (func block end $a))").message, "mismatching label"));
  EXPECT_TRUE(contains(fail("(module (func i32.const 0 if $a else $b end $a))").message, "mismatching label"));
}

TEST(WatErrors, AlignmentMustBeAPowerOfTwo) {
  Failure f = fail("(module (memory 1) (func (drop (i32.load align=3 (i32.const 0)))))");
  EXPECT_TRUE(contains(f.message, "alignment")) << f.message;
  EXPECT_TRUE(watToBinary("(module (memory 1) (func (drop (i32.load align=4 (i32.const 0)))))").ok());
}

TEST(WatErrors, InlineTypeMustMatchTheTypeDefinition) {
  EXPECT_TRUE(contains(fail("(module (type $t (func (param i32))) (func (type $t) (param i64)))").message,
                       "inline function type"));
}

TEST(WatErrors, BlockParamsCannotBeNamed) {
  fail("(module (func (block (param $x i32))))");
  fail("(module (type $t (func)) (func (call_indirect (param $x i32) (i32.const 0))))");
}

TEST(WatErrors, OffsetsOfMemory32MustFitInU32) {
  EXPECT_TRUE(contains(fail("(module (memory 1) (func (drop (i32.load offset=4294967296 (i32.const 0)))))").message,
                       "i32 constant"));
}

TEST(WatErrors, DeepNestingIsAnErrorNotACrash) {
  std::string folded = "(module (func";
  for (int i = 0; i < 100000; ++i) folded += " (block";
  for (int i = 0; i < 100000; ++i) folded += ")";
  folded += "))";
  EXPECT_TRUE(contains(fail(folded).message, "nested too deeply"));
  std::string plain = "(module (func";
  for (int i = 0; i < 100000; ++i) plain += " block";
  for (int i = 0; i < 100000; ++i) plain += " end";
  plain += "))";
  EXPECT_TRUE(contains(fail(plain).message, "nested too deeply"));
  // Moderate nesting is fine.
  std::string ok = "(module (func";
  for (int i = 0; i < 999; ++i) ok += " (block";
  for (int i = 0; i < 999; ++i) ok += ")";
  ok += "))";
  EXPECT_TRUE(watToBinary(ok).ok());
}

TEST(WatErrors, NamesMustBeUtf8) {
  EXPECT_TRUE(contains(fail("(module (func (export \"\\ff\")))").message, "malformed UTF-8"));
}

TEST(WatErrors, SimdLiterals) {
  fail("(module (func (v128.const i32x4 1 2 3) drop))");
  fail("(module (func (v128.const i32x4 1 2 3 4 5) drop))");
  fail("(module (func (v128.const i8x16 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 256) drop))");
  EXPECT_TRUE(contains(fail("(module (func (i8x16.extract_lane_s 256 (v128.const i64x2 0 0)) drop))").message,
                       "malformed lane index"));
}

// The spec's wording: a run of id characters that is neither a keyword nor a
// well-formed number is an "unknown operator"; a keyword or number in the wrong
// place is an "unexpected token".
bool startsWith(const std::string& s, std::string_view prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

TEST(WatErrors, MalformedNumbersAreUnknownOperators) {
  for (const char* literal : {"1__000", "0x", "_100", "0x1p_1", "1.0e", "nan:1", "0drop"}) {
    std::string text = std::string("(module (func (drop (i32.const ") + literal + "))))";
    std::string message = fail(text).message;
    EXPECT_TRUE(startsWith(message, std::string("unknown operator ") + literal)) << text << ": " << message;
  }
  // Well-formed numbers of the wrong kind are out of place, not unknown.
  EXPECT_TRUE(startsWith(fail("(module (func (drop (i32.const 1.5))))").message, "unexpected token 1.5"));
  EXPECT_TRUE(startsWith(fail("(module (func (drop (i64.const nan))))").message, "unexpected token nan"));
}

TEST(WatErrors, UnseparatedTokensAreUnknownOperators) {
  Failure f = fail("(module (data \"a\"\"b\"))");
  EXPECT_TRUE(startsWith(f.message, "unknown operator")) << f.message;
  EXPECT_EQ(f.column, 15u);
  EXPECT_TRUE(startsWith(fail("(module (func 0\"a\"))").message, "unknown operator"));
}

TEST(WatErrors, KeywordsOutOfPlaceAreUnexpectedTokens) {
  EXPECT_TRUE(startsWith(fail("(module (func (nop) (local i32)))").message, "unexpected token local"));
  EXPECT_TRUE(startsWith(fail("(module (func (nop) (result i32)))").message, "unexpected token result"));
  EXPECT_TRUE(startsWith(fail("(module (func (if i32.const 0 (then))))").message, "unexpected token i32.const"));
  EXPECT_TRUE(startsWith(fail("(module (global anyfunc (ref.null func)))").message, "unknown operator anyfunc"));
  EXPECT_TRUE(startsWith(fail("(module (global i33 (i32.const 0)))").message, "unknown operator i33"));
}

TEST(WatErrors, RefTypesNeedAHeapType) {
  EXPECT_TRUE(startsWith(fail("(module (global (ref null) (ref.null func)))").message, "unexpected token )"));
  EXPECT_TRUE(startsWith(fail("(module (global (ref null i32) (ref.null func)))").message, "unexpected token i32"));
  EXPECT_TRUE(startsWith(fail("(module (func (local (ref null func func))))").message, "unexpected token func"));
}

TEST(WatErrors, LaneMessages) {
  // The lane count is judged before any lane's value.
  EXPECT_TRUE(startsWith(fail("(module (func (v128.const i32x4 0x100000000 0x100000000) drop))").message,
                         "wrong number of lane literals"));
  EXPECT_TRUE(startsWith(fail("(module (func (v128.const i32x4 1 2 3 4 5) drop))").message,
                         "wrong number of lane literals"));
  EXPECT_TRUE(startsWith(fail("(module (func (v128.const i32x4 1 2 3 0x_4) drop))").message,
                         "unknown operator 0x_4"));
  EXPECT_TRUE(startsWith(fail("(module (func (drop (i8x16.extract_lane_s -1 (v128.const i64x2 0 0)))))").message,
                         "unexpected token -1"));
  EXPECT_TRUE(startsWith(fail("(module (func (drop (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 inf"
                              " (v128.const i64x2 0 0) (v128.const i64x2 0 0)))))")
                             .message,
                         "malformed lane index"));
}

}  // namespace
}  // namespace wasmcap::text
