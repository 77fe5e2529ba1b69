// Traps from wasm and from host functions arrive as Error + Trap with the
// wasm backtrace; the store keeps working afterwards.
#include <gtest/gtest.h>

#include <wasmcap/wasmcap.hpp>

namespace wasmcap {
namespace {

constexpr const char* kNested = R"(
(module $nested
  (import "env" "fail" (func $fail))
  (func $leaf (param i32) (result i32) local.get 0 i32.const 0 i32.div_s)
  (func $middle (export "divide") (param i32) (result i32) local.get 0 call $leaf)
  (func $viaHost (export "viaHost") call $fail)
  (func $outer (export "outer") call $viaHost))
)";

struct TrapTest : ::testing::Test {
  void SetUp() override {
    ASSERT_TRUE(linker.func("env", "fail", []() -> Result<void> { return hostTrap("the host says no"); }));
    Result<Module> m = Module::fromWat(engine, kNested);
    ASSERT_TRUE(m) << m.error().describe();
    Result<Instance> i = linker.instantiate(*m, "nested");
    ASSERT_TRUE(i);
    instance.emplace(*i);
  }
  Engine engine;
  Store store{engine};
  Linker linker{store};
  std::optional<Instance> instance;
};

TEST_F(TrapTest, WasmTrapHasKindMessageAndBacktrace) {
  Result<int32_t> r = (*instance->typedFunc<int32_t(int32_t)>("divide"))(7);
  ASSERT_FALSE(r);
  const Error& e = r.error();
  EXPECT_EQ(e.code, ErrorCode::Trap);
  ASSERT_TRUE(e.trap);
  const Trap& t = *e.trap;
  EXPECT_EQ(t.kind, TrapKind::IntegerDivideByZero);
  EXPECT_EQ(t.message, "integer divide by zero");
  ASSERT_EQ(t.backtrace.size(), 2u);
  EXPECT_EQ(t.backtrace[0].funcName, "leaf");
  EXPECT_EQ(t.backtrace[0].funcIndex, 1u);
  EXPECT_EQ(t.backtrace[1].funcName, "middle");
  EXPECT_EQ(t.backtrace[0].moduleName, "nested");
  EXPECT_GT(t.backtrace[0].moduleOffset, 0u);
  EXPECT_GT(t.backtrace[0].funcOffset, 0u);
  EXPECT_LT(t.backtrace[0].funcOffset, t.backtrace[0].moduleOffset);
  ASSERT_TRUE(t.backtrace[0].instance());
  EXPECT_EQ(*t.backtrace[0].instance(), *instance);
  const std::string text = e.describe();
  EXPECT_NE(text.find("integer divide by zero\n  at nested!leaf (func 1) @0x"), std::string::npos) << text;
  EXPECT_NE(text.find("at nested!middle (func 2)"), std::string::npos) << text;
}

TEST_F(TrapTest, HostTrapCarriesTheWasmFramesAboveIt) {
  Result<void> r = (*instance->typedFunc<void()>("outer"))();
  ASSERT_FALSE(r);
  ASSERT_TRUE(r.error().trap);
  const Trap& t = *r.error().trap;
  EXPECT_EQ(t.kind, TrapKind::Host);
  EXPECT_EQ(t.message, "the host says no");
  ASSERT_EQ(t.backtrace.size(), 2u);
  EXPECT_EQ(t.backtrace[0].funcName, "viaHost");
  EXPECT_EQ(t.backtrace[1].funcName, "outer");
}

TEST_F(TrapTest, StoreRunsTheNextCallAfterATrap) {
  EXPECT_FALSE((*instance->typedFunc<int32_t(int32_t)>("divide"))(1));
  auto divide = instance->typedFunc<int32_t(int32_t)>("divide");
  for (int i = 0; i < 3; ++i) EXPECT_FALSE((*divide)(i));
  Result<Module> ok = Module::fromWat(engine, "(module (func (export \"f\") (result i32) i32.const 9))");
  Result<Instance> next = linker.instantiate(*ok);
  ASSERT_TRUE(next);
  EXPECT_EQ(*(*next->typedFunc<int32_t()>("f"))(), 9);
}

// A trap raised in wasm called from a host function passes through the host
// function (returned as its Error) and reaches the outer caller unchanged.
TEST(TrapPassThrough, NestedTrapKeepsKindAndAllFrames) {
  Engine engine;
  Store store(engine);
  Linker linker(store);
  std::optional<Func> inner;
  ASSERT_TRUE(linker.func("env", "callInner", [&]() -> Result<void> {
    Result<std::vector<Value>> r = inner->call({});
    if (!r) return std::move(r).error();
    return {};
  }));
  Result<Module> m = Module::fromWat(engine, R"(
    (module (import "env" "callInner" (func $callInner))
            (func $inner (export "inner") unreachable)
            (func $outer (export "outer") call $callInner))
  )");
  ASSERT_TRUE(m);
  Result<Instance> inst = linker.instantiate(*m, "m");
  ASSERT_TRUE(inst);
  inner = *inst->func("inner");
  Result<std::vector<Value>> r = inst->func("outer")->call({});
  ASSERT_FALSE(r);
  ASSERT_TRUE(r.error().trap);
  const Trap& t = *r.error().trap;
  EXPECT_EQ(t.kind, TrapKind::Unreachable);
  ASSERT_EQ(t.backtrace.size(), 2u);
  EXPECT_EQ(t.backtrace[0].funcName, "inner");
  EXPECT_EQ(t.backtrace[1].funcName, "outer");
}

TEST(TrapText, KindsHaveTheSpecMessages) {
  EXPECT_STREQ(trapKindMessage(TrapKind::OutOfFuel), "all fuel consumed");
  EXPECT_STREQ(trapKindMessage(TrapKind::Interrupted), "interrupted");
  EXPECT_STREQ(trapKindMessage(TrapKind::MemoryOutOfBounds), "out of bounds memory access");
  Trap exit(TrapKind::Exit);
  exit.exitCode = 3;
  EXPECT_EQ(exit.describe(), "exit (code 3)");
}

// A wasm exception nothing catches reaches the embedder as a trap of kind
// UncaughtException with the values it carries; a host function that
// returns that error passes the exception on to the wasm that called it.
TEST(ExceptionTrap, UncaughtExceptionCarriesItsValues) {
  Engine engine;
  Store store{engine};
  Linker linker{store};
  Result<Module> m = Module::fromWat(engine, R"((module
    (tag $e (param i32 i64))
    (func (export "throw") (param i32) (throw $e (local.get 0) (i64.const -2)))))");
  ASSERT_TRUE(m) << m.error().describe();
  Result<Instance> i = linker.instantiate(*m, "thrower");
  ASSERT_TRUE(i) << i.error().describe();
  Result<void> r = (*i->typedFunc<void(int32_t)>("throw"))(42);
  ASSERT_FALSE(r);
  ASSERT_TRUE(r.error().trap);
  const Trap& t = *r.error().trap;
  EXPECT_EQ(t.kind, TrapKind::UncaughtException);
  EXPECT_EQ(t.message, "uncaught exception");
  EXPECT_EQ(t.exceptionPayload, (std::vector<uint64_t>{42, static_cast<uint64_t>(-2)}));
}

