// In-process cost of getting a small module ready to run through the public
// API, with the interpreter tier: (1) decode + validate + compile of the module bytes, and
// (2) instantiation of the already compiled module into a fresh Store
// (memory reservation, globals, data/element segments, exports), which is
// what an embedder pays per request when it reuses compiled code.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

#include <wasmcap/wasmcap.hpp>

namespace {

// One memory page with a data segment, a global, a table with two entries,
// and a few functions: the shape of a small plug-in module.
constexpr const char* kSmallModule = R"(
(module
  (memory (export "memory") 1)
  (data (i32.const 16) "hello, instantiation")
  (global $counter (mut i32) (i32.const 0))
  (table 2 funcref)
  (elem (i32.const 0) $add $fib)
  (func $add (export "add") (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.add)
  (func $fib (export "fib") (param i32) (result i32)
    local.get 0 i32.const 2 i32.lt_u
    if (result i32) local.get 0
    else
      local.get 0 i32.const 1 i32.sub call $fib
      local.get 0 i32.const 2 i32.sub call $fib
      i32.add
    end)
  (func $bump (export "bump") (result i32)
    global.get $counter i32.const 1 i32.add global.set $counter global.get $counter)
  (func $sum (export "sum") (param $p i32) (param $n i32) (result i32) (local $s i32)
    block $done loop $next
      local.get $n i32.eqz br_if $done
      local.get $s local.get $p i32.load8_u i32.add local.set $s
      local.get $p i32.const 1 i32.add local.set $p
      local.get $n i32.const 1 i32.sub local.set $n
      br $next
    end end
    local.get $s)
))";

const std::vector<uint8_t>& moduleBytes() {
  static const std::vector<uint8_t> bytes = [] {
    auto parsed = wasmcap::watToWasm(kSmallModule);
    if (!parsed.ok()) {
      std::fprintf(stderr, "instantiate_bench: bad module text: %s\n", parsed.error().describe().c_str());
      std::exit(1);
    }
    return *parsed;
  }();
  return bytes;
}

void BM_DecodeValidateCompile(benchmark::State& state) {
  wasmcap::Engine engine;
  for (auto _ : state) {
    auto compiled = wasmcap::Module::fromBytes(engine, moduleBytes());
    if (!compiled.ok()) {
      state.SkipWithError(compiled.error().describe().c_str());
      return;
    }
    benchmark::DoNotOptimize(&*compiled);
  }
  state.counters["module_bytes"] = static_cast<double>(moduleBytes().size());
}
BENCHMARK(BM_DecodeValidateCompile);

void BM_Instantiate(benchmark::State& state) {
  wasmcap::Engine engine;
  auto compiled = wasmcap::Module::fromBytes(engine, moduleBytes());
  if (!compiled.ok()) {
    state.SkipWithError(compiled.error().describe().c_str());
    return;
  }
  for (auto _ : state) {
    // A fresh store each time: instances are never freed individually. The
    // store's teardown is part of the measured cost; it hands the memory's
    // reservation back to the process's pool (runtime/reservation_pool.h),
    // where the next iteration's memory finds it, as a long-running
    // embedder's next instance would.
    wasmcap::Store store(engine);
    wasmcap::Linker linker(store);
    auto instance = linker.instantiate(*compiled, "small");
    if (!instance.ok()) {
      state.SkipWithError(instance.error().describe().c_str());
      return;
    }
    benchmark::DoNotOptimize(*instance);
  }
}
BENCHMARK(BM_Instantiate);

}  // namespace

BENCHMARK_MAIN();
