#include "text/number_literal.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>

namespace wasmcap::text {
namespace {

int digitValue(char c, bool hex) {
  if (c >= '0' && c <= '9') return c - '0';
  if (hex && c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (hex && c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Consume digits ('_' only between digits) from text[pos...]; appends the
// digits without separators to `out`. Returns false if no digit or a bad '_'.
bool scanDigits(std::string_view text, size_t& pos, bool hex, std::string& out) {
  size_t start = pos;
  bool lastUnderscore = false;
  while (pos < text.size()) {
    char c = text[pos];
    if (c == '_') {
      if (pos == start || lastUnderscore) return false;
      lastUnderscore = true;
    } else if (digitValue(c, hex) >= 0) {
      out += c;
      lastUnderscore = false;
    } else {
      break;
    }
    ++pos;
  }
  return pos > start && !lastUnderscore;
}

// Parse a bare natural number into a u64; OutOfRange on overflow.
LiteralStatus parseNat(std::string_view text, uint64_t* out) {
  bool hex = text.size() > 2 && text[0] == '0' && text[1] == 'x';
  size_t pos = hex ? 2 : 0;
  std::string digits;
  if (!scanDigits(text, pos, hex, digits) || pos != text.size()) return LiteralStatus::NotANumber;
  uint64_t value = 0;
  uint64_t base = hex ? 16 : 10;
  bool overflow = false;
  for (char c : digits) {
    uint64_t d = static_cast<uint64_t>(digitValue(c, hex));
    if (value > (std::numeric_limits<uint64_t>::max() - d) / base) overflow = true;
    value = value * base + d;
  }
  *out = value;
  return overflow ? LiteralStatus::OutOfRange : LiteralStatus::Ok;
}

template <typename Float, typename Bits>
LiteralStatus parseFloatImpl(std::string_view text, Bits* bits) {
  constexpr int kMantissaBits = std::numeric_limits<Float>::digits - 1;  // 23 or 52
  constexpr int kTotalBits = sizeof(Bits) * 8;
  constexpr Bits kSignBit = Bits(1) << (kTotalBits - 1);
  constexpr Bits kExpMask = ((Bits(1) << (kTotalBits - 1 - kMantissaBits)) - 1) << kMantissaBits;
  constexpr Bits kMantissaMask = (Bits(1) << kMantissaBits) - 1;

  bool negative = false;
  size_t pos = 0;
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
    negative = text[0] == '-';
    pos = 1;
  }
  std::string_view body = text.substr(pos);
  Bits sign = negative ? kSignBit : 0;
  if (body == "inf") {
    *bits = sign | kExpMask;
    return LiteralStatus::Ok;
  }
  if (body == "nan") {
    *bits = sign | kExpMask | (Bits(1) << (kMantissaBits - 1));
    return LiteralStatus::Ok;
  }
  if (body.substr(0, 6) == "nan:0x") {
    uint64_t payload = 0;
    LiteralStatus st = parseNat(body.substr(4), &payload);
    if (st != LiteralStatus::Ok) return st;
    if (payload == 0 || payload > kMantissaMask) return LiteralStatus::OutOfRange;
    *bits = sign | kExpMask | static_cast<Bits>(payload);
    return LiteralStatus::Ok;
  }

  // Validate the syntax and rebuild it without '_' for strtod/strtof, which
  // round correctly (decimal and hexadecimal) in the C library we target.
  bool hex = body.size() > 2 && body[0] == '0' && body[1] == 'x';
  std::string clean = negative ? "-" : "";
  size_t p = 0;
  if (hex) {
    clean += "0x";
    p = 2;
  }
  if (!scanDigits(body, p, hex, clean)) return LiteralStatus::NotANumber;
  if (p < body.size() && body[p] == '.') {
    clean += '.';
    ++p;
    if (p < body.size() && digitValue(body[p], hex) >= 0) {
      if (!scanDigits(body, p, hex, clean)) return LiteralStatus::NotANumber;
    }
  }
  if (p < body.size() && (hex ? (body[p] == 'p' || body[p] == 'P') : (body[p] == 'e' || body[p] == 'E'))) {
    clean += hex ? 'p' : 'e';
    ++p;
    if (p < body.size() && (body[p] == '+' || body[p] == '-')) clean += body[p++];
    if (!scanDigits(body, p, false, clean)) return LiteralStatus::NotANumber;
  } else if (hex) {
    clean += "p0";
  }
  if (p != body.size()) return LiteralStatus::NotANumber;

  errno = 0;
  Float value;
  if constexpr (sizeof(Float) == 4) {
    value = std::strtof(clean.c_str(), nullptr);
  } else {
    value = std::strtod(clean.c_str(), nullptr);
  }
  if (std::isinf(value)) return LiteralStatus::OutOfRange;
  std::memcpy(bits, &value, sizeof(Bits));
  return LiteralStatus::Ok;
}

}  // namespace

LiteralStatus parseUnsigned(std::string_view text, unsigned bits, uint64_t* out) {
  uint64_t v = 0;
  LiteralStatus st = parseNat(text, &v);
  if (st != LiteralStatus::Ok) return st;
  if (bits < 64 && v >> bits) return LiteralStatus::OutOfRange;
  *out = v;
  return LiteralStatus::Ok;
}

LiteralStatus parseInteger(std::string_view text, unsigned bits, uint64_t* out) {
  bool hasSign = !text.empty() && (text[0] == '+' || text[0] == '-');
  bool negative = hasSign && text[0] == '-';
  uint64_t magnitude = 0;
  LiteralStatus st = parseNat(hasSign ? text.substr(1) : text, &magnitude);
  if (st != LiteralStatus::Ok) return st;
  uint64_t mask = bits == 64 ? ~uint64_t(0) : (uint64_t(1) << bits) - 1;
  uint64_t half = uint64_t(1) << (bits - 1);
  if (negative) {
    if (magnitude > half) return LiteralStatus::OutOfRange;
    *out = (~magnitude + 1) & mask;
    return LiteralStatus::Ok;
  }
  // An explicit '+' makes it a signed literal: below 2^(N-1).
  if (magnitude > mask || (hasSign && magnitude >= half)) return LiteralStatus::OutOfRange;
  *out = magnitude;
  return LiteralStatus::Ok;
}

LiteralStatus parseFloat32(std::string_view text, uint32_t* bits) { return parseFloatImpl<float>(text, bits); }
LiteralStatus parseFloat64(std::string_view text, uint64_t* bits) { return parseFloatImpl<double>(text, bits); }

bool startsLikeNumber(std::string_view text) {
  size_t p = (!text.empty() && (text[0] == '+' || text[0] == '-')) ? 1 : 0;
  if (p >= text.size()) return false;
  char c = text[p];
  return (c >= '0' && c <= '9') || text.substr(p, 3) == "inf" || text.substr(p, 3) == "nan";
}

bool isNumberSyntax(std::string_view text) {
  // Every integer is also valid float syntax; only the syntax is asked, so an
  // out-of-range value still counts.
  uint64_t bits = 0;
  return parseFloat64(text, &bits) != LiteralStatus::NotANumber;
}

}  // namespace wasmcap::text
