// Calls: wasm->wasm recursion on the interpreter's own frame stack, host
// functions, host functions re-entering wasm, and the depth limit.
#include "harness.h"

namespace wasmcap::interp::testing {
namespace {

using runtime::FuncInst;
using runtime::HostCallContext;
using runtime::TrapKind;
using runtime::Value;

constexpr const char* kRecursion = R"((module
  (func $fac (export "fac") (param i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0))
      (then (i64.const 1))
      (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
  (func $fib (export "fib") (param i32) (result i32)
    (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
      (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                     (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
  (func $depth (export "depth") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $depth (i32.sub (local.get 0) (i32.const 1)))))))
  (func $divmod (param i32 i32) (result i32 i32)
    (i32.div_u (local.get 0) (local.get 1)) (i32.rem_u (local.get 0) (local.get 1)))
  (func (export "divmod_sum") (param i32 i32) (result i32)
    (call $divmod (local.get 0) (local.get 1)) (i32.add))
  (func $runaway (export "runaway") (call $runaway)))
)";

TEST(InterpCalls, Recursion) {
  Harness h;
  h.load(kRecursion);
  EXPECT_EQ(h.i64("fac", {I64(20)}), 2432902008176640000ull);
  EXPECT_EQ(h.i32("fib", {I32(20)}), 6765u);
  EXPECT_EQ(h.i32("divmod_sum", {I32(17), I32(5)}), 3u + 2u);
}

TEST(InterpCalls, DepthLimitTrapsAndStoreStaysUsable) {
  runtime::Limits limits;
  limits.maxCallDepth = 100;
  Harness h(limits);
  h.load(kRecursion);
  EXPECT_EQ(h.i32("depth", {I32(90)}), 90u);
  runtime::Trap t = h.trap("depth", {I32(150)});
  EXPECT_EQ(t.kind, TrapKind::CallStackExhausted);
  EXPECT_EQ(t.message, "call stack exhausted");
  EXPECT_EQ(t.backtrace.size(), 100u);
  // The abandoned frames are gone: the full depth is available again.
  EXPECT_EQ(h.i32("depth", {I32(95)}), 95u);
}

TEST(InterpCalls, InfiniteRecursionTrapsWithDefaultLimits) {
  Harness h;
  h.load(kRecursion);
  runtime::Trap t = h.trap("runaway");
  EXPECT_EQ(t.kind, TrapKind::CallStackExhausted);
  EXPECT_EQ(h.i64("fac", {I64(5)}), 120u);
}

TEST(InterpCalls, ValueStackOverflowTraps) {
  runtime::Limits limits;
  limits.maxValueStackBytes = 64 * 1024;  // far fewer slots than frames allowed
  Harness h(limits);
  h.load(kRecursion);
  runtime::Trap t = h.trap("depth", {I32(5000)});
  EXPECT_EQ(t.kind, TrapKind::CallStackExhausted);
  EXPECT_EQ(h.i32("depth", {I32(10)}), 10u);
}

// A host import that calls back into the module: "twice"(x) = wasm "inc"(inc(x)).
TEST(InterpCalls, HostFunctionReentersWasm) {
  Harness h;
  FuncInst* inc = nullptr;
  ir::FuncType t{{ir::ValType::i32()}, {ir::ValType::i32()}};
  FuncInst* twice = h.store.addHostFunc(
      t, [&](HostCallContext& ctx, std::span<const Value> args, std::span<Value> results) -> std::optional<runtime::Trap> {
        std::vector<Value> r1, r2;
        std::vector<Value> a1{args[0]};
        if (auto trap = runtime::invoke(ctx.store, *inc, a1, r1)) return trap;
        if (auto trap = runtime::invoke(ctx.store, *inc, r1, r2)) return trap;
        results[0] = r2[0];
        return std::nullopt;
      });
  h.linker.define("env", "twice", runtime::Extern::func(twice));
  h.load(R"((module
    (import "env" "twice" (func $twice (param i32) (result i32)))
    (func (export "inc") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
    (func (export "run") (param i32) (result i32)
      (local i64 i64 i64)
      ;; values live across the host call must survive the nested runs
      (local.set 1 (i64.const 77))
      (i32.add (call $twice (local.get 0)) (i32.wrap_i64 (local.get 1))))))");
  inc = h.func("inc");
  ASSERT_NE(inc, nullptr);
  EXPECT_EQ(h.i32("run", {I32(5)}), 5u + 2u + 77u);
}

TEST(InterpCalls, HostTrapPropagatesWithWasmBacktrace) {
  Harness h;
  FuncInst* fail = h.store.addHostFunc(
      ir::FuncType{}, [](HostCallContext&, std::span<const Value>, std::span<Value>) -> std::optional<runtime::Trap> {
        return runtime::Trap(TrapKind::Host, "host says no");
      });
  h.linker.define("env", "fail", runtime::Extern::func(fail));
  h.load(R"((module
    (import "env" "fail" (func $fail))
    (func $inner (call $fail))
    (func (export "outer") (call $inner))))");
  runtime::Trap t = h.trap("outer");
  EXPECT_EQ(t.kind, TrapKind::Host);
  EXPECT_EQ(t.message, "host says no");
  ASSERT_EQ(t.backtrace.size(), 2u);
  EXPECT_EQ(t.backtrace[0].funcIndex, 1u);  // $inner
  EXPECT_EQ(t.backtrace[1].funcIndex, 2u);  // the export
}

TEST(InterpCalls, CallsAcrossInstances) {
  Harness h;
  h.load(R"((module
    (memory (export "mem") 1)
    (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
    (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))))");
  h.linker.defineInstance("lib", *h.instance);
  runtime::Instance* lib = h.instance;
  h.load(R"((module
    (import "lib" "store" (func $store (param i32 i32)))
    (import "lib" "load" (func $load (param i32) (result i32)))
    (memory 1)
    (func (export "run") (result i32)
      (i32.store (i32.const 8) (i32.const 5))       ;; own memory
      (call $store (i32.const 8) (i32.const 1234))  ;; the library's memory
      (i32.add (i32.load (i32.const 8)) (call $load (i32.const 8))))))");
  EXPECT_EQ(h.i32("run"), 5u + 1234u);
  std::vector<Value> r;
  std::vector<Value> args{I32(8)};
  ASSERT_FALSE(runtime::invoke(h.store, *lib->findExport("load")->asFunc(), args, r).has_value());
  EXPECT_EQ(r[0].raw.i32, 1234u);
}

}  // namespace
}  // namespace wasmcap::interp::testing
