// References: Objects and their handles, host info, and the functions every
// reference type has (delete, copy, same, host info, as_ref conversions).
#include "objects.hpp"

namespace wasmcap::capi {
namespace {

// Forgets `object` in its store and frees it (its host info finalized).
void destroy(Object* object) {
  object->finalizeHostInfo();
  if (wasm_store_t* store = object->store) {
    store->objects.erase(object);
    if (auto* ext = std::get_if<Extern>(&object->payload)) store->externObjects.erase(*ext);
    if (auto* inst = std::get_if<Instance>(&object->payload)) store->instanceObjects.erase(*inst);
  }
  delete object;
}

}  // namespace

void Object::finalizeHostInfo() {
  void (*f)(void*) = finalizer;
  void* info = hostInfo;
  finalizer = nullptr;
  hostInfo = nullptr;
  if (f) f(info);
}

RefKind refKindOf(ExternKind kind) {
  switch (kind) {
    case ExternKind::Func: return RefKind::Func;
    case ExternKind::Global: return RefKind::Global;
    case ExternKind::Table: return RefKind::Table;
    case ExternKind::Memory: return RefKind::Memory;
    case ExternKind::Tag: break;
  }
  return RefKind::Func;
}

Object* newObject(wasm_store_t* store, RefKind kind) {
  auto* object = new Object(kind, store);
  if (store) store->objects.insert(object);
  return object;
}

Object* objectFor(wasm_store_t* store, const Extern& ext) {
  auto [it, inserted] = store->externObjects.try_emplace(ext, nullptr);
  if (inserted) {
    it->second = newObject(store, refKindOf(ext.kind()));
    it->second->payload = ext;
  }
  return it->second;
}

Object* objectFor(wasm_store_t* store, const Instance& instance) {
  auto [it, inserted] = store->instanceObjects.try_emplace(instance, nullptr);
  if (inserted) {
    it->second = newObject(store, RefKind::Instance);
    it->second->payload = instance;
  }
  return it->second;
}

wasm_ref_t* newHandle(Object* object) {
  wasm_ref_t* handle = nullptr;
  switch (object->kind) {
    case RefKind::Func: handle = new wasm_func_t; break;
    case RefKind::Global: handle = new wasm_global_t; break;
    case RefKind::Table: handle = new wasm_table_t; break;
    case RefKind::Memory: handle = new wasm_memory_t; break;
    case RefKind::Instance: handle = new wasm_instance_t; break;
    case RefKind::Module: handle = new wasm_module_t; break;
    case RefKind::Foreign: handle = new wasm_foreign_t; break;
    case RefKind::Trap: handle = new wasm_trap_t; break;
  }
  handle->object = object;
  ++object->handles;
  return handle;
}

void deleteHandle(const wasm_ref_t* handle) {
  if (!handle) return;
  Object* object = handle->object;
  // Each handle was allocated as the type of its object's kind: delete it as such.
  switch (object->kind) {
    case RefKind::Func: delete static_cast<const wasm_func_t*>(handle); break;
    case RefKind::Global: delete static_cast<const wasm_global_t*>(handle); break;
    case RefKind::Table: delete static_cast<const wasm_table_t*>(handle); break;
    case RefKind::Memory: delete static_cast<const wasm_memory_t*>(handle); break;
    case RefKind::Instance: delete static_cast<const wasm_instance_t*>(handle); break;
    case RefKind::Module: delete static_cast<const wasm_module_t*>(handle); break;
    case RefKind::Foreign: delete static_cast<const wasm_foreign_t*>(handle); break;
    case RefKind::Trap: delete static_cast<const wasm_trap_t*>(handle); break;
  }
  if (--object->handles > 0 || object->detaching) return;
  // The store keeps pinned objects until it goes; without a store, nobody
  // else holds the object.
  if (object->pinned && object->store) return;
  destroy(object);
}

void pin(Object* object) { object->pinned = true; }

wasm_trap_t* newTrap(wasm_store_t* store, std::shared_ptr<const Trap> trap) {
  Object* object = newObject(store, RefKind::Trap);
  object->payload = std::move(trap);
  return newHandleAs<wasm_trap_t>(object);
}

wasm_trap_t* newTrap(wasm_store_t* store, Trap trap) {
  return newTrap(store, std::make_shared<const Trap>(std::move(trap)));
}

wasm_trap_t* trapFromError(wasm_store_t* store, const Error& error) {
  if (error.trap) return newTrap(store, error.trap);
  return newTrap(store, Trap(TrapKind::Host, error.describe()));
}

}  // namespace wasmcap::capi

