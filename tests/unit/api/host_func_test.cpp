#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <wasmcap/wasmcap.hpp>

namespace wasmcap {
namespace {

// Every value type goes into a host function and comes back out of it.
TEST(HostFunc, TakesAndReturnsEveryValueType) {
  Engine engine;
  Store store(engine);
  Linker linker(store);
  int hostObject = 0;
  V128 vec;
  for (int i = 0; i < 16; ++i) vec.bytes[i] = static_cast<uint8_t>(0xA0 + i);
  std::optional<Func> seenFunc;
  ASSERT_TRUE(linker.func(
      "env", "echo",
      [&](int32_t a, int64_t b, float c, double d, V128 e, std::optional<Func> f, ExternRef g)
          -> std::tuple<int32_t, int64_t, float, double, V128, std::optional<Func>, ExternRef> {
        seenFunc = f;
        return {a + 1, b + 1, c * 2, d * 2, e, f, g};
      }));
  Result<Module> m = Module::fromWat(engine, R"(
    (module
      (type $all (func (param i32 i64 f32 f64 v128 funcref externref)
                       (result i32 i64 f32 f64 v128 funcref externref)))
      (import "env" "echo" (func $echo (type $all)))
      (func $self (export "self"))
      (elem declare func $self)
      (func (export "run") (type $all)
        local.get 0 local.get 1 local.get 2 local.get 3 local.get 4 local.get 5 local.get 6
        call $echo))
  )");
  ASSERT_TRUE(m) << m.error().describe();
  Result<Instance> inst = linker.instantiate(*m);
  ASSERT_TRUE(inst) << inst.error().describe();
  Result<Func> self = inst->func("self");
  ASSERT_TRUE(self);

  Result<std::vector<Value>> r =
      inst->func("run")->call({Value::i32(41), Value::i64(-2), Value::f32(1.25f), Value::f64(-0.5), Value::v128(vec),
                               Value::funcref(*self), Value::externref({&hostObject})});
  ASSERT_TRUE(r) << r.error().describe();
  ASSERT_EQ(r->size(), 7u);
  EXPECT_EQ((*r)[0].i32(), 42);
  EXPECT_EQ((*r)[1].i64(), -1);
  EXPECT_EQ((*r)[2].f32(), 2.5f);
  EXPECT_EQ((*r)[3].f64(), -1.0);
  EXPECT_EQ((*r)[4].v128(), vec);
  ASSERT_TRUE((*r)[5].funcref());
  EXPECT_EQ(*(*r)[5].funcref(), *self);
  ASSERT_TRUE(seenFunc);
  EXPECT_EQ(*seenFunc, *self);
  EXPECT_EQ((*r)[6].externref().ptr, &hostObject);

  // Nulls pass through as nulls.
  Result<std::vector<Value>> nulls =
      inst->func("run")->call({Value::i32(0), Value::i64(0), Value::f32(0), Value::f64(0), Value::v128({}),
                               Value(ValType::funcref()), Value(ValType::externref())});
  ASSERT_TRUE(nulls);
  EXPECT_TRUE((*nulls)[5].isNullRef());
  EXPECT_TRUE((*nulls)[6].isNullRef());
}

TEST(HostFunc, ReadsAndWritesTheCallersMemory) {
  Engine engine;
  Store store(engine);
  Linker linker(store);
  std::string logged;
  ASSERT_TRUE(linker.func("env", "log", [&](Caller& caller, int32_t ptr, int32_t len) -> Result<void> {
    WASMCAP_TRY_ASSIGN(Memory memory, caller.memory());
    WASMCAP_TRY_ASSIGN(std::span<uint8_t> bytes, memory.span(static_cast<uint32_t>(ptr), static_cast<uint32_t>(len)));
    logged.assign(bytes.begin(), bytes.end());
    return memory.store<uint32_t>(0, 0xC0FFEE);
  }));
  Result<Module> m = Module::fromWat(engine, R"(
    (module
      (import "env" "log" (func $log (param i32 i32)))
      (memory (export "memory") 1)
      (data (i32.const 100) "hello, host")
      (func (export "run") (result i32) i32.const 100 i32.const 11 call $log i32.const 0 i32.load)
      (func (export "bad") i32.const 65530 i32.const 100 call $log))
  )");
  ASSERT_TRUE(m);
  Result<Instance> inst = linker.instantiate(*m);
  ASSERT_TRUE(inst);
  Result<int32_t> r = (*inst->typedFunc<int32_t()>("run"))();
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_EQ(logged, "hello, host");
  EXPECT_EQ(*r, 0xC0FFEE);

  // An out-of-bounds range is refused by the checked view and traps the caller.
  Result<void> bad = (*inst->typedFunc<void()>("bad"))();
  ASSERT_FALSE(bad);
  ASSERT_TRUE(bad.error().trap);
  EXPECT_EQ(bad.error().trap->kind, TrapKind::Host);
  EXPECT_NE(bad.error().trap->message.find("outside the memory"), std::string::npos);
}

TEST(HostFunc, CallerWithoutInstanceWhenCalledFromTheHost) {
  Engine engine;
  Store store(engine);
  bool sawInstance = true;
  Func f = Func::wrap(store, [&](Caller& c) { sawInstance = c.instance().has_value(); });
  EXPECT_EQ(f.type(), FuncType{});
  ASSERT_TRUE(f.call({}));
  EXPECT_FALSE(sawInstance);
}

TEST(HostFunc, UntypedCreateAndBadResultsTrap) {
  Engine engine;
  Store store(engine);
  Func sum = Func::create(store, FuncType{{ValType::i64(), ValType::i64()}, {ValType::i64()}},
                          [](Caller&, std::span<const Value> args, std::span<Value> results) -> Result<void> {
                            results[0] = Value::i64(args[0].i64() + args[1].i64());
                            return {};
                          });
  Result<std::vector<Value>> r = sum.call({Value::i64(1), Value::i64(2)});
  ASSERT_TRUE(r);
  EXPECT_EQ((*r)[0].i64(), 3);

  Func liar = Func::create(store, FuncType{{}, {ValType::i32()}},
                           [](Caller&, std::span<const Value>, std::span<Value> results) -> Result<void> {
                             results[0] = Value::f32(1);
                             return {};
                           });
  Result<std::vector<Value>> lie = liar.call({});
  ASSERT_FALSE(lie);
  ASSERT_TRUE(lie.error().trap);
  EXPECT_NE(lie.error().trap->message.find("result 0 has type f32, expected i32"), std::string::npos)
      << lie.error().trap->message;
}

TEST(HostFunc, AnExceptionBecomesATrapNotAnUnwind) {
  Engine engine;
  Store store(engine);
  Linker linker(store);
  ASSERT_TRUE(linker.func("env", "boom", []() -> int32_t { throw std::runtime_error("kaboom"); }));
  Result<Module> m = Module::fromWat(engine, R"(
    (module (import "env" "boom" (func $boom (result i32)))
            (func (export "run") (result i32) call $boom))
  )");
  ASSERT_TRUE(m);
  Result<Instance> inst = linker.instantiate(*m);
  ASSERT_TRUE(inst);
  Result<int32_t> r = (*inst->typedFunc<int32_t()>("run"))();
  ASSERT_FALSE(r);
  ASSERT_TRUE(r.error().trap);
  EXPECT_NE(r.error().trap->message.find("kaboom"), std::string::npos);
  // The store still runs code afterwards.
  Result<int32_t> again = (*inst->typedFunc<int32_t()>("run"))();
  EXPECT_FALSE(again);
}

// A host function called from wasm calls back into wasm, which calls the host
// again: each level sees the right results and the stacks unwind correctly.
TEST(HostFunc, ReentrancyIntoWasmAndBack) {
  Engine engine;
  Store store(engine);
  Linker linker(store);
  std::optional<TypedFunc<int32_t(int32_t)>> countdown;
  int hostCalls = 0;
  ASSERT_TRUE(linker.func("env", "down", [&](int32_t n) -> Result<int32_t> {
    ++hostCalls;
    if (n == 0) return 0;
    WASMCAP_TRY_ASSIGN(int32_t below, (*countdown)(n - 1));
    return below + n;
  }));
  Result<Module> m = Module::fromWat(engine, R"(
    (module (import "env" "down" (func $down (param i32) (result i32)))
            (func (export "countdown") (param i32) (result i32) local.get 0 call $down))
  )");
  ASSERT_TRUE(m);
  Result<Instance> inst = linker.instantiate(*m);
  ASSERT_TRUE(inst);
  auto typed = inst->typedFunc<int32_t(int32_t)>("countdown");
  ASSERT_TRUE(typed);
  countdown.emplace(*typed);
  // 50 levels: each nests an interpreter loop on the native stack, and
  // sanitizer builds give each one a large frame.
  Result<int32_t> r = (*countdown)(50);
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_EQ(*r, 1275);
  EXPECT_EQ(hostCalls, 51);
}

// Re-entrancy without end runs out of native stack long before the wasm call
// depth limit (set out of reach here): it must end in a trap, not a crash.
TEST(HostFunc, UnboundedReentrancyTrapsInsteadOfOverflowingTheNativeStack) {
  Engine engine;
  StoreLimits limits;
  limits.maxCallDepth = 100'000'000;
  Store store(engine, limits);
  Linker linker(store);
  std::optional<TypedFunc<int32_t(int32_t)>> again;
  int hostCalls = 0;
  ASSERT_TRUE(linker.func("env", "again", [&](int32_t n) -> Result<int32_t> {
    ++hostCalls;
    return (*again)(n + 1);
  }));
  Result<Module> m = Module::fromWat(engine, R"(
    (module (import "env" "again" (func $again (param i32) (result i32)))
            (func (export "again") (param i32) (result i32) local.get 0 call $again))
  )");
  ASSERT_TRUE(m);
  Result<Instance> inst = linker.instantiate(*m);
  ASSERT_TRUE(inst);
  again.emplace(*inst->typedFunc<int32_t(int32_t)>("again"));
  Result<int32_t> r = (*again)(0);
  ASSERT_FALSE(r);
  ASSERT_TRUE(r.error().trap) << r.error().describe();
  EXPECT_EQ(r.error().trap->kind, TrapKind::CallStackExhausted);
  EXPECT_GT(hostCalls, 10);
  // The store is usable again once the stack has unwound.
  hostCalls = 0;
  EXPECT_FALSE((*again)(0));
  EXPECT_GT(hostCalls, 10);
}

}  // namespace
}  // namespace wasmcap
