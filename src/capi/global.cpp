// Globals.
#include "objects.hpp"

using namespace wasmcap::capi;

namespace {
wasmcap::Global globalOf(const wasm_global_t* g) { return *g->object->ext().global(); }
}  // namespace

extern "C" {

wasm_global_t* wasm_global_new(wasm_store_t* store, const wasm_globaltype_t* type, const wasm_val_t* val) {
  wasmcap::Result<wasmcap::GlobalType> gt = fromC(type);
  if (!gt) {
    setLastError(gt.error());
    return nullptr;
  }
  wasmcap::Result<wasmcap::Value> v = toValue(store, *val, gt->type, "wasm_global_new: the value");
  if (!v) {
    setLastError(v.error());
    return nullptr;
  }
  wasmcap::Result<wasmcap::Global> g = wasmcap::Global::create(*store->store, *gt, *v);
  if (!g) {
    setLastError(g.error());
    return nullptr;
  }
  return newHandleAs<wasm_global_t>(objectFor(store, wasmcap::Extern(*g)));
}

wasm_globaltype_t* wasm_global_type(const wasm_global_t* g) { return toC(globalOf(g).type()); }

void wasm_global_get(const wasm_global_t* g, wasm_val_t* out) { *out = toC(g->object->store, globalOf(g).get()); }

void wasm_global_set(wasm_global_t* g, const wasm_val_t* val) {
  wasmcap::Global global = globalOf(g);
  wasmcap::Result<wasmcap::Value> v = toValue(g->object->store, *val, global.type().type, "wasm_global_set: the value");
  if (!v) {
    setLastError(v.error());
    return;
  }
  wasmcap::Result<void> r = global.set(*v);
  if (!r) setLastError(r.error());
}

}  // extern "C"
