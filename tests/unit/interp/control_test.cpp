// Structured control flow lowered to jumps and moves: block/loop/if with
// parameters and multiple results, and branches that carry values.
#include "harness.h"

namespace wasmcap::interp::testing {
namespace {

TEST(InterpControl, MultiValueBlockKeepsOrder) {
  Harness h;
  h.load(R"((module
    (func (export "swap_sub") (param i32 i32) (result i32)
      (local.get 0) (local.get 1)
      (block (param i32 i32) (result i32 i32)
        (local.set 0) (local.set 1) (local.get 0) (local.get 1))
      (i32.sub))))");
  // The block pops b then a and pushes them swapped: b - a.
  EXPECT_EQ(h.i32("swap_sub", {I32(10), I32(3)}), uint32_t(3 - 10));
}

TEST(InterpControl, BranchCarriesValuesOverExtraStack) {
  Harness h;
  h.load(R"((module
    (func (export "f") (param i32) (result i32 i64)
      (block (result i32 i64)
        (i32.const 99)            ;; junk below the carried values
        (i32.const 7) (i64.const 8)
        (br_if 0 (local.get 0))   ;; values must move down over the junk
        (drop) (drop) (drop)
        (i32.const 1) (i64.const 2)))))");
  std::vector<runtime::Value> r;
  ASSERT_FALSE(h.call("f", {I32(1)}, r).has_value());
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].raw.i32, 7u);
  EXPECT_EQ(r[1].raw.i64, 8u);
  ASSERT_FALSE(h.call("f", {I32(0)}, r).has_value());
  EXPECT_EQ(r[0].raw.i32, 1u);
  EXPECT_EQ(r[1].raw.i64, 2u);
}

TEST(InterpControl, LoopWithParamsSumsDown) {
  Harness h;
  // sum(n) = n + (n-1) + ... + 1, the accumulator and counter as loop params.
  h.load(R"((module
    (func (export "sum") (param i32) (result i32)
      (i32.const 0) (local.get 0)
      (loop (param i32 i32) (result i32)
        (local.set 0)            ;; counter
        (local.get 0) (i32.add)  ;; acc += counter
        (local.get 0) (i32.const 1) (i32.sub)
        (local.tee 0)
        (br_if 0 (i32.ne (local.get 0) (i32.const 0)))
        (drop)))))");
  EXPECT_EQ(h.i32("sum", {I32(10)}), 55u);
  EXPECT_EQ(h.i32("sum", {I32(1)}), 1u);
}

TEST(InterpControl, IfElseWithParams) {
  Harness h;
  h.load(R"((module
    (func (export "f") (param i32 i32 i32) (result i32)
      (local.get 1) (local.get 2)
      (if (param i32 i32) (result i32) (local.get 0)
        (then (i32.add))
        (else (i32.mul))))))");
  EXPECT_EQ(h.i32("f", {I32(1), I32(6), I32(7)}), 13u);
  EXPECT_EQ(h.i32("f", {I32(0), I32(6), I32(7)}), 42u);
}

TEST(InterpControl, IfWithoutElseFallsThrough) {
  Harness h;
  h.load(R"((module
    (func (export "f") (param i32) (result i32)
      (local i32)
      (if (local.get 0) (then (local.set 1 (i32.const 5))))
      (local.get 1))))");
  EXPECT_EQ(h.i32("f", {I32(1)}), 5u);
  EXPECT_EQ(h.i32("f", {I32(0)}), 0u);
}

TEST(InterpControl, BrTableSelectsTargetsAndDefault) {
  Harness h;
  h.load(R"((module
    (func (export "f") (param i32) (result i32)
      (block (result i32)
        (block (result i32)
          (block (result i32)
            (i32.const 100)
            (i32.const 10) (local.get 0)
            (br_table 0 1 2 0))   ;; the value must move over the 100
          (i32.const 1) (i32.add) (return))
        (i32.const 2) (i32.add) (return))
      (i32.const 3) (i32.add))))");
  EXPECT_EQ(h.i32("f", {I32(0)}), 11u);
  EXPECT_EQ(h.i32("f", {I32(1)}), 12u);
  EXPECT_EQ(h.i32("f", {I32(2)}), 13u);
  EXPECT_EQ(h.i32("f", {I32(3)}), 11u);           // default
  EXPECT_EQ(h.i32("f", {I32(0xFFFFFFFF)}), 11u);  // default, unsigned compare
}

