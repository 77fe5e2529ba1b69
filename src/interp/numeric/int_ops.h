// Integer instructions (i32/i64), one inline function per opcode of
// ir/opcodes.def, named like the opcode's enum. Operands and results are the
// raw unsigned slot values (uint32_t for i32, uint64_t for i64); signed
// semantics are obtained by modular conversion, so nothing here has UB.
// Comparisons and eqz return uint32_t 0 or 1. Division and remainder may trap
// and return Checked<T>.
#pragma once
#include <bit>
#include <cstdint>

#include "interp/numeric/bits.h"

namespace wasmcap::interp::numeric {

// ---- comparisons ----------------------------------------------------------
#define WASMCAP_INT_CMP(W, U, S)                                                         \
  inline uint32_t I##W##Eqz(U a) { return a == 0; }                                      \
  inline uint32_t I##W##Eq(U a, U b) { return a == b; }                                  \
  inline uint32_t I##W##Ne(U a, U b) { return a != b; }                                  \
  inline uint32_t I##W##LtS(U a, U b) { return static_cast<S>(a) < static_cast<S>(b); }  \
  inline uint32_t I##W##LtU(U a, U b) { return a < b; }                                  \
  inline uint32_t I##W##GtS(U a, U b) { return static_cast<S>(a) > static_cast<S>(b); }  \
  inline uint32_t I##W##GtU(U a, U b) { return a > b; }                                  \
  inline uint32_t I##W##LeS(U a, U b) { return static_cast<S>(a) <= static_cast<S>(b); } \
  inline uint32_t I##W##LeU(U a, U b) { return a <= b; }                                 \
  inline uint32_t I##W##GeS(U a, U b) { return static_cast<S>(a) >= static_cast<S>(b); } \
  inline uint32_t I##W##GeU(U a, U b) { return a >= b; }

WASMCAP_INT_CMP(32, uint32_t, int32_t)
WASMCAP_INT_CMP(64, uint64_t, int64_t)
#undef WASMCAP_INT_CMP

// ---- arithmetic and bit operations ---------------------------------------
// Shift and rotate counts are taken modulo the width, as the spec says.
#define WASMCAP_INT_ARITH(W, U, S)                                                          \
  inline U I##W##Clz(U a) { return static_cast<U>(std::countl_zero(a)); }                   \
  inline U I##W##Ctz(U a) { return static_cast<U>(std::countr_zero(a)); }                   \
  inline U I##W##Popcnt(U a) { return static_cast<U>(std::popcount(a)); }                   \
  inline U I##W##Add(U a, U b) { return static_cast<U>(a + b); }                            \
  inline U I##W##Sub(U a, U b) { return static_cast<U>(a - b); }                            \
  inline U I##W##Mul(U a, U b) { return static_cast<U>(a * b); }                            \
  inline U I##W##And(U a, U b) { return a & b; }                                            \
  inline U I##W##Or(U a, U b) { return a | b; }                                             \
  inline U I##W##Xor(U a, U b) { return a ^ b; }                                            \
  inline U I##W##Shl(U a, U b) { return static_cast<U>(a << (b & (W - 1))); }               \
  inline U I##W##ShrU(U a, U b) { return static_cast<U>(a >> (b & (W - 1))); }              \
  /* >> of a negative value is arithmetic since C++20. */                                   \
  inline U I##W##ShrS(U a, U b) { return static_cast<U>(static_cast<S>(a) >> (b & (W - 1))); } \
  inline U I##W##Rotl(U a, U b) { return std::rotl(a, static_cast<int>(b & (W - 1))); }     \
  inline U I##W##Rotr(U a, U b) { return std::rotr(a, static_cast<int>(b & (W - 1))); }     \
  inline Checked<U> I##W##DivU(U a, U b) {                                                  \
    if (b == 0) return Checked<U>::failure(runtime::TrapKind::IntegerDivideByZero);         \
    return Checked<U>::success(a / b);                                                      \
  }                                                                                         \
  inline Checked<U> I##W##RemU(U a, U b) {                                                  \
    if (b == 0) return Checked<U>::failure(runtime::TrapKind::IntegerDivideByZero);         \
    return Checked<U>::success(a % b);                                                      \
  }                                                                                         \
  inline Checked<U> I##W##DivS(U a, U b) {                                                  \
    if (b == 0) return Checked<U>::failure(runtime::TrapKind::IntegerDivideByZero);         \
    constexpr U kMin = U{1} << (W - 1);                                                     \
    if (a == kMin && b == static_cast<U>(-1))                                               \
      return Checked<U>::failure(runtime::TrapKind::IntegerOverflow);                       \
    return Checked<U>::success(static_cast<U>(static_cast<S>(a) / static_cast<S>(b)));      \
  }                                                                                         \
  /* INT_MIN rem -1 is 0 in wasm but UB in C++: answer it before dividing. */               \
  inline Checked<U> I##W##RemS(U a, U b) {                                                  \
    if (b == 0) return Checked<U>::failure(runtime::TrapKind::IntegerDivideByZero);         \
    if (b == static_cast<U>(-1)) return Checked<U>::success(0);                             \
    return Checked<U>::success(static_cast<U>(static_cast<S>(a) % static_cast<S>(b)));      \
  }

WASMCAP_INT_ARITH(32, uint32_t, int32_t)
WASMCAP_INT_ARITH(64, uint64_t, int64_t)
#undef WASMCAP_INT_ARITH

// ---- width changes and sign extension ------------------------------------
inline uint32_t I32WrapI64(uint64_t a) { return static_cast<uint32_t>(a); }
inline uint64_t I64ExtendI32S(uint32_t a) { return static_cast<uint64_t>(static_cast<int64_t>(static_cast<int32_t>(a))); }
inline uint64_t I64ExtendI32U(uint32_t a) { return a; }
inline uint32_t I32Extend8S(uint32_t a) { return static_cast<uint32_t>(static_cast<int32_t>(static_cast<int8_t>(a))); }
inline uint32_t I32Extend16S(uint32_t a) { return static_cast<uint32_t>(static_cast<int32_t>(static_cast<int16_t>(a))); }
inline uint64_t I64Extend8S(uint64_t a) { return static_cast<uint64_t>(static_cast<int64_t>(static_cast<int8_t>(a))); }
inline uint64_t I64Extend16S(uint64_t a) { return static_cast<uint64_t>(static_cast<int64_t>(static_cast<int16_t>(a))); }
inline uint64_t I64Extend32S(uint64_t a) { return static_cast<uint64_t>(static_cast<int64_t>(static_cast<int32_t>(a))); }

}  // namespace wasmcap::interp::numeric
