// Memories.
#include "objects.hpp"

using namespace wasmcap::capi;

namespace {
wasmcap::Memory memoryOf(const wasm_memory_t* m) { return *m->object->ext().memory(); }
}  // namespace

extern "C" {

wasm_memory_t* wasm_memory_new(wasm_store_t* store, const wasm_memorytype_t* type) {
  wasmcap::Result<wasmcap::MemoryType> mt = fromC(type);
  if (!mt) {
    setLastError(mt.error());
    return nullptr;
  }
  wasmcap::Result<wasmcap::Memory> m = wasmcap::Memory::create(*store->store, *mt);
  if (!m) {
    setLastError(m.error());
    return nullptr;
  }
  return newHandleAs<wasm_memory_t>(objectFor(store, wasmcap::Extern(*m)));
}

wasm_memorytype_t* wasm_memory_type(const wasm_memory_t* m) { return toC(memoryOf(m).type()); }

byte_t* wasm_memory_data(wasm_memory_t* m) { return reinterpret_cast<byte_t*>(memoryOf(m).data()); }

size_t wasm_memory_data_size(const wasm_memory_t* m) { return static_cast<size_t>(memoryOf(m).size()); }

wasm_memory_pages_t wasm_memory_size(const wasm_memory_t* m) {
  return static_cast<wasm_memory_pages_t>(memoryOf(m).pages());
}

bool wasm_memory_grow(wasm_memory_t* m, wasm_memory_pages_t delta) {
  wasmcap::Result<uint64_t> r = memoryOf(m).grow(delta);
  if (!r) setLastError(r.error());
  return r.ok();
}

}  // extern "C"
