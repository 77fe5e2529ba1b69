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

}  // namespace
}  // namespace wasmcap
