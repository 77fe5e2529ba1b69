// Fuel (runtime::CodeOptions::consumeFuel): what each call is charged, as
// docs/architecture.md defines it (every wasm instruction of a region,
// charged at the region's check: the function's entry or a loop's header),
// running out, and refilling.
#include "harness.h"

namespace wasmcap::interp::testing {
namespace {

using runtime::TrapKind;

constexpr runtime::CodeOptions kFuel{.consumeFuel = true};
constexpr uint64_t kTank = 1'000'000'000;

// The fuel a successful call of `name` took.
uint64_t charged(Harness& h, const std::string& name, std::vector<runtime::Value> args = {}) {
  h.store.fuel = kTank;
  std::vector<runtime::Value> results;
  auto trap = h.call(name, std::move(args), results);
  EXPECT_FALSE(trap.has_value()) << trap->describe();
  return kTank - h.store.fuel;
}

TEST(InterpFuel, StraightLineChargesEveryInstruction) {
  Harness h(kFuel);
  h.load(R"((module
    (func (export "empty"))                                   ;; end
    (func (export "add") (param i32 i32) (result i32)
      (i32.add (local.get 0) (local.get 1)))                  ;; 3 + end
    (func (export "select") (param i32) (result i32)
      (select (i32.const 1) (i32.const 2) (local.get 0)))     ;; 4 + end
    (func (export "block") (result i32)
      (block (result i32) (nop) (i32.const 5)))))");           // block, nop, const, end, end
  EXPECT_EQ(charged(h, "empty"), 1u);
  EXPECT_EQ(charged(h, "add", {I32(1), I32(2)}), 4u);
  EXPECT_EQ(charged(h, "select", {I32(0)}), 5u);
  EXPECT_EQ(charged(h, "block"), 5u);
}

TEST(InterpFuel, LoopChargesItsBodyPerIteration) {
  Harness h(kFuel);
  h.load(R"((module
    (func (export "count") (param $n i32) (result i32) (local $i i32)
      (loop $l                                                    ;; 1
        (local.set $i (i32.add (local.get $i) (i32.const 1)))     ;; 4
        (br_if $l (i32.lt_u (local.get $i) (local.get $n))))      ;; 4, end: 10 a round
      (local.get $i))))");                                         // 1, end: 2 outside
  for (uint32_t n : {1u, 2u, 10u, 1000u}) {
    EXPECT_EQ(charged(h, "count", {I32(n)}), 10u * n + 2) << n;
  }
}

TEST(InterpFuel, NestedLoopsChargeEachLevelPerItsOwnIteration) {
  Harness h(kFuel);
  h.load(R"((module
    (func (export "nested") (param $m i32) (param $n i32) (local $i i32) (local $j i32)
      (loop $outer                                                    ;; 1
        (local.set $j (i32.const 0))                                  ;; 2
        (loop $inner                                                  ;; inner: 1
          (local.set $j (i32.add (local.get $j) (i32.const 1)))       ;; 4
          (br_if $inner (i32.lt_u (local.get $j) (local.get $n))))    ;; 4, end: 10
        (local.set $i (i32.add (local.get $i) (i32.const 1)))         ;; 4
        (br_if $outer (i32.lt_u (local.get $i) (local.get $m)))))))");  // 4, end: 12; outside: end
  for (auto [m, n] : {std::pair{1u, 1u}, {3u, 5u}, {10u, 7u}}) {
    EXPECT_EQ(charged(h, "nested", {I32(m), I32(n)}), 1u + 12u * m + 10u * m * n) << m << "x" << n;
  }
}

TEST(InterpFuel, CalleeIsChargedAtItsEntry) {
  Harness h(kFuel);
  h.load(R"((module
    (type $t (func (param i32) (result i32)))
    (table funcref (elem $triple))
    (func $triple (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3)))  ;; 4
    (func (export "calls") (result i32)
      (i32.add (call $triple (i32.const 1))                                        ;; 2
               (call_indirect (type $t) (i32.const 2) (i32.const 0))))             ;; 3, add, end
    (func $down (export "down") (param i32)
      (if (local.get 0)                                                            ;; 2
        (then (call $down (i32.sub (local.get 0) (i32.const 1))))))))");            // 4, end, end
  EXPECT_EQ(charged(h, "calls"), 7u + 2 * 4u);
  EXPECT_EQ(charged(h, "down", {I32(0)}), 8u);   // every activation pays its whole body
  EXPECT_EQ(charged(h, "down", {I32(9)}), 80u);
}

TEST(InterpFuel, CodeABranchSkipsIsChargedAnyway) {
  // The charge is an upper bound: a region pays for all of its instructions
  // up front, the arm not taken and code after a branch included.
  Harness h(kFuel);
  h.load(R"((module
    (func (export "skip") (param i32) (result i32)
      (block $b                                   ;; 1
        (br_if $b (local.get 0))                  ;; 2
        (nop) (nop) (nop))                        ;; 3, end
      (i32.const 7))                              ;; 1, end: 9
    (func (export "choose") (param i32) (result i32)
      (if (result i32) (local.get 0)              ;; 2
        (then (i32.const 1))                      ;; 1
        (else (i32.add (i32.const 2) (i32.const 3)))))  ;; else, 3, end, end: 9
    (func (export "dead") (result i32)
      (block (br 0) (nop) (loop (nop)))           ;; block, br, nop, end (the loop never runs)
      (i32.const 1))))");                          // 1, end: 6
  EXPECT_EQ(charged(h, "skip", {I32(0)}), 9u);
  EXPECT_EQ(charged(h, "skip", {I32(1)}), 9u);
  EXPECT_EQ(charged(h, "choose", {I32(0)}), 9u);
  EXPECT_EQ(charged(h, "choose", {I32(1)}), 9u);
  EXPECT_EQ(charged(h, "dead"), 6u);
}

