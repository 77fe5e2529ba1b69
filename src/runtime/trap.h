// Traps are values: a kind, the spec's message, and a wasm backtrace.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace wasmcap::runtime {

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
  CallStackExhausted,       // "call stack exhausted"
  NullReference,            // "null reference" (3.0)
  OutOfFuel,                // "all fuel consumed"
  Interrupted,              // "interrupted" (deadline)
  Exit,                     // WASI proc_exit: not an error, carries exitCode
  Host,                     // a host function failed; message says why
};

const char* trapKindMessage(TrapKind kind);

struct TrapFrame {
  uint32_t funcIndex = 0;
  std::string funcName;   // from the name section, or "func[N]"
  std::string moduleName; // the instance's name, if any
  uint64_t codeOffset = 0;  // byte offset in the module, when known (0 otherwise)
};

struct Trap {
  TrapKind kind = TrapKind::Unreachable;
  std::string message;            // defaults to trapKindMessage(kind)
  std::vector<TrapFrame> backtrace;  // innermost first
  int32_t exitCode = 0;           // TrapKind::Exit

  Trap() = default;
  explicit Trap(TrapKind k) : kind(k), message(trapKindMessage(k)) {}
  Trap(TrapKind k, std::string msg) : kind(k), message(std::move(msg)) {}

  // Message plus the backtrace, one "  at name (func N)" line per frame.
  std::string describe() const;
};

}  // namespace wasmcap::runtime
