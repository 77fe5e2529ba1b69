// The public Trap's text. (Frame::instance() is in src/api, which knows instances.)
#include <cstdio>

#include "wasmcap/trap.hpp"

namespace wasmcap {

const char* trapKindMessage(TrapKind kind) {
  switch (kind) {
    case TrapKind::Unreachable: return "unreachable";
    case TrapKind::MemoryOutOfBounds: return "out of bounds memory access";
    case TrapKind::TableOutOfBounds: return "out of bounds table access";
    case TrapKind::UndefinedElement: return "undefined element";
    case TrapKind::UninitializedElement: return "uninitialized element";
    case TrapKind::IndirectCallTypeMismatch: return "indirect call type mismatch";
    case TrapKind::IntegerDivideByZero: return "integer divide by zero";
    case TrapKind::IntegerOverflow: return "integer overflow";
    case TrapKind::InvalidConversion: return "invalid conversion to integer";
    case TrapKind::CallStackExhausted: return "call stack exhausted";
    case TrapKind::NullReference: return "null reference";
    case TrapKind::OutOfFuel: return "all fuel consumed";
    case TrapKind::Interrupted: return "interrupted";
    case TrapKind::Exit: return "exit";
    case TrapKind::Host: return "host function failed";
    case TrapKind::UnalignedAtomic: return "unaligned atomic";
    case TrapKind::ExpectedSharedMemory: return "expected shared memory";
    case TrapKind::NullFunctionReference: return "null function reference";
    case TrapKind::UncaughtException: return "uncaught exception";
  }
  return "unknown trap";
}

std::string Trap::describe() const {
  std::string out = message;
  if (kind == TrapKind::Exit) out += " (code " + std::to_string(exitCode) + ")";
  for (const Frame& frame : backtrace) {
    out += "\n  at ";
    if (!frame.moduleName.empty()) out += frame.moduleName + "!";
    out += frame.funcName.empty() ? "func[" + std::to_string(frame.funcIndex) + "]" : frame.funcName;
    out += " (func " + std::to_string(frame.funcIndex) + ")";
    if (frame.moduleOffset != 0) {
      char buf[32];
      std::snprintf(buf, sizeof buf, " @0x%llx", static_cast<unsigned long long>(frame.moduleOffset));
      out += buf;
    }
  }
  return out;
}

}  // namespace wasmcap
