// Tail calls (return_call, return_call_indirect): the callee takes over the
// caller's frame, so chains of any length run in constant interpreter and
// native stack, also under limits far below their length.
#include "harness.h"

namespace wasmcap::interp::testing {
namespace {

using runtime::FuncInst;
using runtime::HostCallContext;
using runtime::TrapKind;
using runtime::Value;

constexpr const char* kTailCalls = R"((module
  (type $pred (func (param i64) (result i32)))
  (table funcref (elem $even $odd $ieven $iodd $sum))
  (func $even (export "even") (param i64) (result i32)
    (if (result i32) (i64.eqz (local.get 0))
      (then (i32.const 1))
      (else (return_call $odd (i64.sub (local.get 0) (i64.const 1))))))
  (func $odd (export "odd") (param i64) (result i32)
    (if (result i32) (i64.eqz (local.get 0))
      (then (i32.const 0))
      (else (return_call $even (i64.sub (local.get 0) (i64.const 1))))))
  ;; The same through the table: $ieven is element 2, $iodd element 3.
  (func $ieven (export "ieven") (param i64) (result i32)
    (if (result i32) (i64.eqz (local.get 0))
      (then (i32.const 1))
      (else (return_call_indirect (type $pred) (i64.sub (local.get 0) (i64.const 1)) (i32.const 3)))))
  (func $iodd (param i64) (result i32)
    (if (result i32) (i64.eqz (local.get 0))
      (then (i32.const 0))
      (else (return_call_indirect (type $pred) (i64.sub (local.get 0) (i64.const 1)) (i32.const 2)))))
  ;; Accumulating: the callee has more parameters and locals than the caller,
  ;; and the arguments are the caller's parameters swapped.
  (func $sum (export "sum") (param $n i64) (result i64)
    (return_call $sum_acc (i64.const 0) (local.get $n) (i64.const 7)))
  (func $sum_acc (param $acc i64) (param $n i64) (param $unused i64) (result i64)
    (local $a i64) (local $b i64) (local $c i64)
    ;; the locals must read as zero in every activation
    (if (i64.ne (i64.add (local.get $a) (i64.add (local.get $b) (local.get $c))) (i64.const 0))
      (then (unreachable)))
    (local.set $a (i64.const 1))
    (local.set $b (i64.const 2))
    (local.set $c (i64.const 3))
    (if (result i64) (i64.eqz (local.get $n))
      (then (local.get $acc))
      (else (return_call $sum_swapped (i64.sub (local.get $n) (i64.const 1))
                                      (i64.add (local.get $acc) (local.get $n))))))
  (func $sum_swapped (param $n i64) (param $acc i64) (result i64)
    (return_call $sum_acc (local.get $acc) (local.get $n) (i64.const 0)))
  ;; A tail call in a callee returns to its caller, whose values survive.
  (func (export "nested") (param i64) (result i64)
    (local i64)
    (local.set 1 (i64.const 1000))
    (i64.add (local.get 1) (call $sum (local.get 0))))
  (func (export "indirect") (param i32) (result i32)
    (return_call_indirect (type $pred) (i64.const 0) (local.get 0)))
  (func $spin (export "spin") (param i32) (result i32)
    (return_call $spin (i32.add (local.get 0) (i32.const 1)))))
)";

