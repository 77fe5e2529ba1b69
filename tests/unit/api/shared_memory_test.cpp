// SharedMemory: instances in several stores, each on a host thread of its
// own, over one memory (atomics, wait and notify across threads).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <thread>
#include <vector>
#include <wasmcap/wasmcap.hpp>

namespace wasmcap {
namespace {

constexpr const char* kWorker = R"(
(module
  (import "env" "memory" (memory 1 1 shared))
  ;; Adds 1 to the counter at 0 `n` times, atomically.
  (func (export "count") (param $n i32)
    (loop $l
      (drop (i32.atomic.rmw.add (i32.const 0) (i32.const 1)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
  ;; Waits at 8 while it holds 0; returns wait's result (0: woken).
  (func (export "wait") (result i32)
    (memory.atomic.wait32 (i32.const 8) (i32.const 0) (i64.const -1)))
  ;; Sets 8 to 1 and wakes one waiter; returns how many woke.
  (func (export "wake") (result i32)
    (i32.atomic.store (i32.const 8) (i32.const 1))
    (memory.atomic.notify (i32.const 8) (i32.const 1))))
)";

TEST(SharedMemory, StoresOnSeveralThreadsCountIntoOneMemory) {
  Engine engine;
  Result<Module> module = Module::fromWat(engine, kWorker);
  ASSERT_TRUE(module) << module.error().message;
  Result<SharedMemory> shared = SharedMemory::create(engine, MemoryType{{1, 1}, true});
  ASSERT_TRUE(shared) << shared.error().message;
  constexpr int kThreads = 4, kEach = 20000;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      Store store(engine);
      Linker linker(store);
      Result<Memory> mem = shared->in(store);
      if (!mem || !linker.define("env", "memory", *mem)) return void(++failures);
      Result<Instance> inst = linker.instantiate(*module);
      if (!inst) return void(++failures);
      Result<TypedFunc<void(int32_t)>> count = inst->func("count")->typed<void(int32_t)>();
      if (!count || !(*count)(kEach)) ++failures;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  uint32_t counter = 0;
  std::memcpy(&counter, shared->data(), 4);
  EXPECT_EQ(counter, static_cast<uint32_t>(kThreads * kEach));
}

TEST(SharedMemory, AWaitInOneStoreIsWokenByANotifyInAnother) {
  Engine engine;
  Result<Module> module = Module::fromWat(engine, kWorker);
  ASSERT_TRUE(module) << module.error().message;
  Result<SharedMemory> shared = SharedMemory::create(engine, MemoryType{{1, 1}, true});
  ASSERT_TRUE(shared);
  auto instantiate = [&](Store& store) -> Result<Instance> {
    Linker linker(store);
    WASMCAP_TRY_ASSIGN(Memory mem, shared->in(store));
    WASMCAP_TRY(linker.define("env", "memory", mem));
    return linker.instantiate(*module);
  };
  std::atomic<int32_t> waited{-1};
  std::thread waiter([&] {
    Store store(engine);
    Result<Instance> inst = instantiate(store);
    if (!inst) return;
    Result<TypedFunc<int32_t()>> wait = inst->func("wait")->typed<int32_t()>();
    if (!wait) return;
    Result<int32_t> r = (*wait)();
    if (r) waited = *r;
  });
  Store store(engine);
  Result<Instance> inst = instantiate(store);
  ASSERT_TRUE(inst) << inst.error().message;
  Result<TypedFunc<int32_t()>> wake = inst->func("wake")->typed<int32_t()>();
  ASSERT_TRUE(wake);
  // The waiter may not be queued yet: a notify that wakes no one is
  // repeated (the value is already 1, so a late waiter returns at once).
  int32_t woken = 0;
  for (int i = 0; i < 2000 && woken == 0 && waited.load() == -1; ++i) {
    Result<int32_t> r = (*wake)();
    ASSERT_TRUE(r);
    woken = *r;
    if (woken == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  waiter.join();
  // Woken by a notify (0), or it came late and saw the 1 (not-equal, 1).
  EXPECT_TRUE((woken == 1 && waited.load() == 0) || (woken == 0 && waited.load() == 1))
      << "woken " << woken << ", wait returned " << waited.load();
}

TEST(SharedMemory, CreationChecksAndTheFeature) {
  Engine engine;
  EXPECT_EQ(SharedMemory::create(engine, MemoryType{{1, 2}, false}).error().code, ErrorCode::Usage);
  EXPECT_EQ(SharedMemory::create(engine, MemoryType{{1, std::nullopt}, true}).error().code, ErrorCode::Usage);
  EngineConfig config;
  config.features.threads = false;
  Engine without(config);
  EXPECT_EQ(SharedMemory::create(without, MemoryType{{1, 2}, true}).error().code, ErrorCode::Usage);
  Result<SharedMemory> shared = SharedMemory::create(engine, MemoryType{{1, 2}, true});
  ASSERT_TRUE(shared);
  EXPECT_EQ(shared->grow(1).value(), 1u);
  EXPECT_EQ(shared->size(), 2u * 65536);
  EXPECT_FALSE(shared->grow(1));
  EXPECT_EQ(shared->notify(2, 1).error().code, ErrorCode::Usage);
  EXPECT_EQ(shared->notify(0, 1).value(), 0u);
  Store other(without);
  EXPECT_EQ(shared->in(other).error().code, ErrorCode::Usage);
}

// The atomics' own checks, on memory 0 and on a second, 64-bit memory.
TEST(Atomics, TrapsOfWaitAndOfUnalignedOrOutOfBoundsAccesses) {
  Engine engine;
  Result<Module> module = Module::fromWat(engine, R"(
    (module
      (memory 1)
      (memory $wide i64 1 1 shared)
      (func (export "wait") (result i32)
        (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const 0)))
      (func (export "add64") (param i64) (result i64)
        (i64.atomic.rmw.add $wide (local.get 0) (i64.const 5)))
      (func (export "wait64") (param i64) (result i32)
        (memory.atomic.wait64 $wide (local.get 0) (i64.const 0) (i64.const 1000))))
  )");
  ASSERT_TRUE(module) << module.error().message;
  Store store(engine);
  Linker linker(store);
  Result<Instance> inst = linker.instantiate(*module);
  ASSERT_TRUE(inst) << inst.error().message;
  auto trapOf = [](const Error& e) { return e.trap ? e.trap->kind : TrapKind::Host; };
  Result<int32_t> wait = inst->func("wait")->typed<int32_t()>()->call();
  ASSERT_FALSE(wait);
  EXPECT_EQ(trapOf(wait.error()), TrapKind::ExpectedSharedMemory);
  EXPECT_EQ(wait.error().trap->message, "expected shared memory");
  auto add64 = *inst->func("add64")->typed<int64_t(int64_t)>();
  EXPECT_EQ(*add64(8), 0);
  EXPECT_EQ(*add64(8), 5);
  EXPECT_EQ(trapOf(add64(4).error()), TrapKind::UnalignedAtomic);
  EXPECT_EQ(trapOf(add64(65536).error()), TrapKind::MemoryOutOfBounds);
  EXPECT_EQ(trapOf(add64(int64_t{1} << 40).error()), TrapKind::MemoryOutOfBounds);
  auto wait64 = *inst->func("wait64")->typed<int32_t(int64_t)>();
  EXPECT_EQ(*wait64(16), 2) << "timed out after 1 us";
  EXPECT_EQ(*wait64(8), 1) << "holds 10, not 0";
  EXPECT_EQ(trapOf(wait64(12).error()), TrapKind::UnalignedAtomic);
}

}  // namespace
}  // namespace wasmcap
