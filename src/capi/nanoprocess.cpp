// wasmcap.h: nanoprocesses, each module its own instance with its own WASI
// context, linked by name (wasmcap::instantiateNanoprocesses).
#include "instance.hpp"
#include "wasi_config.hpp"

using namespace wasmcap::capi;

extern "C" {

bool wasmcap_nanoprocesses_new(wasm_store_t* store, size_t n, const char* const names[],
                               const wasm_module_t* const modules[], const wasi_config_t* const configs[],
                               wasm_instance_t* instances[], wasm_trap_t** trap) {
  if (trap) *trap = nullptr;
  for (size_t i = 0; i < n; ++i) instances[i] = nullptr;
  std::vector<wasmcap::Nanoprocess> parts;
  for (size_t i = 0; i < n; ++i) {
    if (!names[i] || !modules[i] || !configs[i]) {
      setLastError("wasmcap_nanoprocesses_new: part " + std::to_string(i) + " has a NULL name, module or config");
      return false;
    }
    parts.push_back(wasmcap::Nanoprocess{names[i], modules[i]->object->module(), configs[i]->config});
  }
  wasmcap::Linker linker(*store->store);
  wasmcap::Result<std::vector<wasmcap::Instance>> made = wasmcap::instantiateNanoprocesses(linker, parts);
  if (!made) {
    setLastError(made.error());
    if (trap && made.error().trap) *trap = trapFromError(store, made.error());
    return false;
  }
  for (size_t i = 0; i < n; ++i) instances[i] = instanceOrTrap(store, std::move((*made)[i]), nullptr);
  return true;
}

}  // extern "C"
