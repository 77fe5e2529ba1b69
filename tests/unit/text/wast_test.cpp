#include <gtest/gtest.h>

#include "text/script.h"
#include "text/wat.h"

namespace wasmcap::text {
namespace {

using Kind = ScriptCommand::Kind;

Script parse(std::string_view text) {
  auto r = parseWast(text);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().describe());
  return r.ok() ? *r : Script{};
}

TEST(Wast, ModulesInAllForms) {
  Script s = parse(
      "(module $A (func (export \"f\")))\n"
      "(module binary \"\\00asm\" \"\\01\\00\\00\\00\")\n"
      "(module $Q quote \"(func)\")\n"
      "(module (func (call $nope)))\n");
  ASSERT_EQ(s.commands.size(), 4u);
  EXPECT_EQ(s.commands[0].kind, Kind::Module);
  EXPECT_EQ(s.commands[0].module.id, "A");
  EXPECT_EQ(s.commands[0].module.bytes, *watToBinary("(module $A (func (export \"f\")))"));
  EXPECT_EQ(s.commands[1].module.bytes, (std::vector<uint8_t>{0, 'a', 's', 'm', 1, 0, 0, 0}));
  EXPECT_EQ(s.commands[1].line, 2u);
  EXPECT_EQ(s.commands[2].module.id, "Q");
  EXPECT_EQ(s.commands[2].module.bytes, *watToBinary("(func)"));
  // A module that does not parse is recorded, not fatal.
  ASSERT_TRUE(s.commands[3].module.textError.has_value());
  EXPECT_EQ(s.commands[3].module.textError->line, 4u);
}

TEST(Wast, ActionsAndConstants) {
  Script s = parse(
      "(invoke \"f\" (i32.const -1) (i64.const 2) (f32.const 1.5) (f64.const -0) (ref.null extern) (ref.extern 7)"
      " (v128.const i16x8 1 2 3 4 5 6 7 -1))\n"
      "(get $M \"g\")\n"
      "(register \"lib\" $M)\n");
  ASSERT_EQ(s.commands.size(), 3u);
  const ScriptAction& a = s.commands[0].action;
  EXPECT_EQ(s.commands[0].kind, Kind::Action);
  EXPECT_EQ(a.kind, ScriptAction::Kind::Invoke);
  EXPECT_EQ(a.field, "f");
  ASSERT_EQ(a.args.size(), 7u);
  EXPECT_EQ(a.args[0].type, ir::ValType::i32());
  EXPECT_EQ(a.args[0].bits, 0xFFFFFFFFu);
  EXPECT_EQ(a.args[1].bits, 2u);
  EXPECT_EQ(a.args[2].bits, 0x3FC00000u);
  EXPECT_EQ(a.args[3].bits, 0x8000000000000000ull);
  EXPECT_EQ(a.args[4].type, ir::ValType::externref());
  EXPECT_TRUE(a.args[4].refNull);
  EXPECT_FALSE(a.args[5].refNull);
  EXPECT_EQ(a.args[5].externIndex, 7u);
  EXPECT_EQ(a.args[6].v128[0], 1);
  EXPECT_EQ(a.args[6].v128[1], 0);
  EXPECT_EQ(a.args[6].v128[14], 0xFF);
  EXPECT_EQ(a.args[6].v128[15], 0xFF);
  EXPECT_EQ(s.commands[1].action.kind, ScriptAction::Kind::Get);
  EXPECT_EQ(s.commands[1].action.moduleId, "M");
  EXPECT_EQ(s.commands[2].kind, Kind::Register);
  EXPECT_EQ(s.commands[2].registerName, "lib");
  EXPECT_EQ(s.commands[2].action.moduleId, "M");
}

TEST(Wast, AssertReturnPatterns) {
  Script s = parse(
      "(assert_return (invoke \"f\") (f32.const nan:canonical) (f64.const nan:arithmetic) (i32.const 3)"
      " (v128.const f32x4 nan:canonical 1 -0 nan:arithmetic) (ref.null func) (ref.func) (ref.extern 2))\n"
      "(assert_return (invoke \"g\") (either (i32.const 1) (i32.const 2)))\n");
  const auto& e = s.commands[0].expected;
  ASSERT_EQ(e.size(), 7u);
  EXPECT_EQ(e[0].nan, NanPattern::Canonical);
  EXPECT_EQ(e[1].nan, NanPattern::Arithmetic);
  EXPECT_EQ(e[2].nan, NanPattern::None);
  EXPECT_EQ(e[2].bits, 3u);
  EXPECT_EQ(e[3].laneBits, 32);
  EXPECT_TRUE(e[3].laneIsFloat);
  ASSERT_EQ(e[3].laneNans.size(), 4u);
  EXPECT_EQ(e[3].laneNans[0], NanPattern::Canonical);
  EXPECT_EQ(e[3].laneNans[1], NanPattern::None);
  EXPECT_EQ(e[3].laneValues[1], 0x3F800000u);
  EXPECT_EQ(e[3].laneValues[2], 0x80000000u);
  EXPECT_EQ(e[3].laneNans[3], NanPattern::Arithmetic);
  EXPECT_TRUE(e[4].refNull);
  EXPECT_EQ(e[4].type, ir::ValType::funcref());
  EXPECT_TRUE(e[5].refAnyFunc);
  EXPECT_EQ(e[6].externIndex, 2u);
  ASSERT_EQ(s.commands[1].alternatives.size(), 2u);
  EXPECT_EQ(s.commands[1].alternatives[1][0].bits, 2u);
}

TEST(Wast, Assertions) {
  Script s = parse(
      "(assert_trap (invoke \"t\") \"unreachable\")\n"
      "(assert_trap (module (start 0) (func unreachable)) \"unreachable\")\n"
      "(assert_exhaustion (invoke \"r\") \"call stack exhausted\")\n"
      "(assert_malformed (module quote \"(func i32.bogus)\") \"unknown operator\")\n"
      "(assert_malformed (module binary \"\\00asm\") \"unexpected end\")\n"
      "(assert_invalid (module (func (result i32))) \"type mismatch\")\n"
      "(assert_unlinkable (module (import \"x\" \"y\" (func))) \"unknown import\")\n"
      "(assert_uninstantiable (module (memory 0) (data (i32.const 1) \"a\")) \"out of bounds\")\n");
  ASSERT_EQ(s.commands.size(), 8u);
  EXPECT_EQ(s.commands[0].kind, Kind::AssertTrap);
  EXPECT_FALSE(s.commands[0].hasModule);
  EXPECT_EQ(s.commands[0].message, "unreachable");
  EXPECT_TRUE(s.commands[1].hasModule);
  EXPECT_FALSE(s.commands[1].module.bytes.empty());
  EXPECT_EQ(s.commands[2].kind, Kind::AssertExhaustion);
  EXPECT_EQ(s.commands[3].kind, Kind::AssertMalformed);
  EXPECT_EQ(s.commands[3].module.form, ScriptModule::Form::Quote);
  EXPECT_EQ(s.commands[3].module.quote, "(func i32.bogus)");
  EXPECT_EQ(s.commands[4].module.form, ScriptModule::Form::Binary);
  EXPECT_EQ(s.commands[4].module.bytes.size(), 4u);
  EXPECT_EQ(s.commands[5].kind, Kind::AssertInvalid);
  EXPECT_FALSE(s.commands[5].module.textError.has_value());
  EXPECT_EQ(s.commands[6].kind, Kind::AssertUnlinkable);
  EXPECT_EQ(s.commands[7].kind, Kind::AssertUninstantiable);
  EXPECT_EQ(s.commands[7].line, 8u);
}

TEST(Wast, BareModuleFieldsFormOneModule) {
  Script s = parse("(func) (memory 0) (func (export \"f\"))");
  ASSERT_EQ(s.commands.size(), 1u);
  EXPECT_EQ(s.commands[0].kind, Kind::Module);
  EXPECT_EQ(s.commands[0].module.bytes, *watToBinary("(module (func) (memory 0) (func (export \"f\")))"));
}

TEST(Wast, SyntaxErrorsOutsideModulesAreFatal) {
  auto r = parseWast("(module)\n(assert_return (invoke \"f\" (i32.const)))");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().line, 2u);
  EXPECT_FALSE(parseWast("(module").ok());
  EXPECT_FALSE(parseWast("(frobnicate)").ok());
}

}  // namespace
}  // namespace wasmcap::text
