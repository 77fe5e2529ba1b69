// Traps: kinds, spec messages and backtraces (innermost first), including
// call_indirect's three failure modes and the integer traps.
#include <cmath>

#include "harness.h"

namespace wasmcap::interp::testing {
namespace {

using runtime::TrapKind;

TEST(InterpTraps, UnreachableHasBacktraceInnermostFirst) {
  Harness h;
  h.load(R"((module
    (func $leaf (unreachable))
    (func $middle (call $leaf))
    (func (export "top") (call $middle))))");
  runtime::Trap t = h.trap("top");
  EXPECT_EQ(t.kind, TrapKind::Unreachable);
  EXPECT_EQ(t.message, "unreachable");
  ASSERT_EQ(t.backtrace.size(), 3u);
  EXPECT_EQ(t.backtrace[0].funcIndex, 0u);
  EXPECT_EQ(t.backtrace[1].funcIndex, 1u);
  EXPECT_EQ(t.backtrace[2].funcIndex, 2u);
  EXPECT_NE(t.backtrace[0].funcName.find("leaf"), std::string::npos) << t.backtrace[0].funcName;
  EXPECT_EQ(t.backtrace[0].moduleName, "test");
  // Each frame points at its instruction in the module: the unreachable,
  // then the calls, which lie in later function bodies.
  EXPECT_GT(t.backtrace[0].codeOffset, 0u);
  EXPECT_GT(t.backtrace[1].codeOffset, t.backtrace[0].codeOffset);
  EXPECT_GT(t.backtrace[2].codeOffset, t.backtrace[1].codeOffset);
}

TEST(InterpTraps, IntegerTraps) {
  Harness h;
  h.load(R"((module
    (func (export "div_s") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
    (func (export "rem_s") (param i64 i64) (result i64) (i64.rem_s (local.get 0) (local.get 1)))
    (func (export "trunc") (param f64) (result i32) (i32.trunc_f64_s (local.get 0)))
    (func (export "trunc_sat") (param f64) (result i32) (i32.trunc_sat_f64_s (local.get 0)))))");
  EXPECT_EQ(h.trap("div_s", {I32(1), I32(0)}).message, "integer divide by zero");
  EXPECT_EQ(h.trap("div_s", {I32(0x80000000), I32(0xFFFFFFFF)}).message, "integer overflow");
  EXPECT_EQ(h.i32("div_s", {I32(uint32_t(-7)), I32(2)}), uint32_t(-3));
  EXPECT_EQ(h.i64("rem_s", {I64(uint64_t{1} << 63), I64(~uint64_t{0})}), 0u);
  EXPECT_EQ(h.trap("trunc", {runtime::Value::f64(3e9)}).message, "integer overflow");
  EXPECT_EQ(h.trap("trunc", {runtime::Value::f64(std::nan(""))}).message, "invalid conversion to integer");
  EXPECT_EQ(h.i32("trunc", {runtime::Value::f64(-2.9)}), uint32_t(-2));
  EXPECT_EQ(h.i32("trunc_sat", {runtime::Value::f64(3e9)}), 0x7FFFFFFFu);
}

constexpr const char* kIndirect = R"((module
  (type $ii (func (param i32) (result i32)))
  (type $v (func))
  (table 4 funcref)
  (elem (i32.const 0) $double $nothing)
  (func $double (type $ii) (i32.mul (local.get 0) (i32.const 2)))
  (func $nothing (type $v))
  (func (export "call") (param i32 i32) (result i32)
    (call_indirect (type $ii) (local.get 1) (local.get 0))))
)";

TEST(InterpTraps, CallIndirectChecks) {
  Harness h;
  h.load(kIndirect);
  EXPECT_EQ(h.i32("call", {I32(0), I32(21)}), 42u);
  runtime::Trap mismatch = h.trap("call", {I32(1), I32(0)});
  EXPECT_EQ(mismatch.kind, TrapKind::IndirectCallTypeMismatch);
  EXPECT_EQ(mismatch.message, "indirect call type mismatch");
  runtime::Trap null = h.trap("call", {I32(2), I32(0)});
  EXPECT_EQ(null.kind, TrapKind::UninitializedElement);
  EXPECT_EQ(null.message.rfind("uninitialized element", 0), 0u) << null.message;
  runtime::Trap oob = h.trap("call", {I32(4), I32(0)});
  EXPECT_EQ(oob.kind, TrapKind::UndefinedElement);
  EXPECT_EQ(oob.message, "undefined element");
  ASSERT_EQ(oob.backtrace.size(), 1u);
  EXPECT_EQ(oob.backtrace[0].funcIndex, 2u);
}

TEST(InterpTraps, TableAccessOutOfBounds) {
  Harness h;
  h.load(R"((module
    (table 2 externref)
    (func (export "get") (param i32) (result i32) (ref.is_null (table.get (local.get 0))))
    (func (export "fill") (param i32 i32) (table.fill (local.get 0) (ref.null extern) (local.get 1)))
    (func (export "grow") (param i32) (result i32) (table.grow (ref.null extern) (local.get 0)))))");
  EXPECT_EQ(h.i32("get", {I32(1)}), 1u);
  EXPECT_EQ(h.trap("get", {I32(2)}).message, "out of bounds table access");
  EXPECT_EQ(h.trap("fill", {I32(1), I32(2)}).message, "out of bounds table access");
  EXPECT_EQ(h.i32("grow", {I32(3)}), 2u);
  EXPECT_EQ(h.i32("get", {I32(4)}), 1u);
}

}  // namespace
}  // namespace wasmcap::interp::testing
