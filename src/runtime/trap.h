// Traps are values: a kind, the spec's message, and a wasm backtrace.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "wasmcap/trap.hpp"

namespace wasmcap::runtime {

// The kinds are the public API's (include/wasmcap/trap.hpp).
using wasmcap::TrapKind;
using wasmcap::trapKindMessage;

class Instance;
struct Exception;

struct TrapFrame {
  uint32_t funcIndex = 0;
  std::string funcName;   // from the name section, or "func[N]"
  std::string moduleName; // the instance's name, if any
  uint64_t codeOffset = 0;  // byte offset in the module, when known (0 otherwise)
  const Instance* instance = nullptr;  // the instance running the frame, when known
};

struct Trap {
  TrapKind kind = TrapKind::Unreachable;
  std::string message;            // defaults to trapKindMessage(kind)
  std::vector<TrapFrame> backtrace;  // innermost first
  int32_t exitCode = 0;           // TrapKind::Exit
  std::shared_ptr<Exception> exception;  // TrapKind::UncaughtException: what was thrown

  Trap() = default;
  explicit Trap(TrapKind k) : kind(k), message(trapKindMessage(k)) {}
  Trap(TrapKind k, std::string msg) : kind(k), message(std::move(msg)) {}

  // Message plus the backtrace, one "  at name (func N)" line per frame.
  std::string describe() const;
};

// The same trap as the embedding API shows it.
wasmcap::Trap toPublicTrap(const Trap& trap);
// And back, for a trap a host function passes on (from a call it made).
Trap fromPublicTrap(const wasmcap::Trap& trap);

}  // namespace wasmcap::runtime