// A million-deep mutual recursion under a call depth of 50 and a 64 KiB value
// stack: only constant stack can run it.
TEST(InterpTailCalls, AMillionDeepMutualRecursionRunsInConstantStack) {
  runtime::Limits limits;
  limits.maxCallDepth = 50;
  limits.maxValueStackBytes = 64 * 1024;
  Harness h(limits);
  h.load(kTailCalls);
  EXPECT_EQ(h.i32("even", {I64(1'000'000)}), 1u);
  EXPECT_EQ(h.i32("odd", {I64(1'000'000)}), 0u);
  EXPECT_EQ(h.i32("even", {I64(1'000'001)}), 0u);
  EXPECT_EQ(h.i32("ieven", {I64(1'000'000)}), 1u);
  EXPECT_EQ(h.i32("ieven", {I64(999'999)}), 0u);
}

TEST(InterpTailCalls, ArgumentsMoveAndLocalsStartAtZero) {
  runtime::Limits limits;
  limits.maxCallDepth = 50;
  Harness h(limits);
  h.load(kTailCalls);
  EXPECT_EQ(h.i64("sum", {I64(10)}), 55u);
  EXPECT_EQ(h.i64("sum", {I64(1'000'000)}), 500000500000u);
  EXPECT_EQ(h.i64("nested", {I64(100)}), 1000u + 5050u);
}

TEST(InterpTailCalls, IndirectTailCallsCheckTheElement) {
  Harness h;
  h.load(kTailCalls);
  EXPECT_EQ(h.i32("indirect", {I32(0)}), 1u);  // $even 0
  EXPECT_EQ(h.trap("indirect", {I32(4)}).kind, TrapKind::IndirectCallTypeMismatch);  // $sum: i64 -> i64
  EXPECT_EQ(h.trap("indirect", {I32(5)}).kind, TrapKind::UndefinedElement);
}

// An endless tail loop is stopped by fuel like any loop: the callee's entry
// check runs on every tail call.
TEST(InterpTailCalls, AnEndlessTailLoopRunsOutOfFuel) {
  Harness h(runtime::CodeOptions{.consumeFuel = true});
  h.load(kTailCalls);
  h.store.fuel = 1'000'000;
  runtime::Trap t = h.trap("spin", {I32(0)});
  EXPECT_EQ(t.kind, TrapKind::OutOfFuel);
  ASSERT_FALSE(t.backtrace.empty());
  EXPECT_EQ(t.backtrace.size(), 1u);  // one frame, however many tail calls ran
}

TEST(InterpTailCalls, TailCallToAHostFunctionReturnsItsResults) {
  Harness h;
  ir::FuncType t{{ir::ValType::i32(), ir::ValType::i32()}, {ir::ValType::i32(), ir::ValType::i32()}};
  FuncInst* swap = h.store.addHostFunc(
      t, [](HostCallContext&, std::span<const Value> args, std::span<Value> results) -> std::optional<runtime::Trap> {
        results[0] = args[1];
        results[1] = args[0];
        return std::nullopt;
      });
  h.linker.define("env", "swap", runtime::Extern::func(swap));
  h.load(R"((module
    (import "env" "swap" (func $swap (param i32 i32) (result i32 i32)))
    (func $tail (param i32 i32 i32) (result i32 i32)
      (local i64 i64)
      (return_call $swap (local.get 1) (local.get 2)))
    (func (export "run") (result i32)
      (local i32)
      (local.set 0 (i32.const 100))
      (call $tail (i32.const 1) (i32.const 2) (i32.const 3))
      (i32.sub)  ;; 3 - 2
      (local.get 0)
      (i32.add))))");
  EXPECT_EQ(h.i32("run"), 101u);
}

// A tail call into another instance runs against that instance's memory, and
// the caller's caller gets its own back on return.
TEST(InterpTailCalls, TailCallsAcrossInstancesSwitchMemories) {
  Harness h;
  h.load(R"((module
    (memory 1)
    (data (i32.const 0) "\07")
    (func (export "peek") (param i32) (result i32) (i32.load8_u (local.get 0)))))");
  h.linker.defineInstance("lib", *h.instance);
  h.load(R"((module
    (import "lib" "peek" (func $peek (param i32) (result i32)))
    (memory 1)
    (data (i32.const 0) "\05")
    (func $forward (param i32) (result i32) (return_call $peek (local.get 0)))
    (func (export "run") (result i32)
      (i32.add (call $forward (i32.const 0)) (i32.load8_u (i32.const 0))))))");
  EXPECT_EQ(h.i32("run"), 7u + 5u);
}

TEST(InterpTailCalls, TrapBacktraceHoldsTheFramesLeft) {
  Harness h;
  h.load(R"((module
    (func $fail (unreachable))
    (func $middle (return_call $fail))
    (func (export "outer") (call $middle))))");
  runtime::Trap t = h.trap("outer");
  EXPECT_EQ(t.kind, TrapKind::Unreachable);
  ASSERT_EQ(t.backtrace.size(), 2u);
  EXPECT_EQ(t.backtrace[0].funcIndex, 0u);  // $fail, in the frame $middle gave it
  EXPECT_EQ(t.backtrace[1].funcIndex, 2u);  // the export
}

}  // namespace
}  // namespace wasmcap::interp::testing
