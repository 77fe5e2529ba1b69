// The smallest embedder: instantiate a module from text and call it. Built
// against an installed wasmcap, once with find_package and once with pkg-config.
#include <cstdio>

#include <wasmcap/wasmcap.hpp>

int main() {
  wasmcap::Engine engine;
  auto module = wasmcap::Module::fromWat(engine, R"((module (func (export "mul") (param i32 i32) (result i32)
                                                     local.get 0 local.get 1 i32.mul)))");
  if (!module) return 1;
  wasmcap::Store store(engine);
  wasmcap::Linker linker(store);
  auto instance = linker.instantiate(*module);
  if (!instance) return 1;
  auto mul = instance->typedFunc<int32_t(int32_t, int32_t)>("mul");
  if (!mul) return 1;
  std::printf("wasmcap %s: 6 * 7 = %d\n", wasmcap::version(), *(*mul)(6, 7));
  return 0;
}
