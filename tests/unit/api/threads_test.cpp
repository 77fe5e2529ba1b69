// One Engine and one Module shared by stores on several threads.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>
#include <wasmcap/wasmcap.hpp>

namespace wasmcap {
namespace {

TEST(Threads, OneModuleInTwoStoresOnTwoThreads) {
  Engine engine;
  Result<Module> m = Module::fromWat(engine, R"(
    (module (memory (export "memory") 1)
      (global $calls (mut i32) (i32.const 0))
      (func $fib (export "fib") (param i32) (result i32)
        (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
        (if (result i32) (i32.lt_u (local.get 0) (i32.const 2)) (then (local.get 0))
          (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                         (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
      (func (export "calls") (result i32) global.get $calls))
  )");
  ASSERT_TRUE(m);
  std::atomic<int> failures{0};
  auto work = [&](int32_t n, int32_t want) {
    // Each thread: its own store, instances, host function; the module shared.
    for (int round = 0; round < 20; ++round) {
      Store store(engine);
      Linker linker(store);
      Result<Instance> inst = linker.instantiate(*m);
      if (!inst) { ++failures; return; }
      Result<int32_t> r = (*inst->typedFunc<int32_t(int32_t)>("fib"))(n);
      if (!r || *r != want) ++failures;
      Result<int32_t> calls = (*inst->typedFunc<int32_t()>("calls"))();
      if (!calls || *calls <= want) ++failures;  // the global is this instance's own
    }
  };
  std::thread a(work, 20, 6765), b(work, 21, 10946);
  a.join();
  b.join();
  EXPECT_EQ(failures.load(), 0);
}

TEST(Threads, ManyStoresInParallelWithHostFunctions) {
  Engine engine;
  Result<Module> m = Module::fromWat(engine, R"(
    (module (import "env" "add" (func $add (param i32 i32) (result i32)))
      (func (export "sum") (param i32) (result i32) (local i32)
        (block $done (loop $l
          (br_if $done (i32.eqz (local.get 0)))
          (local.set 1 (call $add (local.get 1) (local.get 0)))
          (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
          (br $l)))
        local.get 1))
  )");
  ASSERT_TRUE(m);
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      Store store(engine);
      Linker linker(store);
      if (!linker.func("env", "add", [](int32_t a, int32_t b) { return a + b; })) return;
      Result<Instance> inst = linker.instantiate(*m);
      if (inst && *(*inst->typedFunc<int32_t(int32_t)>("sum"))(1000) == 500500) ++ok;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 4);
}

}  // namespace
}  // namespace wasmcap
