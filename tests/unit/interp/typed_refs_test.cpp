// Typed function references: call_ref and return_call_ref through (ref $t)
// values, the null checks of call_ref, ref.as_non_null and br_on_null /
// br_on_non_null, and a deep return_call_ref recursion in one frame.
#include "harness.h"

namespace wasmcap::interp::testing {
namespace {

using runtime::TrapKind;
using runtime::Value;

constexpr const char* kTypedRefs = R"((module
  (type $unop (func (param i64) (result i64)))
  (type $pred (func (param i64 i64) (result i64)))
  (elem declare func $square $count $even $odd)
  (func $square (type $unop) (i64.mul (local.get 0) (local.get 0)))
  (global $sq (ref $unop) (ref.func $square))
  (global $nothing (mut (ref null $unop)) (ref.null $unop))
  (func (export "apply") (param i64) (result i64)
    (call_ref $unop (local.get 0) (global.get $sq)))
  (func (export "apply-null") (param i64) (result i64)
    (call_ref $unop (local.get 0) (global.get $nothing)))
  (func (export "as-non-null-null") (result i32)
    (drop (ref.as_non_null (global.get $nothing))) (i32.const 1))
  ;; 1 when the reference is null, else the function applied to 5.
  (func $classify (param $f (ref null $unop)) (result i64)
    (block $null
      (return (call_ref $unop (i64.const 5) (br_on_null $null (local.get $f)))))
    (i64.const 1))
  (func (export "classify-null") (result i64) (call $classify (ref.null $unop)))
  (func (export "classify-square") (result i64) (call $classify (global.get $sq)))
  ;; br_on_non_null carries the reference to the label; a null falls through.
  (func $pick (param $f (ref null $unop)) (result i64)
    (call_ref $unop (i64.const 7)
      (block $l (result (ref $unop))
        (br_on_non_null $l (local.get $f))
        (return (i64.const -1)))))
  (func (export "pick-null") (result i64) (call $pick (ref.null $unop)))
  (func (export "pick-square") (result i64) (call $pick (global.get $sq)))
  ;; A non-defaultable local, set before it is read.
  (func (export "local") (result i64)
    (local $f (ref $unop))
    (local.set $f (global.get $sq))
    (call_ref $unop (i64.const 9) (local.get $f)))
  ;; Counting down by return_call_ref: one frame however deep.
  (func $count (param $n i64) (param $acc i64) (result i64)
    (if (result i64) (i64.eqz (local.get $n))
      (then (local.get $acc))
      (else (return_call_ref $pred (i64.sub (local.get $n) (i64.const 1))
                                   (i64.add (local.get $acc) (i64.const 2))
                                   (ref.func $count)))))
  (func (export "count") (param i64) (result i64)
    (call $count (local.get 0) (i64.const 0)))
  ;; Mutual recursion through references.
  (func $even (param $n i64) (param $unused i64) (result i64)
    (if (result i64) (i64.eqz (local.get $n)) (then (i64.const 1))
      (else (return_call_ref $pred (i64.sub (local.get $n) (i64.const 1)) (i64.const 0) (ref.func $odd)))))
  (func $odd (param $n i64) (param $unused i64) (result i64)
    (if (result i64) (i64.eqz (local.get $n)) (then (i64.const 0))
      (else (return_call_ref $pred (i64.sub (local.get $n) (i64.const 1)) (i64.const 0) (ref.func $even)))))
  (func (export "even") (param i64) (result i64) (call $even (local.get 0) (i64.const 0))))
)";

TEST(InterpTypedRefs, CallRefCallsTheReferencedFunction) {
  Harness h;
  h.load(kTypedRefs);
  EXPECT_EQ(h.i64("apply", {I64(12)}), 144u);
  EXPECT_EQ(h.i64("local"), 81u);
}

TEST(InterpTypedRefs, NullReferencesTrap) {
  Harness h;
  h.load(kTypedRefs);
  runtime::Trap t = h.trap("apply-null", {I64(3)});
  EXPECT_EQ(t.kind, TrapKind::NullFunctionReference);
  EXPECT_EQ(t.message, "null function reference");
  EXPECT_EQ(h.trap("as-non-null-null").kind, TrapKind::NullReference);
}

TEST(InterpTypedRefs, BranchesOnNull) {
  Harness h;
  h.load(kTypedRefs);
  EXPECT_EQ(h.i64("classify-null"), 1u);
  EXPECT_EQ(h.i64("classify-square"), 25u);
  EXPECT_EQ(h.i64("pick-null"), static_cast<uint64_t>(-1));
  EXPECT_EQ(h.i64("pick-square"), 49u);
}

// A million return_call_ref steps under a call depth limit of 50.
TEST(InterpTypedRefs, DeepReturnCallRefRecursionRunsInOneFrame) {
  runtime::Limits limits;
  limits.maxCallDepth = 50;
  Harness h(limits);
  h.load(kTypedRefs);
  EXPECT_EQ(h.i64("count", {I64(1'000'000)}), 2'000'000u);
  EXPECT_EQ(h.i64("even", {I64(1'000'001)}), 0u);
  EXPECT_EQ(h.i64("even", {I64(1'000'000)}), 1u);
}

}  // namespace
}  // namespace wasmcap::interp::testing
