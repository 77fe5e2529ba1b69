// Externs: functions, globals, tables and memories seen as one type. Their
// handles derive from wasm_extern_t, so the conversions are casts.
#include "objects.hpp"

using namespace wasmcap::capi;

namespace {

template <typename Handle>
Handle* externAs(const wasm_extern_t* e, RefKind kind) {
  return e && e->object->kind == kind ? static_cast<Handle*>(const_cast<wasm_extern_t*>(e)) : nullptr;
}

}  // namespace

extern "C" {

wasm_externkind_t wasm_extern_kind(const wasm_extern_t* e) {
  switch (e->object->kind) {
    case RefKind::Global: return WASM_EXTERN_GLOBAL;
    case RefKind::Table: return WASM_EXTERN_TABLE;
    case RefKind::Memory: return WASM_EXTERN_MEMORY;
    default: return WASM_EXTERN_FUNC;
  }
}

wasm_externtype_t* wasm_extern_type(const wasm_extern_t* e) { return toC(e->object->ext().type()); }

wasm_extern_t* wasm_func_as_extern(wasm_func_t* f) { return f; }
wasm_extern_t* wasm_global_as_extern(wasm_global_t* g) { return g; }
wasm_extern_t* wasm_table_as_extern(wasm_table_t* t) { return t; }
wasm_extern_t* wasm_memory_as_extern(wasm_memory_t* m) { return m; }

const wasm_extern_t* wasm_func_as_extern_const(const wasm_func_t* f) { return f; }
const wasm_extern_t* wasm_global_as_extern_const(const wasm_global_t* g) { return g; }
const wasm_extern_t* wasm_table_as_extern_const(const wasm_table_t* t) { return t; }
const wasm_extern_t* wasm_memory_as_extern_const(const wasm_memory_t* m) { return m; }

wasm_func_t* wasm_extern_as_func(wasm_extern_t* e) { return externAs<wasm_func_t>(e, RefKind::Func); }
wasm_global_t* wasm_extern_as_global(wasm_extern_t* e) { return externAs<wasm_global_t>(e, RefKind::Global); }
wasm_table_t* wasm_extern_as_table(wasm_extern_t* e) { return externAs<wasm_table_t>(e, RefKind::Table); }
wasm_memory_t* wasm_extern_as_memory(wasm_extern_t* e) { return externAs<wasm_memory_t>(e, RefKind::Memory); }

const wasm_func_t* wasm_extern_as_func_const(const wasm_extern_t* e) { return externAs<wasm_func_t>(e, RefKind::Func); }
const wasm_global_t* wasm_extern_as_global_const(const wasm_extern_t* e) {
  return externAs<wasm_global_t>(e, RefKind::Global);
}
const wasm_table_t* wasm_extern_as_table_const(const wasm_extern_t* e) {
  return externAs<wasm_table_t>(e, RefKind::Table);
}
const wasm_memory_t* wasm_extern_as_memory_const(const wasm_extern_t* e) {
  return externAs<wasm_memory_t>(e, RefKind::Memory);
}

}  // extern "C"