TEST(InterpControl, ReturnFromNestedBlocksWithTwoValues) {
  Harness h;
  h.load(R"((module
    (func (export "f") (param i32) (result i32 i32)
      (local i32)
      (block (block (block
        (i32.const 4) (i32.const 5)
        (if (local.get 0) (then (return (i32.const 1) (i32.const 2))))
        (return))))
      (unreachable))))");
  std::vector<runtime::Value> r;
  ASSERT_FALSE(h.call("f", {I32(1)}, r).has_value());
  EXPECT_EQ(r[0].raw.i32, 1u);
  EXPECT_EQ(r[1].raw.i32, 2u);
  ASSERT_FALSE(h.call("f", {I32(0)}, r).has_value());
  EXPECT_EQ(r[0].raw.i32, 4u);
  EXPECT_EQ(r[1].raw.i32, 5u);
}

TEST(InterpControl, DeadCodeAfterBranchIsSkipped) {
  Harness h;
  h.load(R"((module
    (func (export "f") (result i32)
      (block (result i32)
        (br 0 (i32.const 3))
        (block (loop (if (i32.const 1) (then (unreachable)) (else (unreachable)))))
        (i32.const 9)))))");
  EXPECT_EQ(h.i32("f"), 3u);
}

TEST(InterpControl, SelectAndV128Select) {
  Harness h;
  h.load(R"((module
    (func (export "s") (param i32) (result i64)
      (select (i64.const 11) (i64.const 22) (local.get 0)))
    (func (export "v") (param i32) (result i64)
      (i64x2.extract_lane 1
        (select (v128.const i64x2 1 2) (v128.const i64x2 3 4) (local.get 0))))))");
  EXPECT_EQ(h.i64("s", {I32(1)}), 11u);
  EXPECT_EQ(h.i64("s", {I32(0)}), 22u);
  EXPECT_EQ(h.i64("v", {I32(1)}), 2u);
  EXPECT_EQ(h.i64("v", {I32(0)}), 4u);
}

TEST(InterpControl, GlobalsReadAndWriteInPlace) {
  Harness h;
  h.load(R"((module
    (global $g (mut i64) (i64.const 40))
    (global $v (mut v128) (v128.const i32x4 0 0 0 0))
    (func (export "bump") (result i64)
      (global.set $g (i64.add (global.get $g) (i64.const 2)))
      (global.set $v (v128.const i32x4 1 2 3 4))
      (i64.add (global.get $g) (i64.extend_i32_u (i32x4.extract_lane 3 (global.get $v)))))))");
  EXPECT_EQ(h.i64("bump"), 46u);
  EXPECT_EQ(h.i64("bump"), 48u);
}

TEST(InterpControl, LocalReadsKeepTheValueAtTheTimeOfTheRead) {
  Harness h;
  h.load(R"((module
    (func (export "f") (param i32) (result i32)
      (local.get 0)
      (local.set 0 (i32.const 5))
      (local.get 0)
      (local.set 0 (i32.add (local.get 0) (i32.const 1)))
      (i32.sub))
    (func (export "loop") (param i32) (result i32)
      (local i32)
      (local.get 0)        ;; below the loop: must not see the loop's writes
      (local.get 0)        ;; the loop's parameter
      (loop (param i32) (result i32)
        (drop)
        (local.set 1 (i32.add (local.get 1) (i32.const 1)))
        (local.set 0 (i32.const 100))
        (br_if 0 (local.get 0) (i32.lt_u (local.get 1) (i32.const 3))))
      (local.get 1) (i32.add) (i32.add))))");
  EXPECT_EQ(h.i32("f", {I32(50)}), 45u);      // 50 - 5
  EXPECT_EQ(h.i32("loop", {I32(7)}), 110u);   // 7 + (100 + 3)
}

}  // namespace
}  // namespace wasmcap::interp::testing