using namespace wasmcap::capi;

namespace {

bool sameObject(const wasm_ref_t* a, const wasm_ref_t* b) {
  if (!a || !b) return a == b;
  return a->object == b->object;
}

void setHostInfo(wasm_ref_t* ref, void* info, void (*finalizer)(void*)) {
  Object* object = ref->object;
  // The info replaced is finalized now: it is no longer reachable.
  object->finalizeHostInfo();
  object->hostInfo = info;
  object->finalizer = finalizer;
}

// `ref` as the handle type of `kind`, or null when it names another kind.
template <typename Handle>
Handle* refAs(const wasm_ref_t* ref, std::initializer_list<RefKind> kinds) {
  if (!ref) return nullptr;
  for (RefKind k : kinds)
    if (ref->object->kind == k) return static_cast<Handle*>(const_cast<wasm_ref_t*>(ref));
  return nullptr;
}

}  // namespace

// The reference functions of `wasm_<name>_t`, whose handles name objects of
// the given kinds.
#define WASMCAP_DEFINE_REF_BASE(name)                                                              \
  void wasm_##name##_delete(wasm_##name##_t* r) { deleteHandle(r); }                              \
  wasm_##name##_t* wasm_##name##_copy(const wasm_##name##_t* r) {                                 \
    return r ? static_cast<wasm_##name##_t*>(newHandle(r->object)) : nullptr;                     \
  }                                                                                                \
  bool wasm_##name##_same(const wasm_##name##_t* a, const wasm_##name##_t* b) { return sameObject(a, b); } \
  void* wasm_##name##_get_host_info(const wasm_##name##_t* r) { return r ? r->object->hostInfo : nullptr; } \
  void wasm_##name##_set_host_info(wasm_##name##_t* r, void* info) {                              \
    if (r) setHostInfo(r, info, nullptr);                                                          \
  }                                                                                                \
  void wasm_##name##_set_host_info_with_finalizer(wasm_##name##_t* r, void* info, void (*f)(void*)) { \
    if (r) setHostInfo(r, info, f);                                                                \
  }

#define WASMCAP_DEFINE_REF(name, ...)                                                              \
  WASMCAP_DEFINE_REF_BASE(name)                                                                    \
  wasm_ref_t* wasm_##name##_as_ref(wasm_##name##_t* r) { return r; }                              \
  const wasm_ref_t* wasm_##name##_as_ref_const(const wasm_##name##_t* r) { return r; }            \
  wasm_##name##_t* wasm_ref_as_##name(wasm_ref_t* r) { return refAs<wasm_##name##_t>(r, {__VA_ARGS__}); } \
  const wasm_##name##_t* wasm_ref_as_##name##_const(const wasm_ref_t* r) {                        \
    return refAs<wasm_##name##_t>(r, {__VA_ARGS__});                                               \
  }

extern "C" {

WASMCAP_DEFINE_REF_BASE(ref)
WASMCAP_DEFINE_REF(trap, RefKind::Trap)
WASMCAP_DEFINE_REF(foreign, RefKind::Foreign)
WASMCAP_DEFINE_REF(module, RefKind::Module)
WASMCAP_DEFINE_REF(func, RefKind::Func)
WASMCAP_DEFINE_REF(global, RefKind::Global)
WASMCAP_DEFINE_REF(table, RefKind::Table)
WASMCAP_DEFINE_REF(memory, RefKind::Memory)
WASMCAP_DEFINE_REF(extern, RefKind::Func, RefKind::Global, RefKind::Table, RefKind::Memory)
WASMCAP_DEFINE_REF(instance, RefKind::Instance)

wasm_foreign_t* wasm_foreign_new(wasm_store_t* store) {
  if (!store) {
    setLastError("wasm_foreign_new: the store is NULL");
    return nullptr;
  }
  return newHandleAs<wasm_foreign_t>(newObject(store, RefKind::Foreign));
}

}  // extern "C"
