// The store owns every runtime object; they live as long as the store.
#pragma once
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "ir/types.h"
#include "runtime/executor.h"
#include "runtime/instance.h"
#include "runtime/interrupt.h"
#include "runtime/memory.h"
#include "runtime/objects.h"

namespace wasmcap::runtime {

// Resource limits applied to everything running in a store.
struct Limits {
  uint32_t maxCallDepth = 10000;         // wasm frames before "call stack exhausted"
  uint64_t maxValueStackBytes = 8 << 20; // interpreter value stack
  uint64_t maxMemoryPages = ir::kMaxPages32;
  uint64_t maxTableElements = 10'000'000;
};

// Gives structurally equal function types the same id (call_indirect compares ids).
class TypeRegistry {
 public:
  // `canonical`: the ids of the defining module's types, for the concrete
  // heap types in `type` (typed function references).
  uint32_t intern(const ir::FuncType& type, std::span<const uint32_t> canonical = {});
 private:
  // Keyed by the type's encoding (counts, then one byte per value type): a
  // short string, so most keys live inside the string without an allocation.
  std::unordered_map<std::string, uint32_t> ids_;
};

class Store {
 public:
  explicit Store(Executor& executor, Limits limits = {}) : executor_(executor), limits_(limits) {}
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  Executor& executor() { return executor_; }
  const Limits& limits() const { return limits_; }
  TypeRegistry& types() { return types_; }

  FuncInst* addHostFunc(ir::FuncType type, HostFunc fn, std::string debugName = {});
  FuncInst* addFunc(std::unique_ptr<FuncInst> f);
  Table* addTable(std::unique_ptr<Table> t);
  Memory* addMemory(std::unique_ptr<Memory> m);
  // A memory other stores may hold too (a shared memory used by several
  // threads): it lives as long as the last of them.
  Memory* addMemory(std::shared_ptr<Memory> m);
  // This store's owner of `m` (one of its memories), to hand to another store.
  std::shared_ptr<Memory> memoryOwner(const Memory* m) const;
  Global* addGlobal(std::unique_ptr<Global> g);
  TagInst* addTag(std::unique_ptr<TagInst> t);
  // A new exception (throw), owned by the store; a Trap reporting it shares it.
  std::shared_ptr<Exception> newException();
  Instance* addInstance(std::unique_ptr<Instance> i);

  // The embedding API's object for this store (a wasmcap::Store), if any.
  void* embedder = nullptr;

  // Scratch slot for the executor (e.g. the interpreter's value stack), created lazily.
  std::shared_ptr<void> executorState;

  // The lowest native stack address compiled code may use before it traps
  // "call stack exhausted"; set by the LLVM tier at each entry into wasm.
  uintptr_t nativeStackLimit = 0;

  // Fuel left for code compiled with CodeOptions::consumeFuel. Each check
  // (at function entry and loop headers) subtracts its charge, or, when the
  // charge is more than what is left, sets this to 0 and traps OutOfFuel.
  // The embedder sets and refills it between calls (or from a host
  // function); code compiled without fuel ignores it.
  uint64_t fuel = 0;

  // The handle through which any thread can interrupt code running in this
  // store (see InterruptState). Created on the first call, which must be on
  // the store's own thread (the thread calling into it, or a host function
  // it runs); stores never asked pay nothing for it.
  const std::shared_ptr<InterruptState>& interruptState() {
    if (!interrupt_) interrupt_ = std::make_shared<InterruptState>();
    return interrupt_;
  }
  // What interruptible code polls: null while interruptState() was never
  // called (so nothing can have asked for an interruption).
  InterruptState* interruptPoll() const { return interrupt_.get(); }

 private:
  Executor& executor_;
  Limits limits_;
  TypeRegistry types_;
  std::shared_ptr<InterruptState> interrupt_;
  // Objects are owned through pointers, so they never move as these grow.
  std::vector<std::unique_ptr<FuncInst>> funcs_;
  std::vector<std::unique_ptr<Table>> tables_;
  std::vector<std::shared_ptr<Memory>> memories_;
  std::vector<std::unique_ptr<Global>> globals_;
  std::vector<std::unique_ptr<TagInst>> tags_;
  // Every exception thrown so far: an exnref may hold any of them. (Without
  // a collector they live as long as the store.)
  std::vector<std::shared_ptr<Exception>> exceptions_;
  std::vector<std::unique_ptr<Instance>> instances_;
};

}  // namespace wasmcap::runtime
