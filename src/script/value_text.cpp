#include "script/value_text.h"

#include <cerrno>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace wasmcap::script {
namespace {

Error usage(std::string msg) { return Error(ErrorCode::Usage, std::move(msg)); }

int hexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Unsigned magnitude of a decimal or 0x-hex integer; nullopt on a bad digit or overflow.
std::optional<uint64_t> parseMagnitude(std::string_view s) {
  if (s.empty()) return std::nullopt;
  uint64_t value = 0;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    for (char c : s.substr(2)) {
      if (c == '_') continue;
      int d = hexDigit(c);
      if (d < 0 || value > (UINT64_MAX >> 4)) return std::nullopt;
      value = (value << 4) | static_cast<uint64_t>(d);
    }
    return value;
  }
  for (char c : s) {
    if (c == '_') continue;
    if (c < '0' || c > '9') return std::nullopt;
    uint64_t d = static_cast<uint64_t>(c - '0');
    if (value > (UINT64_MAX - d) / 10) return std::nullopt;
    value = value * 10 + d;
  }
  return value;
}

Result<uint64_t> parseInteger(std::string_view text, unsigned bits) {
  std::string_view s = text;
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  auto magnitude = parseMagnitude(s);
  const uint64_t mask = bits == 64 ? UINT64_MAX : (uint64_t{1} << bits) - 1;
  const uint64_t negLimit = uint64_t{1} << (bits - 1);
  if (!magnitude || (!negative && *magnitude > mask) || (negative && *magnitude > negLimit)) {
    return usage("'" + std::string(text) + "' is not an i" + std::to_string(bits) + " value");
  }
  uint64_t v = negative ? (~*magnitude + 1) : *magnitude;
  return v & mask;
}

// NaN or infinity spellings shared by f32 and f64; returns false when `s` is neither.
// `expBits`/`fracBits` describe the format.
bool parseSpecialFloat(std::string_view s, unsigned fracBits, unsigned expBits, uint64_t* bits, bool* ok) {
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  const uint64_t sign = negative ? uint64_t{1} << (fracBits + expBits) : 0;
  const uint64_t expAll = ((uint64_t{1} << expBits) - 1) << fracBits;
  const uint64_t fracMask = (uint64_t{1} << fracBits) - 1;
  if (s == "inf" || s == "infinity") {
    *bits = sign | expAll;
    *ok = true;
    return true;
  }
  if (s == "nan") {
    *bits = sign | expAll | (uint64_t{1} << (fracBits - 1));
    *ok = true;
    return true;
  }
  if (s.substr(0, 4) == "nan:") {
    auto payload = s.size() > 6 && s[4] == '0' && s[5] == 'x' ? parseMagnitude(s.substr(4)) : std::nullopt;
    *ok = payload && *payload != 0 && *payload <= fracMask;
    if (*ok) *bits = sign | expAll | *payload;
    return true;
  }
  return false;
}

template <typename F>
bool parseWholeFloat(std::string_view text, F* out) {
  std::string s(text);
  if (s.empty() || std::isspace(static_cast<unsigned char>(s[0]))) return false;
  char* end = nullptr;
  errno = 0;
  if constexpr (sizeof(F) == 4) {
    *out = std::strtof(s.c_str(), &end);
  } else {
    *out = std::strtod(s.c_str(), &end);
  }
  // ERANGE on underflow still yields the correctly rounded (denormal or zero) value.
  return end == s.c_str() + s.size() && !(errno == ERANGE && std::isinf(*out));
}

template <typename F>
std::string shortestFloat(F value) {
  char buf[64];
  const int maxDigits = sizeof(F) == 4 ? 9 : 17;
  for (int digits = 1; digits <= maxDigits; ++digits) {
    std::snprintf(buf, sizeof buf, "%.*g", digits, static_cast<double>(value));
    F back;
    if constexpr (sizeof(F) == 4) {
      back = std::strtof(buf, nullptr);
    } else {
      back = std::strtod(buf, nullptr);
    }
    if (std::memcmp(&back, &value, sizeof(F)) == 0) break;
  }
  return buf;
}

// `fracBits`-wide formats: "nan", "-nan", "nan:0x..." or infinities; empty when finite.
std::string formatSpecial(uint64_t bits, unsigned fracBits, unsigned expBits) {
  const bool negative = (bits >> (fracBits + expBits)) & 1;
  const uint64_t exp = (bits >> fracBits) & ((uint64_t{1} << expBits) - 1);
  const uint64_t frac = bits & ((uint64_t{1} << fracBits) - 1);
  if (exp != (uint64_t{1} << expBits) - 1) return {};
  std::string out = negative ? "-" : "";
  if (frac == 0) return out + "inf";
  if (frac == uint64_t{1} << (fracBits - 1)) return out + "nan";
  char buf[32];
  std::snprintf(buf, sizeof buf, "nan:0x%" PRIx64, frac);
  return out + buf;
}

}  // namespace

