// A Store holds everything instances create (functions, memories, tables,
// globals, instances) and the limits they run under. Objects live as long as
// their store; the handles of func.hpp, memory.hpp, ... refer into it and
// must not be used after it is gone. A store is used by one thread at a
// time; an InterruptHandle may be used from any thread.
#pragma once
#include <chrono>
#include <cstdint>
#include <memory>

#include "wasmcap/engine.hpp"
#include "wasmcap/export.hpp"
#include "wasmcap/result.hpp"

namespace wasmcap {

// Resource limits for everything that runs in a store. The defaults are the
// WebAssembly maximums (or generous bounds where the spec has none).
struct StoreLimits {
  // Bytes per linear memory: memory.grow returns -1 beyond it, and a module
  // whose memory starts larger fails to instantiate (ErrorCode::Exhaustion).
  uint64_t maxMemoryBytes = uint64_t{4} << 30;
  // Elements per table: table.grow returns -1 beyond it, and a larger
  // initial table fails to instantiate.
  uint64_t maxTableElements = 10'000'000;
  // Nested wasm calls before the trap "call stack exhausted". Wasm-to-wasm
  // calls use no native stack; a host function calling back into wasm does,
  // and such re-entry also traps when the thread's native stack runs low.
  uint32_t maxCallDepth = 10'000;
  // Bytes of the interpreter's value stack (locals and operands of all
  // active frames); exceeding it also traps "call stack exhausted".
  uint64_t maxStackBytes = uint64_t{8} << 20;
};

// Stops the code running in a store, from any thread: its next check (at a
// function entry or loop header) traps with TrapKind::Interrupted; if
// nothing is running, the store's next call does. Needs an engine with
// EngineConfig::interruptible. Safe to use after the store is gone (it
// then does nothing).
class WASMCAP_API InterruptHandle {
 public:
  void interrupt() const;

  struct State;

 private:
  friend struct ApiAccess;
  std::shared_ptr<State> impl_;
};

class WASMCAP_API Store {
 public:
  explicit Store(const Engine& engine, StoreLimits limits = {});
  ~Store();
  // Handles refer to the store by address, so it neither moves nor copies.
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const Engine& engine() const;
  const StoreLimits& limits() const;

  // Fuel: how much code may still run (an instruction budget). Each function
  // entry and loop iteration charges the instructions it can execute before
  // the next check (an upper bound, exact for straight-line code); when the
  // fuel left cannot pay, the call traps "all fuel consumed" and the fuel
  // left is 0. Usage error unless the engine has EngineConfig::consumeFuel.
  Result<void> setFuel(uint64_t fuel);
  Result<uint64_t> fuel() const;

  // A handle that interrupts this store from another thread.
  InterruptHandle interruptHandle();
  // Interrupts this store once `timeout` has passed (replacing an earlier
  // deadline): a running call traps "interrupted" within a few milliseconds
  // of it. Usage error unless the engine has EngineConfig::interruptible.
  Result<void> interruptAfter(std::chrono::nanoseconds timeout);
  // Cancels the deadline and any interruption not yet delivered.
  void cancelInterrupt();

  struct Impl;

 private:
  friend struct ApiAccess;
  std::unique_ptr<Impl> impl_;
};

}  // namespace wasmcap
