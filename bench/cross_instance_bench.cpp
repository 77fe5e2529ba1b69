// The cost of a call between nanoprocesses: an application instance calls
// a library instance's function N times (10^7 by default), against the
// same call to a function inside one module. Both run in the interpreter
// through the public API; the library is a nanoprocess with its own WASI
// context (instantiateNanoprocesses). Prints the best of five rounds of
// each and their ratio.
//
//   cross_instance_bench [CALLS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <wasmcap/wasmcap.hpp>

namespace {

constexpr const char* kLibrary = R"(
(module
  (func (export "step") (param i32) (result i32)
    local.get 0 i32.const 3 i32.mul i32.const 1 i32.add i32.const 0xffff i32.and))
)";

// `run(n)` calls `step` n times, threading the value through.
constexpr const char* kApplicationTail = R"(
  (func (export "run") (param $n i32) (result i32) (local $v i32)
    block $done loop $next
      local.get $n i32.eqz br_if $done
      local.get $v call $step local.set $v
      local.get $n i32.const 1 i32.sub local.set $n
      br $next
    end end
    local.get $v))
)";

std::string application() {
  return std::string("(module\n  (import \"lib\" \"step\" (func $step (param i32) (result i32)))") +
         kApplicationTail;
}

std::string singleModule() {
  return std::string(
             "(module\n  (func $step (param i32) (result i32)\n"
             "    local.get 0 i32.const 3 i32.mul i32.const 1 i32.add i32.const 0xffff i32.and)") +
         kApplicationTail;
}

template <typename T>
T orDie(wasmcap::Result<T> r, const char* what) {
  if (!r) {
    std::fprintf(stderr, "%s: %s\n", what, r.error().describe().c_str());
    std::exit(1);
  }
  return std::move(*r);
}

// Seconds for run(calls), and its result.
std::pair<double, int32_t> time(const wasmcap::Instance& instance, int32_t calls) {
  auto run = orDie(instance.typedFunc<int32_t(int32_t)>("run"), "run");
  const auto start = std::chrono::steady_clock::now();
  const int32_t result = orDie(run(calls), "calling run");
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  return {took.count(), result};
}

}  // namespace

int main(int argc, char** argv) {
  const int32_t calls = argc > 1 ? std::atoi(argv[1]) : 10'000'000;
  wasmcap::Engine engine;

  wasmcap::Store single(engine);
  wasmcap::Linker singleLinker(single);
  auto one = orDie(wasmcap::Module::fromWat(engine, singleModule()), "single module");
  auto inOne = orDie(singleLinker.instantiate(one, "single"), "instantiating the single module");

  wasmcap::Store store(engine);
  wasmcap::Linker linker(store);
  wasmcap::wasi::Config none;
  none.policy = wasmcap::wasi::Policy::library();
  std::vector<wasmcap::Nanoprocess> parts = {
      {"lib", orDie(wasmcap::Module::fromWat(engine, kLibrary), "library"), none},
      {"main", orDie(wasmcap::Module::fromWat(engine, application()), "application"), none}};
  auto instances = orDie(wasmcap::instantiateNanoprocesses(linker, parts), "nanoprocesses");

  time(inOne, calls / 10 + 1);  // warm up
  time(instances.back(), calls / 10 + 1);
  // The best of five rounds each, interleaved, against noise from other work.
  double within = 1e30, across = 1e30;
  int32_t a = 0, b = 0;
  for (int round = 0; round < 5; ++round) {
    const auto [w, ra] = time(inOne, calls);
    const auto [x, rb] = time(instances.back(), calls);
    within = std::min(within, w), across = std::min(across, x), a = ra, b = rb;
  }
  if (a != b) {
    std::fprintf(stderr, "results differ: %d within one module, %d across instances\n", a, b);
    return 1;
  }
  std::printf("calls                 %d\n", calls);
  std::printf("within one module     %.3f s (%.1f ns per call)\n", within, within * 1e9 / calls);
  std::printf("across nanoprocesses  %.3f s (%.1f ns per call)\n", across, across * 1e9 / calls);
  std::printf("ratio                 %.2fx\n", across / within);
  return 0;
}