TEST(InterpFuel, ExactlyEnoughSucceedsOneLessTraps) {
  Harness h(kFuel);
  h.load(R"((module (func (export "add") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))))");
  h.store.fuel = 4;
  EXPECT_EQ(h.i32("add", {I32(2), I32(3)}), 5u);
  EXPECT_EQ(h.store.fuel, 0u);
  h.store.fuel = 3;
  runtime::Trap t = h.trap("add", {I32(2), I32(3)});
  EXPECT_EQ(t.kind, TrapKind::OutOfFuel);
  EXPECT_EQ(t.message, "all fuel consumed");
  EXPECT_EQ(h.store.fuel, 0u);  // what was left is gone too
}

TEST(InterpFuel, EndlessLoopRunsOutAndARefilledStoreRunsOn) {
  Harness h(kFuel);
  h.load(R"((module
    (func $spin (export "spin") (loop (br 0)))
    (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))))");
  h.store.fuel = 1000;
  runtime::Trap t = h.trap("spin");
  EXPECT_EQ(t.kind, TrapKind::OutOfFuel);
  EXPECT_EQ(h.store.fuel, 0u);
  ASSERT_EQ(t.backtrace.size(), 1u);
  EXPECT_NE(t.backtrace[0].funcName.find("spin"), std::string::npos) << t.backtrace[0].funcName;
  EXPECT_GT(t.backtrace[0].codeOffset, 0u);
  // An empty store runs nothing...
  EXPECT_EQ(h.trap("add", {I32(1), I32(2)}).kind, TrapKind::OutOfFuel);
  // ...a refilled one runs the next call as usual.
  h.store.fuel = 100;
  EXPECT_EQ(h.i32("add", {I32(1), I32(2)}), 3u);
  EXPECT_EQ(h.store.fuel, 96u);
}

TEST(InterpFuel, RunningOutDeepInACallChainNamesEveryFrame) {
  Harness h(kFuel);
  h.load(R"((module
    (func $spin (loop (br 0)))
    (func $leaf (drop (i32.const 1)))                                    ;; 3
    (func $middle (param i32) (if (local.get 0) (then (call $spin)) (else (call $leaf))))
    (func (export "top") (param i32) (call $middle (local.get 0)))))");
  // In a loop of the innermost function.
  h.store.fuel = 10'000;
  runtime::Trap t = h.trap("top", {I32(1)});
  EXPECT_EQ(t.kind, TrapKind::OutOfFuel);
  ASSERT_EQ(t.backtrace.size(), 3u);
  EXPECT_NE(t.backtrace[0].funcName.find("spin"), std::string::npos) << t.describe();
  EXPECT_NE(t.backtrace[1].funcName.find("middle"), std::string::npos) << t.describe();
  EXPECT_EQ(t.backtrace[2].funcIndex, 3u);
  // At the entry of the callee: top (3) and middle (7) are paid, leaf is not.
  h.store.fuel = 3 + 7 + 2;
  t = h.trap("top", {I32(0)});
  EXPECT_EQ(t.kind, TrapKind::OutOfFuel);
  ASSERT_EQ(t.backtrace.size(), 3u) << t.describe();
  EXPECT_NE(t.backtrace[0].funcName.find("leaf"), std::string::npos) << t.describe();
  EXPECT_GT(t.backtrace[0].codeOffset, 0u);
  h.store.fuel = 3 + 7 + 3;
  std::vector<runtime::Value> none;
  EXPECT_FALSE(h.call("top", {I32(0)}, none).has_value());
  EXPECT_EQ(h.store.fuel, 0u);
}

TEST(InterpFuel, CodeWithoutFuelChecksIgnoresTheTank) {
  for (runtime::CodeOptions options : {runtime::CodeOptions{}, runtime::CodeOptions{.interruptible = true}}) {
    Harness h(options);
    h.load(R"((module (func (export "count") (param $n i32) (result i32)
      (loop $l (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
      (local.get $n))))");
    h.store.fuel = 0;
    EXPECT_EQ(h.i32("count", {I32(100)}), 0u);
    EXPECT_EQ(h.store.fuel, 0u);
  }
}

TEST(InterpFuel, ChargedTheSameWithInterruptionOn) {
  Harness h({.consumeFuel = true, .interruptible = true});
  h.load(R"((module (func (export "count") (param $n i32) (result i32)
    (loop $l (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))   ;; 7 a round
    (local.get $n))))");                                                         // 2
  EXPECT_EQ(charged(h, "count", {I32(100)}), 702u);
  h.store.fuel = 50;
  EXPECT_EQ(h.trap("count", {I32(100)}).kind, TrapKind::OutOfFuel);
}

}  // namespace
}  // namespace wasmcap::interp::testing
