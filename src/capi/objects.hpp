// The C API's objects: what the opaque structs of wasm.h and wasmcap.h are
// in C++, and the per-store registry that gives runtime objects an identity
// and host info.
//
// A wasm_func_t* (or wasm_global_t*, wasm_ref_t*, ...) is a handle: a small
// allocation naming an Object. Every handle type derives from wasm_ref_t, so
// the as_ref/as_extern conversions are casts of the same pointer. The Object
// is per runtime object and per store: copies of a handle, and handles made
// again for the same function (an export fetched twice, a funcref coming back
// from wasm) share it, hence its host info and wasm_*_same. An Object goes
// away with its last handle, unless it was given to wasm as a reference
// value: then it stays until the store is deleted, so that an externref comes
// back as the very same object.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

#include <wasm.h>
#include <wasmcap.h>

#include <wasmcap/wasmcap.hpp>

namespace wasmcap::capi {

enum class RefKind : uint8_t { Func, Global, Table, Memory, Instance, Module, Foreign, Trap };

// Lets frames know whether their store still exists.
struct StoreAnchor {
  wasm_store_t* store = nullptr;  // null once the store is deleted
};

struct Object {
  RefKind kind;
  wasm_store_t* store;  // null once the store is deleted
  size_t handles = 0;
  // Given to wasm as a reference value: kept until the store is deleted.
  bool pinned = false;
  // The store is being deleted: its handles may not delete it yet.
  bool detaching = false;
  void* hostInfo = nullptr;
  void (*finalizer)(void*) = nullptr;
  // Func/Global/Table/Memory: an Extern; and the other kinds' payloads.
  std::variant<std::monostate, Extern, Instance, Module, std::shared_ptr<const Trap>> payload;

  Object(RefKind k, wasm_store_t* s) : kind(k), store(s) {}

  // Runs the host info's finalizer, if any, exactly once.
  void finalizeHostInfo();
  const Extern& ext() const { return std::get<Extern>(payload); }
  const Instance& instance() const { return std::get<Instance>(payload); }
  const Module& module() const { return std::get<Module>(payload); }
  const Trap& trap() const { return *std::get<std::shared_ptr<const Trap>>(payload); }
};

RefKind refKindOf(ExternKind kind);

}  // namespace wasmcap::capi

// ---- handles -------------------------------------------------------------

struct wasm_ref_t {
  wasmcap::capi::Object* object;
};
struct wasm_extern_t : wasm_ref_t {};
struct wasm_func_t : wasm_extern_t {};
struct wasm_global_t : wasm_extern_t {};
struct wasm_table_t : wasm_extern_t {};
struct wasm_memory_t : wasm_extern_t {};
struct wasm_instance_t : wasm_ref_t {};
struct wasm_module_t : wasm_ref_t {};
struct wasm_foreign_t : wasm_ref_t {};
struct wasm_trap_t : wasm_ref_t {};

// ---- runtime environment -------------------------------------------------

struct wasm_config_t {
  wasmcap::EngineConfig config;
};

struct wasm_engine_t {
  wasmcap::Engine engine;
};

struct wasm_store_t {
  wasmcap::Engine engine;
  std::unique_ptr<wasmcap::Store> store;
  std::shared_ptr<wasmcap::capi::StoreAnchor> anchor;
  // Every live Object of this store, and the lookups that give a runtime
  // object the same Object every time.
  std::unordered_set<wasmcap::capi::Object*> objects;
  std::unordered_map<wasmcap::Extern, wasmcap::capi::Object*> externObjects;
  std::unordered_map<wasmcap::Instance, wasmcap::capi::Object*> instanceObjects;
  // The environments of wasm_func_new_with_env, finalized when the store
  // (and with it the functions) goes.
  std::vector<std::pair<void*, void (*)(void*)>> funcEnvs;

  wasm_store_t(const wasmcap::Engine& e, const wasmcap::StoreLimits& limits);
  ~wasm_store_t();
};

struct wasm_shared_module_t {
  wasmcap::Module module;
};

// ---- frames ----------------------------------------------------------------

