// Errors as values: an enumerated code plus human-readable context. Every
// fallible call of the API returns a Result<T> (result.hpp) holding either
// its value or an Error; nothing throws across the API.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "wasmcap/export.hpp"

namespace wasmcap {

class Trap;

enum class ErrorCode : uint8_t {
  Malformed,       // bytes or text that do not follow the format (decoder, text parser)
  Invalid,         // a well-formed module that fails validation
  Unlinkable,      // imports that cannot be satisfied
  Uninstantiable,  // instantiation failed (a segment out of bounds, a trap in the start function)
  Trap,            // a call trapped; Error::trap holds the trap
  Exhaustion,      // a resource limit was reached (memory or table cap, stack)
  Io,              // a file could not be read or written
  Usage,           // a bad argument from the user or embedder
  Unsupported,     // a feature wasmcap does not implement
  Internal,        // a bug in wasmcap
};

// "malformed", "invalid", ... as used in Error::describe().
WASMCAP_API std::string_view errorCodeName(ErrorCode code);

struct WASMCAP_API Error {
  ErrorCode code = ErrorCode::Internal;
  std::string message;
  std::string section;             // binary section name, if any ("code", "type", ...)
  std::optional<uint64_t> offset;  // byte offset in the binary, if any
  uint32_t line = 0, column = 0;   // text position (1-based), 0 when unknown
  // The trap, when code is Trap (or Uninstantiable because the start
  // function trapped): its kind, message and wasm backtrace.
  std::shared_ptr<const Trap> trap;

  Error() = default;
  Error(ErrorCode c, std::string msg) : code(c), message(std::move(msg)) {}
  // Out of line: errors are rare, and keeping their code out of every
  // Result<T> keeps the success path small enough to inline.
  ~Error();
  Error(const Error&);
  Error(Error&&) noexcept;
  Error& operator=(const Error&);
  Error& operator=(Error&&) noexcept;

  Error& at(uint64_t off) { offset = off; return *this; }
  Error& inSection(std::string_view s) { section = std::string(s); return *this; }
  Error& atText(uint32_t l, uint32_t c) { line = l; column = c; return *this; }

  // One line such as "malformed in section code at offset 0x1f: unexpected
  // end"; for a trap, its message followed by one "  at ..." line per frame.
  std::string describe() const;
};

// An Error carrying `trap` (code Trap). Returned by a host function, it
// aborts the wasm code that called it with exactly that trap.
WASMCAP_API Error trapError(Trap trap);

// The error a host function returns to trap with `message` (TrapKind::Host).
WASMCAP_API Error hostTrap(std::string message);

}  // namespace wasmcap
