// End to end: scripts through the text parser, decoder, validator, runtime and
// the interpreter, checking which commands pass and fail.
#include "script/script_runner.h"

#include <cstdlib>
#include <filesystem>

#include <gtest/gtest.h>

#include "testsuite_dir.h"

#include "interp/interpreter.h"

using namespace wasmcap;

namespace {

// Outcome per line: true = passed. Lines without a command are absent.
std::map<uint32_t, bool> runScript(std::string_view text, script::ScriptReport* out = nullptr) {
  interp::Interpreter interpreter;
  script::ScriptRunner runner(interpreter);
  script::ScriptReport report = runner.runText(text, "test.wast");
  std::map<uint32_t, bool> byLine;
  for (const auto& o : report.outcomes) byLine[o.line] = o.passed;
  if (out) *out = std::move(report);
  return byLine;
}

}  // namespace

TEST(ScriptRunner, ReturnsAndTraps) {
  auto r = runScript(
      "(module\n"                                                                     // 1
      "  (func (export \"inc\") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))\n"
      "  (func (export \"div\") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))\n"
      "  (func (export \"pair\") (result i32 i64) (i32.const 1) (i64.const -1)))\n"
      "(assert_return (invoke \"inc\" (i32.const 41)) (i32.const 42))\n"              // 5 pass
      "(assert_return (invoke \"inc\" (i32.const 41)) (i32.const 41))\n"              // 6 fail
      "(assert_trap (invoke \"div\" (i32.const 1) (i32.const 0)) \"integer divide by zero\")\n"  // 7 pass
      "(assert_trap (invoke \"div\" (i32.const 1) (i32.const 0)) \"integer overflow\")\n"        // 8 fail
      "(assert_trap (invoke \"div\" (i32.const 4) (i32.const 2)) \"integer divide\")\n"          // 9 fail
      "(assert_return (invoke \"pair\") (i32.const 1) (i64.const -1))\n"              // 10 pass
      "(assert_return (invoke \"pair\") (i32.const 1))\n"                             // 11 fail
      "(assert_return (invoke \"missing\"))\n"                                        // 12 fail
      "(assert_return (invoke \"inc\" (i64.const 1)) (i32.const 2))\n");              // 13 fail: arg type
  EXPECT_TRUE(r[1]);
  EXPECT_TRUE(r[5]);
  EXPECT_FALSE(r[6]);
  EXPECT_TRUE(r[7]);
  EXPECT_FALSE(r[8]);
  EXPECT_FALSE(r[9]);
  EXPECT_TRUE(r[10]);
  EXPECT_FALSE(r[11]);
  EXPECT_FALSE(r[12]);
  EXPECT_FALSE(r[13]);
}

TEST(ScriptRunner, FloatsVectorsAndAlternatives) {
  auto r = runScript(
      "(module\n"
      "  (func (export \"nan\") (result f32) (f32.div (f32.const 0) (f32.const 0)))\n"
      "  (func (export \"neg\") (param f64) (result f64) (f64.neg (local.get 0)))\n"
      "  (func (export \"vec\") (result v128) (v128.const i32x4 1 2 3 -1)))\n"
      "(assert_return (invoke \"nan\") (f32.const nan:arithmetic))\n"                  // 5 pass
      "(assert_return (invoke \"neg\" (f64.const 0)) (f64.const -0))\n"                // 6 pass
      "(assert_return (invoke \"neg\" (f64.const 0)) (f64.const 0))\n"                 // 7 fail: sign bit
      "(assert_return (invoke \"neg\" (f64.const nan:0x4)) (f64.const -nan:0x4))\n"    // 8 pass
      "(assert_return (invoke \"vec\") (v128.const i32x4 1 2 3 0xffffffff))\n"          // 9 pass
      "(assert_return (invoke \"vec\") (v128.const i16x8 1 0 2 0 3 0 -1 -1))\n"         // 10 pass
      "(assert_return (invoke \"vec\") (v128.const i32x4 1 2 3 4))\n"                  // 11 fail
      "(assert_return (invoke \"vec\") (either (v128.const i32x4 0 0 0 0) (v128.const i32x4 1 2 3 -1)))\n");  // 12
  EXPECT_TRUE(r[5]);
  EXPECT_TRUE(r[6]);
  EXPECT_FALSE(r[7]);
  EXPECT_TRUE(r[8]);
  EXPECT_TRUE(r[9]);
  EXPECT_TRUE(r[10]);
  EXPECT_FALSE(r[11]);
  EXPECT_TRUE(r[12]);
}

