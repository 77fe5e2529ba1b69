// Runtime values. Floats are kept as bit patterns so NaN payloads survive.
#pragma once
#include <cstdint>
#include <cstring>
#include <string>

#include "ir/types.h"

namespace wasmcap::runtime {

struct alignas(16) V128 {
  uint8_t bytes[16] = {};
  friend bool operator==(const V128& a, const V128& b) { return std::memcmp(a.bytes, b.bytes, 16) == 0; }
};

// A reference: nullptr is the null reference. funcref points at a FuncInst;
// externref is an opaque host pointer.
using Ref = void*;

// The untyped payload of a value (what the interpreter stores in its slots).
union RawValue {
  uint32_t i32;
  uint64_t i64;
  uint32_t f32;  // bits
  uint64_t f64;  // bits
  V128 v128;
  Ref ref;
  RawValue() : v128{} {}
};

struct Value {
  ir::ValType type;
  RawValue raw;

  static Value i32(uint32_t v) { Value x; x.type = ir::ValType::i32(); x.raw.i32 = v; return x; }
  static Value i64(uint64_t v) { Value x; x.type = ir::ValType::i64(); x.raw.i64 = v; return x; }
  static Value f32Bits(uint32_t v) { Value x; x.type = ir::ValType::f32(); x.raw.f32 = v; return x; }
  static Value f64Bits(uint64_t v) { Value x; x.type = ir::ValType::f64(); x.raw.f64 = v; return x; }
  static Value f32(float f) { uint32_t b; std::memcpy(&b, &f, 4); return f32Bits(b); }
  static Value f64(double d) { uint64_t b; std::memcpy(&b, &d, 8); return f64Bits(b); }
  static Value v128(const V128& v) { Value x; x.type = ir::ValType::v128(); x.raw.v128 = v; return x; }
  static Value ref(ir::ValType t, Ref r) { Value x; x.type = t; x.raw.ref = r; return x; }
  // The default (zero) value of a type: 0, +0.0, a zero vector or null.
  static Value zero(ir::ValType t) { Value x; x.type = t; return x; }
};

// "i32:42", "f64:1.5", "funcref:null", for messages and the CLI.
std::string valueToString(const Value& v);

}  // namespace wasmcap::runtime
