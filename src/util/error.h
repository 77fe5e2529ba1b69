// Errors as values: an enumerated code plus human-readable context.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace wasmcap {

enum class ErrorCode : uint8_t {
  Malformed,       // bytes or text that do not follow the format (decoder, text parser)
  Invalid,         // a well-formed module that fails validation
  Unlinkable,      // imports that cannot be satisfied
  Uninstantiable,  // instantiation failed (e.g. a segment out of bounds)
  Trap,            // a runtime trap
  Exhaustion,      // call stack or resource exhaustion
  Io,              // a file could not be read or written
  Usage,           // a bad argument from the user or embedder
  Unsupported,     // a feature wasmcap does not implement
  Internal,        // a bug in wasmcap
};

std::string_view errorCodeName(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::Internal;
  std::string message;
  std::string section;             // binary section name, if any ("code", "type", ...)
  std::optional<uint64_t> offset;  // byte offset in the binary, if any
  uint32_t line = 0, column = 0;   // text position (1-based), 0 when unknown

  Error() = default;
  Error(ErrorCode c, std::string msg) : code(c), message(std::move(msg)) {}

  Error& at(uint64_t off) { offset = off; return *this; }
  Error& inSection(std::string_view s) { section = std::string(s); return *this; }
  Error& atText(uint32_t l, uint32_t c) { line = l; column = c; return *this; }

  // "malformed: section code, offset 0x1f: unexpected end" style.
  std::string describe() const;
};

}  // namespace wasmcap
