// Traps are values: a kind, the spec's message and the wasm backtrace. A call
// that traps returns an Error with code ErrorCode::Trap whose `trap` field
// points at one of these; the host process and the store stay usable.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "wasmcap/export.hpp"

namespace wasmcap {

class Instance;

enum class TrapKind : uint8_t {
  Unreachable,              // "unreachable"
  MemoryOutOfBounds,        // "out of bounds memory access"
  TableOutOfBounds,         // "out of bounds table access"
  UndefinedElement,         // "undefined element"
  UninitializedElement,     // "uninitialized element"
  IndirectCallTypeMismatch, // "indirect call type mismatch"
  IntegerDivideByZero,      // "integer divide by zero"
  IntegerOverflow,          // "integer overflow"
  InvalidConversion,        // "invalid conversion to integer"
  CallStackExhausted,       // "call stack exhausted" (StoreLimits::maxCallDepth, maxStackBytes)
  NullReference,            // "null reference"
  OutOfFuel,                // "all fuel consumed" (Store::setFuel)
  Interrupted,              // "interrupted" (InterruptHandle, Store::interruptAfter)
  Exit,                     // WASI proc_exit: not an error; Trap::exitCode holds the status
  Host,                     // a host function failed; the message says why
  UnalignedAtomic,          // "unaligned atomic" (threads: an atomic access off its natural alignment)
  ExpectedSharedMemory,     // "expected shared memory" (threads: memory.atomic.wait on an unshared memory)
  NullFunctionReference,    // "null function reference" (call_ref, return_call_ref)
  // A wasm exception (throw, throw_ref) that no try_table caught reached the
  // embedder: "uncaught exception". Trap::exception describes it.
  UncaughtException,
};

// The spec's message for a kind ("unreachable", "all fuel consumed", ...).
WASMCAP_API const char* trapKindMessage(TrapKind kind);

// One wasm function activation of a backtrace.
struct WASMCAP_API Frame {
  uint32_t funcIndex = 0;    // in the module's function index space
  std::string funcName;      // from the name section; empty when it has none
  std::string moduleName;    // the name the instance was instantiated with; may be empty
  uint64_t moduleOffset = 0; // byte offset of the instruction in the module binary (0: unknown)
  uint64_t funcOffset = 0;   // the same, relative to the function's code entry (its locals declarations)
  // The instance running the frame. Refers into its store: valid while the store lives.
  std::optional<Instance> instance() const;

 private:
  friend struct ApiAccess;
  const void* instance_ = nullptr;
};

class WASMCAP_API Trap {
 public:
  Trap() = default;
  explicit Trap(TrapKind kind) : kind(kind), message(trapKindMessage(kind)) {}
  Trap(TrapKind kind, std::string message) : kind(kind), message(std::move(message)) {}

  TrapKind kind = TrapKind::Unreachable;
  std::string message;            // trapKindMessage(kind) unless the trap says more
  std::vector<Frame> backtrace;   // innermost frame first
  int32_t exitCode = 0;           // the proc_exit status, for TrapKind::Exit
  // For TrapKind::UncaughtException: the values the exception carries (the
  // parameters of its tag, in order), each as its bits: an i32 or f32
  // zero-extended, an i64 or f64 as is, a reference as its address, a v128
  // as two entries (low half first). A host function that returns this
  // Trap (say, from a call into wasm it made) passes the exception on: it
  // keeps unwinding in the wasm code that called the host function.
  std::vector<uint64_t> exceptionPayload;

  // The message, then one "  at module!name (func N) @0xOFFSET" line per frame.
  std::string describe() const;

 private:
  friend struct ApiAccess;
  std::shared_ptr<void> exception_;  // the runtime's exception object
};

}  // namespace wasmcap
