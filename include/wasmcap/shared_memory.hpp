// A shared memory (threads) that belongs to no store, for calling into
// instances from several host threads at once.
//
// A Store and everything in it is used by one thread at a time. To run wasm
// on several threads over one memory, give each thread a store of its own
// and let the instances in those stores import the same SharedMemory: they
// see each other's writes, and the atomic instructions and
// memory.atomic.wait/notify synchronise them (wait blocks only the calling
// thread). Plain accesses racing between threads have the unordered results
// the threads proposal allows; they never harm the host.
//
//   wasmcap::SharedMemory shared = *wasmcap::SharedMemory::create(engine, {{1, 16}, true});
//   // on each thread, with its own store:
//   wasmcap::Store store(engine);
//   wasmcap::Linker linker(store);
//   linker.define("env", "memory", *shared.in(store));
//
// Copies refer to the same memory; it lives as long as the last copy and
// the last store it was put into.
#pragma once
#include <cstdint>
#include <memory>

#include "wasmcap/engine.hpp"
#include "wasmcap/export.hpp"
#include "wasmcap/memory.hpp"
#include "wasmcap/result.hpp"
#include "wasmcap/types.hpp"

namespace wasmcap {

class Store;

class WASMCAP_API SharedMemory {
 public:
  // `type` must be shared and have a maximum (Usage error otherwise, or when
  // the engine has the threads feature off); Exhaustion when it cannot be
  // reserved.
  static Result<SharedMemory> create(const Engine& engine, const MemoryType& type);

  MemoryType type() const;  // with the current size as its minimum
  uint8_t* data() const;    // never moves; any thread may read size() bytes
  uint64_t size() const;    // in bytes; grows, never shrinks
  // Grows by `deltaPages` (any thread; one grow at a time); returns the
  // previous size in pages. Exhaustion beyond the maximum.
  Result<uint64_t> grow(uint64_t deltaPages) const;
  // memory.atomic.notify from the host: wakes up to `count` threads waiting
  // at byte `offset` (4-aligned, in bounds: Usage error otherwise); returns
  // how many woke.
  Result<uint32_t> notify(uint64_t offset, uint32_t count) const;

  // This memory as a Memory of `store` (which then holds it too), to define
  // in a Linker or pass as an import. Usage error for a store of another engine.
  Result<Memory> in(Store& store) const;

  struct Impl;

 private:
  friend struct ApiAccess;
  explicit SharedMemory(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<Impl> impl_;
};

}  // namespace wasmcap
