// A host program that runs a plugin with wasmcap: it gives the plugin one
// function (log), caps its memory at 16 MiB and its work with fuel, and calls
// it. Build: see CMakeLists.txt here; run: ./hello_host [plugin.wat]
#include <cstdio>
#include <string>

#include <wasmcap/wasmcap.hpp>

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : PLUGIN_PATH;

  wasmcap::Engine engine(wasmcap::EngineConfig{.consumeFuel = true});
  wasmcap::Result<wasmcap::Module> module = wasmcap::Module::fromFile(engine, path);
  if (!module) {
    std::fprintf(stderr, "%s: %s\n", path.c_str(), module.error().describe().c_str());
    return 1;
  }

  wasmcap::Store store(engine, wasmcap::StoreLimits{.maxMemoryBytes = 16 << 20});
  (void)store.setFuel(10'000'000);
  wasmcap::Linker linker(store);
  // The only thing the plugin may do outside itself: print a string of its memory.
  (void)linker.func("host", "log", [](wasmcap::Caller& caller, int32_t ptr, int32_t len) -> wasmcap::Result<void> {
    WASMCAP_TRY_ASSIGN(wasmcap::Memory memory, caller.memory());
    WASMCAP_TRY_ASSIGN(std::span<uint8_t> text, memory.span(static_cast<uint32_t>(ptr), static_cast<uint32_t>(len)));
    std::printf("plugin says: %.*s\n", static_cast<int>(text.size()), reinterpret_cast<const char*>(text.data()));
    return {};
  });

  wasmcap::Result<wasmcap::Instance> plugin = linker.instantiate(*module, "plugin");
  if (!plugin) {
    std::fprintf(stderr, "cannot instantiate: %s\n", plugin.error().describe().c_str());
    return 1;
  }
  auto greet = plugin->typedFunc<void()>("greet");
  auto sum = plugin->typedFunc<int32_t(int32_t)>("sum");
  auto spin = plugin->typedFunc<void()>("spin");
  if (!greet || !sum || !spin) {
    std::fprintf(stderr, "the plugin lacks greet, sum or spin\n");
    return 1;
  }

  if (!(*greet)()) return 1;
  wasmcap::Result<int32_t> total = (*sum)(1000);
  if (!total) return 1;
  std::printf("sum(1000) = %d, fuel left: %llu\n", *total, static_cast<unsigned long long>(*store.fuel()));

  // A plugin that never returns is stopped when its fuel runs out: a trap,
  // not a hung host.
  wasmcap::Result<void> endless = (*spin)();
  if (endless || !endless.error().trap) return 1;
  std::printf("spin stopped: %s\n", endless.error().trap->message.c_str());
  return 0;
}
