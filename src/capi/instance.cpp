// Instances: instantiation with positional imports, and exports.
#include "instance.hpp"

namespace wasmcap::capi {

Result<std::vector<Extern>> importsFromC(wasm_store_t* store, const wasm_extern_vec_t* imports) {
  std::vector<Extern> externs;
  size_t count = imports && imports->data ? imports->size : 0;
  externs.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    const wasm_extern_t* e = imports->data[i];
    if (!e) return Error(ErrorCode::Unlinkable, "import " + std::to_string(i) + " is NULL");
    if (e->object->store != store)
      return Error(ErrorCode::Unlinkable, "import " + std::to_string(i) + " belongs to another store");
    externs.push_back(e->object->ext());
  }
  return externs;
}

wasm_instance_t* instanceOrTrap(wasm_store_t* store, Result<Instance> instance, wasm_trap_t** trap) {
  if (trap) *trap = nullptr;
  if (!instance) {
    setLastError(instance.error());
    if (trap) *trap = trapFromError(store, instance.error());
    return nullptr;
  }
  return newHandleAs<wasm_instance_t>(objectFor(store, *instance));
}

}  // namespace wasmcap::capi

using namespace wasmcap::capi;

extern "C" {

wasm_instance_t* wasm_instance_new(wasm_store_t* store, const wasm_module_t* module, const wasm_extern_vec_t* imports,
                                   wasm_trap_t** trap) {
  wasmcap::Result<std::vector<wasmcap::Extern>> externs = importsFromC(store, imports);
  if (!externs) return instanceOrTrap(store, std::move(externs).error(), trap);
  return instanceOrTrap(store, wasmcap::Instance::create(*store->store, module->object->module(), *externs), trap);
}

void wasm_instance_exports(const wasm_instance_t* instance, wasm_extern_vec_t* out) {
  wasm_store_t* store = instance->object->store;
  std::vector<std::pair<std::string, wasmcap::Extern>> exports = instance->object->instance().exports();
  wasm_extern_vec_new_uninitialized(out, exports.size());
  for (size_t i = 0; i < out->size; ++i)
    out->data[i] = newHandleAs<wasm_extern_t>(objectFor(store, exports[i].second));
}

}  // extern "C"