TEST(ScriptRunner, ModuleAssertions) {
  auto r = runScript(
      "(assert_invalid (module (func (result i32) (i64.const 0))) \"type mismatch\")\n"   // 1 pass
      "(assert_invalid (module (func (result i32) (i32.const 0))) \"type mismatch\")\n"   // 2 fail: valid
      "(assert_malformed (module quote \"(func (i32.const)\") \"unexpected token\")\n"     // 3 pass
      "(assert_malformed (module binary \"\\00asm\\02\\00\\00\\00\") \"unknown binary version\")\n"  // 4 pass
      "(assert_malformed (module quote \"(func)\") \"x\")\n"                              // 5 fail: well-formed
      "(assert_unlinkable (module (import \"spectest\" \"nothing\" (func))) \"unknown import\")\n"  // 6 pass
      "(assert_unlinkable (module (import \"spectest\" \"print_i32\" (func (param i32)))) \"x\")\n"  // 7 fail
      "(assert_trap (module (func $f unreachable) (start $f)) \"unreachable\")\n"          // 8 pass
      "(assert_uninstantiable (module (memory 0) (data (i32.const 1) \"a\")) \"out of bounds\")\n"  // 9 pass
      "(assert_trap (module (memory 1) (data (i32.const 65536) \"a\")) \"out of bounds memory access\")\n");  // 10
  EXPECT_TRUE(r[1]);
  EXPECT_FALSE(r[2]);
  EXPECT_TRUE(r[3]);
  EXPECT_TRUE(r[4]);
  EXPECT_FALSE(r[5]);
  EXPECT_TRUE(r[6]);
  EXPECT_FALSE(r[7]);
  EXPECT_TRUE(r[8]);
  EXPECT_TRUE(r[9]);
  EXPECT_TRUE(r[10]);
}

TEST(ScriptRunner, RegisterIdsSpectestAndExternrefs) {
  auto r = runScript(
      "(module $A (global (export \"g\") i32 (i32.const 7)) (func (export \"id\") (param externref) (result externref) (local.get 0)))\n"
      "(register \"a\" $A)\n"                                                       // 2 pass
      "(module $B (import \"a\" \"g\" (global i32)) (import \"spectest\" \"global_i32\" (global i32))\n"
      "  (func (export \"sum\") (result i32) (i32.add (global.get 0) (global.get 1))))\n"
      "(assert_return (invoke \"sum\") (i32.const 673))\n"                           // 5 pass: 7 + 666
      "(assert_return (get $A \"g\") (i32.const 7))\n"                               // 6 pass
      "(assert_return (invoke $A \"id\" (ref.extern 3)) (ref.extern 3))\n"            // 7 pass
      "(assert_return (invoke $A \"id\" (ref.extern 3)) (ref.extern 4))\n"            // 8 fail
      "(assert_return (invoke $A \"id\" (ref.null extern)) (ref.null extern))\n"      // 9 pass
      "(register \"b\" $Nope)\n");                                                  // 10 fail
  EXPECT_TRUE(r[1]);
  EXPECT_TRUE(r[2]);
  EXPECT_TRUE(r[3]);
  EXPECT_TRUE(r[5]);
  EXPECT_TRUE(r[6]);
  EXPECT_TRUE(r[7]);
  EXPECT_FALSE(r[8]);
  EXPECT_TRUE(r[9]);
  EXPECT_FALSE(r[10]);
}

