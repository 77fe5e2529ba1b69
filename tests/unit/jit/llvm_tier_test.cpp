// The LLVM tier behind the public API: results, each kind of trap, calls to
// and from host functions (re-entering compiled code), calls between
// instances, and the interpreter fallback for what it cannot compile.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>
#include <wasmcap/wasmcap.hpp>

namespace wasmcap {
namespace {

constexpr const char* kProgram = R"(
(module
  (import "env" "twice" (func $twice (param i32) (result i32)))
  (memory (export "memory") 1)
  (table 3 funcref)
  (elem (i32.const 0) $fib $sum3)
  (global $counter (mut i64) (i64.const 0))
  (type $unary (func (param i32) (result i32)))
  (func $fib (export "fib") (param i32) (result i32)
    (global.set $counter (i64.add (global.get $counter) (i64.const 1)))
    (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
      (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                     (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
  (func $sum3 (param i32 i32 i32) (result i32) (i32.add (i32.add (local.get 0) (local.get 1)) (local.get 2)))
  (func (export "calls") (result i64) (global.get $counter))
  (func (export "double") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
  (func (export "viaHost") (param i32) (result i32) (i32.add (call $twice (local.get 0)) (i32.const 1)))
  (func (export "indirect") (param i32 i32) (result i32) (call_indirect (type $unary) (local.get 0) (local.get 1)))
  (func (export "divs") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "trunc") (param f64) (result i32) (i32.trunc_f64_s (local.get 0)))
  (func (export "sat") (param f64) (result i32) (i32.trunc_sat_f64_u (local.get 0)))
  (func (export "fmin") (param f32 f32) (result f32) (f32.min (local.get 0) (local.get 1)))
  (func (export "nearest") (param f64) (result f64) (f64.nearest (local.get 0)))
  (func (export "pair") (param i32) (result i32 i64)
    (block (result i32 i64) (local.get 0) (i64.extend_i32_s (local.get 0))))
  (func (export "select") (param i32) (result i32)
    (block $b2 (block $b1 (block $b0 (br_table $b0 $b1 $b2 (local.get 0))) (return (i32.const 10)))
      (return (i32.const 11)))
    (i32.const 12))
  (func $runaway (export "runaway") (param i32) (result i32) (i32.add (call $runaway (local.get 0)) (i32.const 1)))
  (func (export "unreachable") unreachable))
)";

struct LlvmTier : ::testing::Test {
  void SetUp() override {
    ASSERT_TRUE(tierAvailable(Tier::Llvm));
    ASSERT_TRUE(linker.func("env", "twice", [](Caller& caller, int32_t x) -> Result<int32_t> {
      // Back into compiled code from a host function it called.
      auto dbl = caller.instance()->typedFunc<int32_t(int32_t)>("double");
      if (!dbl) return std::move(dbl).error();
      return (*dbl)(x);
    }));
    Result<Module> m = Module::fromWat(engine, kProgram);
    ASSERT_TRUE(m) << m.error().describe();
    Result<Instance> i = linker.instantiate(*m, "program");
    ASSERT_TRUE(i) << i.error().describe();
    instance.emplace(*i);
  }
  template <typename Sig>
  TypedFunc<Sig> fn(const char* name) {
    return *instance->typedFunc<Sig>(name);
  }
  TrapKind trapOf(const Error& e) { return e.trap ? e.trap->kind : TrapKind::Host; }

  std::vector<std::string> notes;
  Engine engine{[this] {
    EngineConfig config;
    config.tier = Tier::Llvm;
    config.onNote = [this](const std::string& n) { notes.push_back(n); };
    return config;
  }()};
  Store store{engine};
  Linker linker{store};
  std::optional<Instance> instance;
};

TEST_F(LlvmTier, ComputesAndKeepsGlobals) {
  EXPECT_EQ(*fn<int32_t(int32_t)>("fib")(20), 6765);
  EXPECT_EQ(*fn<int64_t()>("calls")(), 21891);
  EXPECT_TRUE(notes.empty());
}

TEST_F(LlvmTier, CallsHostFunctionsThatCallBack) {
  EXPECT_EQ(*fn<int32_t(int32_t)>("viaHost")(20), 41);
}

TEST_F(LlvmTier, CallIndirectChecksBoundsNullAndType) {
  EXPECT_EQ(*fn<int32_t(int32_t, int32_t)>("indirect")(10, 0), 55);
  auto indirect = fn<int32_t(int32_t, int32_t)>("indirect");
  Result<int32_t> mismatch = indirect(1, 1);
  ASSERT_FALSE(mismatch);
  EXPECT_EQ(trapOf(mismatch.error()), TrapKind::IndirectCallTypeMismatch);
  Result<int32_t> null = indirect(1, 2);
  ASSERT_FALSE(null);
  EXPECT_EQ(trapOf(null.error()), TrapKind::UninitializedElement);
  Result<int32_t> outside = indirect(1, 3);
  ASSERT_FALSE(outside);
  EXPECT_EQ(trapOf(outside.error()), TrapKind::UndefinedElement);
}

TEST_F(LlvmTier, ArithmeticTraps) {
  auto divs = fn<int32_t(int32_t, int32_t)>("divs");
  EXPECT_EQ(*divs(-7, 2), -3);
  EXPECT_EQ(trapOf(divs(1, 0).error()), TrapKind::IntegerDivideByZero);
  EXPECT_EQ(trapOf(divs(INT32_MIN, -1).error()), TrapKind::IntegerOverflow);
  auto trunc = fn<int32_t(double)>("trunc");
  EXPECT_EQ(*trunc(-2147483648.9), INT32_MIN);
  EXPECT_EQ(trapOf(trunc(2147483648.0).error()), TrapKind::IntegerOverflow);
  EXPECT_EQ(trapOf(trunc(std::nan("")).error()), TrapKind::InvalidConversion);
  EXPECT_EQ(*fn<int32_t(double)>("sat")(-5.0), 0);
  EXPECT_EQ(*fn<int32_t(double)>("sat")(1e20), -1);
}

TEST_F(LlvmTier, FloatSemanticsAreWasms) {
  auto fmin = fn<float(float, float)>("fmin");
  EXPECT_TRUE(std::signbit(*fmin(0.0f, -0.0f)));
  EXPECT_TRUE(std::isnan(*fmin(1.0f, std::nanf(""))));
  EXPECT_EQ(*fn<double(double)>("nearest")(2.5), 2.0);
  EXPECT_EQ(*fn<double(double)>("nearest")(-3.5), -4.0);
}

TEST_F(LlvmTier, MemoryFaultsBecomeTrapsAndGrowWorks) {
  auto load = fn<int32_t(int32_t)>("load");
  auto store4 = fn<void(int32_t, int32_t)>("store");
  ASSERT_TRUE(store4(65532, 1234));
  EXPECT_EQ(*load(65532), 1234);
  EXPECT_EQ(trapOf(load(65533).error()), TrapKind::MemoryOutOfBounds);
  EXPECT_EQ(trapOf(load(-1).error()), TrapKind::MemoryOutOfBounds);
  EXPECT_EQ(*fn<int32_t(int32_t)>("grow")(1), 1);
  EXPECT_EQ(*load(65533), 1234 >> 8);  // the new page reads as zeros
  EXPECT_EQ(*load(65532), 1234);
}

TEST_F(LlvmTier, ControlFlowAndMultipleResults) {
  auto select = fn<int32_t(int32_t)>("select");
  EXPECT_EQ(*select(0), 10);
  EXPECT_EQ(*select(1), 11);
  EXPECT_EQ(*select(2), 12);
  EXPECT_EQ(*select(99), 12);
  Result<std::tuple<int32_t, int64_t>> pair = fn<std::tuple<int32_t, int64_t>(int32_t)>("pair")(-3);
  ASSERT_TRUE(pair);
  EXPECT_EQ(std::get<0>(*pair), -3);
  EXPECT_EQ(std::get<1>(*pair), -3);
}

TEST_F(LlvmTier, RunawayRecursionTrapsAndTheStoreGoesOn) {
  Result<int32_t> r = fn<int32_t(int32_t)>("runaway")(0);
  ASSERT_FALSE(r);
  EXPECT_EQ(trapOf(r.error()), TrapKind::CallStackExhausted);
  EXPECT_EQ(trapOf(fn<void()>("unreachable")().error()), TrapKind::Unreachable);
  EXPECT_EQ(*fn<int32_t(int32_t)>("fib")(10), 55);
}

TEST_F(LlvmTier, CallsBetweenInstances) {
  Result<Module> user = Module::fromWat(engine, R"(
    (module (import "program" "fib" (func $fib (param i32) (result i32)))
      (func (export "fibPlus") (param i32) (result i32) (i32.add (call $fib (local.get 0)) (i32.const 1))))
  )");
  ASSERT_TRUE(user) << user.error().describe();
  ASSERT_TRUE(linker.defineInstance("program", *instance));
  Result<Instance> u = linker.instantiate(*user);
  ASSERT_TRUE(u) << u.error().describe();
  EXPECT_EQ(*(*u->typedFunc<int32_t(int32_t)>("fibPlus"))(10), 56);
}

TEST_F(LlvmTier, WhatItCannotCompileRunsInTheInterpreterWithANote) {
  Result<Module> simd = Module::fromWat(engine, R"(
    (module (func (export "lanes") (result i32)
      (i32x4.extract_lane 2 (i32x4.add (v128.const i32x4 1 2 3 4) (v128.const i32x4 10 20 30 40)))))
  )");
  ASSERT_TRUE(simd) << simd.error().describe();
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].find("interpreter"), std::string::npos) << notes[0];
  Result<Instance> i = linker.instantiate(*simd);
  ASSERT_TRUE(i);
  EXPECT_EQ(*(*i->typedFunc<int32_t()>("lanes"))(), 33);
}

}  // namespace
}  // namespace wasmcap