TEST(ExceptionTrap, HostFunctionPassesTheExceptionOn) {
  Engine engine;
  Store store{engine};
  Linker linker{store};
  Result<Module> thrower = Module::fromWat(engine, R"((module
    (tag $e (export "e") (param i32))
    (func (export "throw") (param i32) (throw $e (local.get 0)))))");
  ASSERT_TRUE(thrower) << thrower.error().describe();
  Result<Instance> a = linker.instantiate(*thrower, "a");
  ASSERT_TRUE(a) << a.error().describe();
  ASSERT_TRUE(linker.defineInstance("a", *a));
  Func throwFunc = *a->func("throw");
  ASSERT_TRUE(linker.func("env", "host", [throwFunc](int32_t v) -> Result<void> {
    std::vector<Value> args{Value::i32(v)};
    return throwFunc.call(args, {});
  }));
  Result<Module> catcher = Module::fromWat(engine, R"((module
    (import "a" "e" (tag $e (param i32)))
    (import "env" "host" (func $host (param i32)))
    (func (export "run") (param i32) (result i32)
      (block $h (result i32)
        (try_table (catch $e $h) (call $host (local.get 0)))
        (i32.const -1)))))");
  ASSERT_TRUE(catcher) << catcher.error().describe();
  Result<Instance> b = linker.instantiate(*catcher, "b");
  ASSERT_TRUE(b) << b.error().describe();
  Result<int32_t> r = (*b->typedFunc<int32_t(int32_t)>("run"))(7);
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_EQ(*r, 7);
}

}  // namespace
}  // namespace wasmcap
