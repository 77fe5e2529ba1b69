// Exception handling in the interpreter: throw and try_table across several
// wasm frames, the catch clause kinds, rethrow with throw_ref, exceptions
// passing through host functions, and an uncaught exception at the host
// boundary as a trap that carries the thrown values.
#include "harness.h"

namespace wasmcap::interp::testing {
namespace {

using runtime::FuncInst;
using runtime::HostCallContext;
using runtime::TrapKind;
using runtime::Value;

constexpr const char* kExceptions = R"((module
  (import "env" "host" (func $host (param i32)))
  (tag $e (param i32 i64))
  (tag $other (param i32))
  (func $thrower (param $depth i32) (param $v i32)
    (local $pad i64)
    (local.set $pad (i64.const 77))
    (if (i32.eqz (local.get $depth))
      (then (throw $e (local.get $v) (i64.extend_i32_u (local.get $v)))))
    (call $thrower (i32.sub (local.get $depth) (i32.const 1)) (local.get $v)))
  ;; Thrown `depth` frames down, caught here: v + 1000 * (v as i64).
  (func (export "deep") (param $depth i32) (param $v i32) (result i64)
    (local $keep i64) (local $a i32) (local $b i64)
    (local.set $keep (i64.const 5))
    (block $h (result i32 i64)
      (try_table (catch $e $h)
        (call $thrower (local.get $depth) (local.get $v)))
      (return (i64.const -1)))
    (local.set $b)
    (local.set $a)
    (i64.add (i64.add (i64.extend_i32_u (local.get $a)) (i64.mul (local.get $b) (i64.const 1000)))
             (local.get $keep)))
  ;; A clause for another tag does not catch; catch_all does.
  (func (export "catch-all") (result i32)
    (block $all
      (block $o (result i32)
        (try_table (catch $other $o) (catch_all $all)
          (call $thrower (i32.const 3) (i32.const 1)))
        (return (i32.const -1)))
      (return (i32.const -2)))
    (i32.const 42))
  ;; Caught with catch_ref, rethrown by throw_ref, caught again outside.
  (func (export "rethrow") (result i32)
    (block $outer (result i32 i64)
      (try_table (catch $e $outer)
        (block $inner (result i32 i64 exnref)
          (try_table (catch_ref $e $inner)
            (call $thrower (i32.const 2) (i32.const 9)))
          (unreachable))
        (throw_ref))
      (return (i32.const -1)))
    (drop))
  (func (export "uncaught") (param i32)
    (call $thrower (i32.const 4) (local.get 0)))
  (func (export "throw-ref-null")
    (throw_ref (ref.null exn)))
  ;; Calls the host, which calls "uncaught" and lets its exception through.
  (func (export "through-host") (param i32) (result i32)
    (block $h (result i32 i64)
      (try_table (catch $e $h) (call $host (local.get 0)))
      (return (i32.const -1)))
    (drop)))
)";

struct ExceptionHarness : Harness {
  ExceptionHarness() {
    ir::FuncType t{{ir::ValType::i32()}, {}};
    FuncInst* host = store.addHostFunc(
        t, [this](HostCallContext& ctx, std::span<const Value> args, std::span<Value>) -> std::optional<runtime::Trap> {
          std::vector<Value> results;
          return runtime::invoke(ctx.store, *func("uncaught"), {args.begin(), args.end()}, results);
        });
    linker.define("env", "host", runtime::Extern::func(host));
  }
};

TEST(InterpExceptions, CaughtAcrossSeveralFrames) {
  ExceptionHarness h;
  h.load(kExceptions);
  EXPECT_EQ(h.i64("deep", {I32(0), I32(3)}), 3u + 3000u + 5u);
  EXPECT_EQ(h.i64("deep", {I32(50), I32(7)}), 7u + 7000u + 5u);
  // The interpreter stays usable after unwinding: same again.
  EXPECT_EQ(h.i64("deep", {I32(50), I32(7)}), 7u + 7000u + 5u);
}

TEST(InterpExceptions, CatchAllTakesWhatOtherClausesDoNot) {
  ExceptionHarness h;
  h.load(kExceptions);
  EXPECT_EQ(h.i32("catch-all"), 42u);
}

TEST(InterpExceptions, ThrowRefRethrowsTheSameException) {
  ExceptionHarness h;
  h.load(kExceptions);
  EXPECT_EQ(h.i32("rethrow"), 9u);
  EXPECT_EQ(h.trap("throw-ref-null").kind, TrapKind::NullReference);
}

TEST(InterpExceptions, UncaughtAtTheHostBoundaryCarriesItsValues) {
  ExceptionHarness h;
  h.load(kExceptions);
  runtime::Trap t = h.trap("uncaught", {I32(11)});
  EXPECT_EQ(t.kind, TrapKind::UncaughtException);
  EXPECT_EQ(t.message, "uncaught exception");
  ASSERT_TRUE(t.exception);
  EXPECT_EQ(t.exception->payload, (std::vector<uint64_t>{11, 11}));
  wasmcap::Trap pub = runtime::toPublicTrap(t);
  EXPECT_EQ(pub.kind, wasmcap::TrapKind::UncaughtException);
  EXPECT_EQ(pub.exceptionPayload, (std::vector<uint64_t>{11, 11}));
}

TEST(InterpExceptions, PassesThroughAHostFunction) {
  ExceptionHarness h;
  h.load(kExceptions);
  EXPECT_EQ(h.i32("through-host", {I32(23)}), 23u);
}

}  // namespace
}  // namespace wasmcap::interp::testing
