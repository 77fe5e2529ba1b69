#include "util/error.h"

#include <cstdio>

#include "wasmcap/trap.hpp"

namespace wasmcap {

std::string_view errorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::Malformed: return "malformed";
    case ErrorCode::Invalid: return "invalid";
    case ErrorCode::Unlinkable: return "unlinkable";
    case ErrorCode::Uninstantiable: return "uninstantiable";
    case ErrorCode::Trap: return "trap";
    case ErrorCode::Exhaustion: return "exhaustion";
    case ErrorCode::Io: return "i/o error";
    case ErrorCode::Usage: return "usage";
    case ErrorCode::Unsupported: return "unsupported";
    case ErrorCode::Internal: return "internal error";
  }
  return "error";
}

Error::~Error() = default;
Error::Error(const Error&) = default;
Error::Error(Error&&) noexcept = default;
Error& Error::operator=(const Error&) = default;
Error& Error::operator=(Error&&) noexcept = default;

std::string Error::describe() const {
  if (trap && code == ErrorCode::Trap) return "trap: " + trap->describe();
  std::string out(errorCodeName(code));
  if (line) {
    out += " at " + std::to_string(line) + ":" + std::to_string(column);
  }
  if (!section.empty()) out += " in section " + section;
  if (offset) {
    char buf[32];
    std::snprintf(buf, sizeof buf, " at offset 0x%llx", static_cast<unsigned long long>(*offset));
    out += buf;
  }
  out += ": ";
  out += message;
  return out;
}

Error trapError(Trap trap) {
  Error e(ErrorCode::Trap, trap.message);
  e.trap = std::make_shared<const Trap>(std::move(trap));
  return e;
}

Error hostTrap(std::string message) { return trapError(Trap(TrapKind::Host, std::move(message))); }

}  // namespace wasmcap
