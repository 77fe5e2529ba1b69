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

Result<void> checkImportCount(const Module& module, size_t given) {
  std::vector<ImportType> imports = module.imports();
  if (given >= imports.size()) return {};
  const ImportType& missing = imports[given];
  return Error(ErrorCode::Unlinkable, "import " + std::to_string(given) + " (\"" + missing.module + "\" \"" +
                                          missing.name + "\", a " + externKindName(missing.type.kind()) +
                                          ") is missing: " + std::to_string(given) + " given for " +
                                          std::to_string(imports.size()));
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
  const wasmcap::Module& m = module->object->module();
  if (wasmcap::Result<void> count = checkImportCount(m, externs->size()); !count)
    return instanceOrTrap(store, std::move(count).error(), trap);
  return instanceOrTrap(store, wasmcap::Instance::create(*store->store, m, *externs), trap);
}

void wasm_instance_exports(const wasm_instance_t* instance, wasm_extern_vec_t* out) {
  wasm_store_t* store = instance->object->store;
  std::vector<std::pair<std::string, wasmcap::Extern>> exports = instance->object->instance().exports();
  // wasm.h has no kind for tags; wasm_module_exports leaves them out too, so
  // that both list the same exports in the same order.
  std::erase_if(exports, [](const auto& e) { return e.second.kind() == wasmcap::ExternKind::Tag; });
  wasm_extern_vec_new_uninitialized(out, exports.size());
  for (size_t i = 0; i < out->size; ++i)
    out->data[i] = newHandleAs<wasm_extern_t>(objectFor(store, exports[i].second));
}

}  // extern "C"
