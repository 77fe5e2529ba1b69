// Tables: made, read, written and grown from the host.
#include "objects.hpp"

using namespace wasmcap::capi;

namespace {

wasmcap::Table tableOf(const wasm_table_t* t) { return *t->object->ext().table(); }

// `ref` (borrowed; null: the null reference) as an element of `type`.
wasmcap::Result<wasmcap::Value> element(wasm_store_t* store, wasm_ref_t* ref, wasmcap::ValType type, const char* what) {
  wasm_val_t val;
  val.kind = toC(type.kind());
  val.of.ref = ref;
  return toValue(store, val, type, what);
}

}  // namespace

extern "C" {

wasm_table_t* wasm_table_new(wasm_store_t* store, const wasm_tabletype_t* type, wasm_ref_t* init) {
  wasmcap::Result<wasmcap::TableType> tt = fromC(type);
  if (!tt) {
    setLastError(tt.error());
    return nullptr;
  }
  wasmcap::Result<wasmcap::Value> v = element(store, init, tt->element, "wasm_table_new: the initial element");
  if (!v) {
    setLastError(v.error());
    return nullptr;
  }
  wasmcap::Result<wasmcap::Table> t = wasmcap::Table::create(*store->store, *tt, *v);
  if (!t) {
    setLastError(t.error());
    return nullptr;
  }
  return newHandleAs<wasm_table_t>(objectFor(store, wasmcap::Extern(*t)));
}

wasm_tabletype_t* wasm_table_type(const wasm_table_t* t) { return toC(tableOf(t).type()); }

wasm_ref_t* wasm_table_get(const wasm_table_t* t, wasm_table_size_t index) {
  wasmcap::Result<wasmcap::Value> v = tableOf(t).get(index);
  if (!v) {
    setLastError(v.error());
    return nullptr;
  }
  return toC(t->object->store, *v).of.ref;
}

bool wasm_table_set(wasm_table_t* t, wasm_table_size_t index, wasm_ref_t* ref) {
  wasmcap::Table table = tableOf(t);
  wasmcap::Result<wasmcap::Value> v = element(t->object->store, ref, table.type().element, "wasm_table_set: the element");
  if (!v) {
    setLastError(v.error());
    return false;
  }
  wasmcap::Result<void> r = table.set(index, *v);
  if (!r) setLastError(r.error());
  return r.ok();
}

wasm_table_size_t wasm_table_size(const wasm_table_t* t) {
  return static_cast<wasm_table_size_t>(tableOf(t).size());
}

bool wasm_table_grow(wasm_table_t* t, wasm_table_size_t delta, wasm_ref_t* init) {
  wasmcap::Table table = tableOf(t);
  wasmcap::Result<wasmcap::Value> v = element(t->object->store, init, table.type().element, "wasm_table_grow: the initial element");
  if (!v) {
    setLastError(v.error());
    return false;
  }
  wasmcap::Result<uint64_t> r = table.grow(delta, *v);
  if (!r) setLastError(r.error());
  return r.ok();
}

}  // extern "C"
