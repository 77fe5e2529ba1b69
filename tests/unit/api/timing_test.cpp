// The timeout's precision: run alone (RUN_SERIAL), since other processes
// competing for the CPU would measure the scheduler rather than wasmcap.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>
#include <wasmcap/wasmcap.hpp>

namespace wasmcap {
namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kSpin = R"(
(module
  (func (export "spin") (loop $l (br $l)))
  (func (export "count") (param i32) (result i32) (local i32)
    (loop $l
      (local.set 1 (i32.add (local.get 1) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get 1) (local.get 0))))
    local.get 1)
  (func $tree (export "tree") (param i32)
    (if (local.get 0) (then
      (call $tree (i32.sub (local.get 0) (i32.const 1)))
      (call $tree (i32.sub (local.get 0) (i32.const 1)))))))
)";

TEST(Limits, TimeoutInterruptsWithinFiftyMilliseconds) {
  Engine engine(EngineConfig{.interruptible = true});
  Store store(engine);
  Linker linker(store);
  Result<Instance> instance = linker.instantiate(*Module::fromWat(engine, kSpin));
  ASSERT_TRUE(instance);
  Instance& inst = *instance;
  auto spin = inst.typedFunc<void()>("spin");
  for (int round = 0; round < 2; ++round) {  // and again: the host goes on
    const auto start = Clock::now();
    ASSERT_TRUE(store.interruptAfter(std::chrono::milliseconds(200)));
    Result<void> r = (*spin)();
    const auto elapsed = Clock::now() - start;
    ASSERT_FALSE(r);
    ASSERT_TRUE(r.error().trap);
    EXPECT_EQ(r.error().trap->kind, TrapKind::Interrupted);
    EXPECT_GE(elapsed, std::chrono::milliseconds(200));
    EXPECT_LT(elapsed, std::chrono::milliseconds(250));
  }
  // A loop-free call tree is stopped at function entries.
  ASSERT_TRUE(store.interruptAfter(std::chrono::milliseconds(50)));
  Result<void> tree = (*inst.typedFunc<void(int32_t)>("tree"))(40);
  ASSERT_FALSE(tree);
  EXPECT_EQ(tree.error().trap->kind, TrapKind::Interrupted);
  // Cancelled before it fires, a deadline stops nothing.
  ASSERT_TRUE(store.interruptAfter(std::chrono::milliseconds(20)));
  store.cancelInterrupt();
  std::this_thread::sleep_for(std::chrono::milliseconds(40));
  EXPECT_EQ(*(*inst.typedFunc<int32_t(int32_t)>("count"))(100000), 100000);
}

}  // namespace
}  // namespace wasmcap