Result<runtime::Value> parseValue(ir::ValType type, std::string_view text) {
  using runtime::Value;
  switch (type.code) {
    case ir::TypeCode::I32: {
      WASMCAP_TRY_ASSIGN(uint64_t v, parseInteger(text, 32));
      return Value::i32(static_cast<uint32_t>(v));
    }
    case ir::TypeCode::I64: {
      WASMCAP_TRY_ASSIGN(uint64_t v, parseInteger(text, 64));
      return Value::i64(v);
    }
    case ir::TypeCode::F32: {
      uint64_t bits = 0;
      bool ok = false;
      if (parseSpecialFloat(text, 23, 8, &bits, &ok)) {
        if (ok) return Value::f32Bits(static_cast<uint32_t>(bits));
      } else if (float f; parseWholeFloat(text, &f)) {
        return Value::f32(f);
      }
      return usage("'" + std::string(text) + "' is not an f32 value");
    }
    case ir::TypeCode::F64: {
      uint64_t bits = 0;
      bool ok = false;
      if (parseSpecialFloat(text, 52, 11, &bits, &ok)) {
        if (ok) return Value::f64Bits(bits);
      } else if (double d; parseWholeFloat(text, &d)) {
        return Value::f64(d);
      }
      return usage("'" + std::string(text) + "' is not an f64 value");
    }
    case ir::TypeCode::V128: {
      if (text.size() != 34 || text[0] != '0' || (text[1] != 'x' && text[1] != 'X')) {
        return usage("a v128 argument is written as 0x followed by 32 hex digits");
      }
      runtime::V128 v;
      for (int i = 0; i < 16; ++i) {
        int hi = hexDigit(text[2 + 2 * i]), lo = hexDigit(text[3 + 2 * i]);
        if (hi < 0 || lo < 0) return usage("'" + std::string(text) + "' is not a v128 value");
        v.bytes[15 - i] = static_cast<uint8_t>(hi * 16 + lo);
      }
      return Value::v128(v);
    }
    case ir::TypeCode::FuncRef:
    case ir::TypeCode::ExternRef:
      if (text == "null") return Value::ref(type, nullptr);
      return usage(std::string("only 'null' can be passed as a ") + ir::valTypeName(type));
    default:
      return usage(std::string("cannot pass a value of type ") + ir::valTypeName(type));
  }
}

std::string formatF32(uint32_t bits) {
  std::string special = formatSpecial(bits, 23, 8);
  if (!special.empty()) return special;
  float f;
  std::memcpy(&f, &bits, 4);
  return shortestFloat(f);
}

std::string formatF64(uint64_t bits) {
  std::string special = formatSpecial(bits, 52, 11);
  if (!special.empty()) return special;
  double d;
  std::memcpy(&d, &bits, 8);
  return shortestFloat(d);
}

std::string formatValue(const runtime::Value& value) {
  const char* name = ir::valTypeName(value.type);
  std::string out = std::string(name) + ":";
  char buf[32];
  switch (value.type.code) {
    case ir::TypeCode::I32:
      return out + std::to_string(static_cast<int32_t>(value.raw.i32));
    case ir::TypeCode::I64:
      return out + std::to_string(static_cast<int64_t>(value.raw.i64));
    case ir::TypeCode::F32:
      return out + formatF32(value.raw.f32);
    case ir::TypeCode::F64:
      return out + formatF64(value.raw.f64);
    case ir::TypeCode::V128: {
      out += "i32x4:";
      for (int lane = 0; lane < 4; ++lane) {
        uint32_t v;
        std::memcpy(&v, value.raw.v128.bytes + 4 * lane, 4);
        std::snprintf(buf, sizeof buf, "%s0x%08" PRIx32, lane ? " " : "", v);
        out += buf;
      }
      return out;
    }
    case ir::TypeCode::FuncRef:
    case ir::TypeCode::ExternRef:
      if (value.raw.ref == nullptr) return out + "null";
      std::snprintf(buf, sizeof buf, "%p", value.raw.ref);
      return out + buf;
    default:
      return out + "?";
  }
}

}  // namespace wasmcap::script
