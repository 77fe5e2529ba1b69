// Modules: compiling, validating, reflecting, sharing across threads and
// serializing.
#include "objects.hpp"

using namespace wasmcap::capi;

namespace {

wasm_module_t* newModule(wasm_store_t* store, wasmcap::Module module) {
  Object* object = newObject(store, RefKind::Module);
  object->payload = std::move(module);
  return newHandleAs<wasm_module_t>(object);
}

wasm_module_t* moduleOrNull(wasm_store_t* store, wasmcap::Result<wasmcap::Module> module) {
  if (!module) {
    setLastError(module.error());
    return nullptr;
  }
  return newModule(store, std::move(*module));
}

}  // namespace

extern "C" {

wasm_module_t* wasm_module_new(wasm_store_t* store, const wasm_byte_vec_t* binary) {
  return moduleOrNull(store, wasmcap::Module::fromBytes(store->engine, bytesFromC(binary)));
}

bool wasm_module_validate(wasm_store_t*, const wasm_byte_vec_t* binary) {
  wasmcap::Result<void> r = wasmcap::Module::validate(bytesFromC(binary));
  if (!r) setLastError(r.error());
  return r.ok();
}

// Tags (exception handling) have no type in wasm.h: imports and exports
// list functions, globals, tables and memories, as instances do.
void wasm_module_imports(const wasm_module_t* module, wasm_importtype_vec_t* out) {
  std::vector<wasmcap::ImportType> imports = module->object->module().imports();
  std::erase_if(imports, [](const wasmcap::ImportType& i) { return i.type.kind() == wasmcap::ExternKind::Tag; });
  wasm_importtype_vec_new_uninitialized(out, imports.size());
  for (size_t i = 0; i < out->size; ++i) {
    wasm_name_t moduleName, name;
    stringToC(&moduleName, imports[i].module);
    stringToC(&name, imports[i].name);
    out->data[i] = wasm_importtype_new(&moduleName, &name, toC(imports[i].type));
  }
}

void wasm_module_exports(const wasm_module_t* module, wasm_exporttype_vec_t* out) {
  std::vector<wasmcap::ExportType> exports = module->object->module().exports();
  std::erase_if(exports, [](const wasmcap::ExportType& e) { return e.type.kind() == wasmcap::ExternKind::Tag; });
  wasm_exporttype_vec_new_uninitialized(out, exports.size());
  for (size_t i = 0; i < out->size; ++i) {
    wasm_name_t name;
    stringToC(&name, exports[i].name);
    out->data[i] = wasm_exporttype_new(&name, toC(exports[i].type));
  }
}

void wasm_module_serialize(const wasm_module_t* module, wasm_byte_vec_t* out) {
  wasmcap::Result<std::vector<uint8_t>> bytes = module->object->module().serialize();
  if (!bytes) {
    setLastError(bytes.error());
    wasm_byte_vec_new_empty(out);
    return;
  }
  bytesToC(out, bytes->data(), bytes->size());
}

wasm_module_t* wasm_module_deserialize(wasm_store_t* store, const wasm_byte_vec_t* bytes) {
  return moduleOrNull(store, wasmcap::Module::deserialize(store->engine, bytesFromC(bytes)));
}

// A compiled module is immutable and may be used from any thread: sharing
// it is handing over the C++ module.
wasm_shared_module_t* wasm_module_share(const wasm_module_t* module) {
  return new wasm_shared_module_t{module->object->module()};
}

void wasm_shared_module_delete(wasm_shared_module_t* shared) { delete shared; }

wasm_module_t* wasm_module_obtain(wasm_store_t* store, const wasm_shared_module_t* shared) {
  if (!(shared->module.engine() == store->engine)) {
    setLastError("wasm_module_obtain: the module was compiled by another engine than the store's");
    return nullptr;
  }
  return newModule(store, shared->module);
}

}  // extern "C"