TEST(ScriptRunner, FailedModuleFailsLaterActionsButNotTheScript) {
  script::ScriptReport report;
  auto r = runScript(
      "(module (func (export \"f\") (result i32) (i32.const 1)))\n"   // 1 pass
      "(module (func (result i32) (i64.const 0)))\n"                   // 2 fail: invalid
      "(assert_return (invoke \"f\") (i32.const 1))\n"                 // 3 fail: the current module failed
      "(module (func (export \"f\") (result i32) (i32.const 2)))\n"   // 4 pass
      "(assert_return (invoke \"f\") (i32.const 2))\n"                 // 5 pass
      "(assert_exhaustion (invoke \"f\") \"call stack exhausted\")\n", // 6 fail: returns
      &report);
  EXPECT_TRUE(r[1]);
  EXPECT_FALSE(r[2]);
  EXPECT_FALSE(r[3]);
  EXPECT_TRUE(r[4]);
  EXPECT_TRUE(r[5]);
  EXPECT_FALSE(r[6]);
  EXPECT_EQ(report.passed(), 3u);
  EXPECT_EQ(report.failed(), 3u);
  for (const auto& o : report.outcomes) {
    if (!o.passed) {
      EXPECT_FALSE(o.reason.empty()) << "line " << o.line;
    }
  }
}

TEST(ScriptRunner, StackExhaustion) {
  auto r = runScript(
      "(module (func $f (export \"f\") (call $f)))\n"
      "(assert_exhaustion (invoke \"f\") \"call stack exhausted\")\n");
  EXPECT_TRUE(r[2]);
}

TEST(ScriptRunner, BadInputIsAFailureNotACrash) {
  script::ScriptReport report;
  runScript("(module (func)\n(assert_return", &report);
  ASSERT_EQ(report.outcomes.size(), 1u);
  EXPECT_FALSE(report.outcomes[0].passed);

  runScript(std::string("\0\xff\xfe(((", 6), &report);
  EXPECT_EQ(report.passed(), 0u);
  EXPECT_GE(report.failed(), 1u);

  interp::Interpreter interpreter;
  script::ScriptRunner runner(interpreter);
  report = runner.runFile("/nonexistent/x.wast");
  ASSERT_EQ(report.outcomes.size(), 1u);
  EXPECT_FALSE(report.outcomes[0].passed);
  EXPECT_NE(report.outcomes[0].reason.find("/nonexistent/x.wast"), std::string::npos);
}

TEST(ScriptRunner, OfficialScriptFac) {
  std::filesystem::path file = ::wasmcap::test::specDir() / "fac.wast";
  if (!std::filesystem::exists(file)) {
    GTEST_SKIP() << "spec test data not found at " << file
                 << " (configure with -DWASMCAP_TESTSUITE_DIR=... or set WASMCAP_TESTSUITE)";
  }
  interp::Interpreter interpreter;
  script::ScriptRunner runner(interpreter);
  script::ScriptReport report = runner.runFile(file.string());
  EXPECT_GT(report.passed(), 5u);
  EXPECT_EQ(report.failed(), 0u);
}

TEST(ScriptRunner, ModuleErrorMessagesAreCheckedOnlyOnRequest) {
  const char* text =
      "(assert_invalid (module (func (result i32) (i64.const 0))) \"type mismatch\")\n"
      "(assert_invalid (module (func (result i32) (i64.const 0))) \"unknown global\")\n";
  interp::Interpreter interpreter;
  script::ScriptReport loose = script::ScriptRunner(interpreter).runText(text, "m.wast");
  EXPECT_EQ(loose.passed(), 2u);

  script::RunnerOptions strict;
  strict.checkMessages = true;
  script::ScriptReport checked = script::ScriptRunner(interpreter, strict).runText(text, "m.wast");
  ASSERT_EQ(checked.outcomes.size(), 2u);
  EXPECT_TRUE(checked.outcomes[0].passed);
  EXPECT_FALSE(checked.outcomes[1].passed);
  EXPECT_NE(checked.outcomes[1].reason.find("unknown global"), std::string::npos);
}
