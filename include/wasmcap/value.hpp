// Values passed to and returned from WebAssembly: numbers, 128-bit vectors
// and references. Floats keep their exact bits, so NaN payloads survive a
// round trip through the host.
#pragma once
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "wasmcap/export.hpp"
#include "wasmcap/result.hpp"
#include "wasmcap/types.hpp"

namespace wasmcap {

class Func;
class Store;

struct alignas(16) V128 {
  uint8_t bytes[16] = {};
  friend bool operator==(const V128& a, const V128& b) { return std::memcmp(a.bytes, b.bytes, 16) == 0; }
};

// A host reference carried by wasm code as an externref: wasm can pass it
// around and keep it in tables but never look inside. Compared by identity;
// a null pointer is the null reference. The host keeps what it points to alive.
struct ExternRef {
  void* ptr = nullptr;
  bool isNull() const { return ptr == nullptr; }
  friend bool operator==(ExternRef a, ExternRef b) { return a.ptr == b.ptr; }
};

class WASMCAP_API Value {
 public:
  Value() : Value(ValType::i32()) {}
  // The default value of `type`: zero, +0.0, a zero vector or the null reference.
  explicit Value(ValType type) : type_(type) {}

  static Value i32(int32_t v) { Value x(ValType::i32()); x.raw_.i64 = static_cast<uint32_t>(v); return x; }
  static Value i64(int64_t v) { Value x(ValType::i64()); x.raw_.i64 = static_cast<uint64_t>(v); return x; }
  static Value f32(float v) { uint32_t b; std::memcpy(&b, &v, 4); return f32Bits(b); }
  static Value f64(double v) { uint64_t b; std::memcpy(&b, &v, 8); return f64Bits(b); }
  static Value f32Bits(uint32_t bits) { Value x(ValType::f32()); x.raw_.i64 = bits; return x; }
  static Value f64Bits(uint64_t bits) { Value x(ValType::f64()); x.raw_.i64 = bits; return x; }
  static Value v128(const V128& v) { Value x(ValType::v128()); x.raw_.v128 = v; return x; }
  static Value externref(ExternRef r) { Value x(ValType::externref()); x.raw_.ref.ptr = r.ptr; return x; }
  // A function reference (null when `f` is empty).
  static Value funcref(const std::optional<Func>& f);

  ValType type() const { return type_; }
  ValKind kind() const { return type_.kind(); }

  // The payload, read as the given type; meaningful only for a value of that type.
  int32_t i32() const { return static_cast<int32_t>(raw_.i64); }
  int64_t i64() const { return static_cast<int64_t>(raw_.i64); }
  float f32() const { float f; uint32_t b = f32Bits(); std::memcpy(&f, &b, 4); return f; }
  double f64() const { double d; std::memcpy(&d, &raw_.i64, 8); return d; }
  uint32_t f32Bits() const { return static_cast<uint32_t>(raw_.i64); }
  uint64_t f64Bits() const { return raw_.i64; }
  const V128& v128() const { return raw_.v128; }
  ExternRef externref() const { return {raw_.ref.ptr}; }
  std::optional<Func> funcref() const;
  bool isNullRef() const { return type_.isRef() && raw_.ref.ptr == nullptr; }

  // "i32:42", "f64:-1.5", "f32:nan:0x200000", "v128:i32x4:0x00000001 ...",
  // "funcref:null": the type, a colon and the value (shortest round-trip
  // decimal for floats, signed decimal for integers).
  std::string toString() const;

  // Parse a command-line style value of `type`: i32/i64 as decimal or 0x
  // hex (negative values wrap), f32/f64 as decimal, hex float, inf, -inf,
  // nan or nan:0xPAYLOAD, v128 as 0x and 32 hex digits (most significant
  // byte first), references as "null".
  static Result<Value> parse(ValType type, std::string_view text);

  // Same type and same bits (references: same object).
  friend bool operator==(const Value& a, const Value& b);

 private:
  friend struct ApiAccess;
  ValType type_;
  union Raw {
    uint64_t i64;  // i32/f32 zero-extended, i64, f64 bits
    V128 v128;
    struct Ref {
      void* ptr;      // the object (a function) or the host pointer; null for null
      Store* store;   // funcref: the store the function lives in
    } ref;
    Raw() : v128{} {}
  } raw_;
};

}  // namespace wasmcap