struct wasm_frame_t {
  wasmcap::Frame frame;
  std::shared_ptr<wasmcap::capi::StoreAnchor> anchor;
  // The handle wasm_frame_instance lends out, made on first use.
  mutable wasm_instance_t* instance = nullptr;
  // wasmcap_frame_func_name's answer, made on first use.
  mutable wasm_name_t funcName{0, nullptr};

  wasm_frame_t(wasmcap::Frame f, std::shared_ptr<wasmcap::capi::StoreAnchor> a)
      : frame(std::move(f)), anchor(std::move(a)) {}
  ~wasm_frame_t();
};

// ---- wasmcap.h -------------------------------------------------------------

struct wasmcap_interrupt_handle_t {
  wasmcap::InterruptHandle handle;
};

struct wasmcap_capture_t {
  wasmcap::wasi::OutputCapture capture;
};

namespace wasmcap::capi {

// ---- handle management (refs.cpp) ----

// The Object of a runtime object of `store`, made on first use.
Object* objectFor(wasm_store_t* store, const Extern& ext);
Object* objectFor(wasm_store_t* store, const Instance& instance);
// A new Object owned by nobody yet (modules, foreign objects, traps).
Object* newObject(wasm_store_t* store, RefKind kind);

// A new handle to `object`, of the handle type of its kind.
wasm_ref_t* newHandle(Object* object);
template <typename Handle>
Handle* newHandleAs(Object* object) {
  return static_cast<Handle*>(newHandle(object));
}
// Deletes a handle (of any type); the Object goes with its last handle
// unless pinned.
void deleteHandle(const wasm_ref_t* handle);
// Keeps `object` until its store is deleted (it was given to wasm).
void pin(Object* object);

// A trap handle for `trap`, in `store` (may be null: a trap with no store).
wasm_trap_t* newTrap(wasm_store_t* store, Trap trap);
wasm_trap_t* newTrap(wasm_store_t* store, std::shared_ptr<const Trap> trap);
// A trap for a failed call: the Error's trap when it has one, else a host
// trap whose message is the error's description.
wasm_trap_t* trapFromError(wasm_store_t* store, const Error& error);

// ---- values (values.cpp) ----

// A Value of type `type` from a C value; a Usage error naming `what` when
// the kinds differ, or for a reference of another store.
Result<Value> toValue(wasm_store_t* store, const wasm_val_t& val, ValType type, const char* what);
// A C value owning new handles for references.
wasm_val_t toC(wasm_store_t* store, const Value& value);
// The default C value of a type (zero, null), for results to fill in.
wasm_val_t zeroC(ValType type);

// ---- types (types.cpp) ----

wasm_valkind_t toC(ValKind kind);
bool fromC(wasm_valkind_t kind, ValKind* out);
wasm_valtype_t* toC(ValType type);
wasm_functype_t* toC(const FuncType& type);
wasm_globaltype_t* toC(const GlobalType& type);
wasm_tabletype_t* toC(const TableType& type);
wasm_memorytype_t* toC(const MemoryType& type);
// Null for a tag (which wasm.h has no type for).
wasm_externtype_t* toC(const ExternType& type);
wasm_limits_t limitsToC(const Limits& limits);
Limits limitsFromC(const wasm_limits_t& limits);
Result<FuncType> fromC(const wasm_functype_t* type);
Result<GlobalType> fromC(const wasm_globaltype_t* type);
Result<TableType> fromC(const wasm_tabletype_t* type);
Result<MemoryType> fromC(const wasm_memorytype_t* type);

// ---- bytes and names (vectors.cpp) ----

void bytesToC(wasm_byte_vec_t* out, const void* data, size_t size);
inline void stringToC(wasm_name_t* out, const std::string& s) { bytesToC(out, s.data(), s.size()); }
inline std::string_view stringFromC(const wasm_byte_vec_t* v) {
  return v && v->data ? std::string_view(v->data, v->size) : std::string_view();
}
inline std::span<const uint8_t> bytesFromC(const wasm_byte_vec_t* v) {
  return v && v->data ? std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(v->data), v->size)
                      : std::span<const uint8_t>();
}

// ---- errors (errors.cpp) ----

// Records the reason of a failure for wasmcap_last_error_message().
void setLastError(std::string message);
void setLastError(const Error& error);

}  // namespace wasmcap::capi
