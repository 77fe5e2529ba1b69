#include "runtime/value.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace wasmcap::runtime {

namespace {

std::string hex(uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}

// Shortest round-trip decimal; NaNs show their payload bits since those matter.
template <typename Float, typename Bits>
std::string floatToString(Bits bits) {
  Float f;
  std::memcpy(&f, &bits, sizeof f);
  if (std::isnan(f)) {
    constexpr unsigned mantissaBits = sizeof(Float) == 4 ? 23 : 52;
    Bits payload = bits & ((Bits{1} << mantissaBits) - 1);
    return std::string(std::signbit(f) ? "-" : "") + "nan:" + hex(payload);
  }
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, f);
  return std::string(buf, res.ptr);
}

}  // namespace

std::string valueToString(const Value& v) {
  std::string prefix = std::string(ir::valTypeName(v.type)) + ":";
  switch (v.type.code) {
    case ir::TypeCode::I32: return prefix + std::to_string(v.raw.i32);
    case ir::TypeCode::I64: return prefix + std::to_string(v.raw.i64);
    case ir::TypeCode::F32: return prefix + floatToString<float>(v.raw.f32);
    case ir::TypeCode::F64: return prefix + floatToString<double>(v.raw.f64);
    case ir::TypeCode::V128: {
      // Four 32-bit lanes, lowest lane first, as the text format writes i32x4.
      std::string s = prefix + "i32x4";
      for (int lane = 0; lane < 4; ++lane) {
        uint32_t x;
        std::memcpy(&x, v.raw.v128.bytes + 4 * lane, 4);
        s += " " + hex(x);
      }
      return s;
    }
    case ir::TypeCode::FuncRef:
    case ir::TypeCode::ExternRef:
    case ir::TypeCode::ExnRef:
      if (v.raw.ref == nullptr) return prefix + "null";
      return prefix + hex(reinterpret_cast<uintptr_t>(v.raw.ref));
    default: return prefix + "?";
  }
}

}  // namespace wasmcap::runtime
