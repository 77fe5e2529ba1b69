// Float instructions (f32/f64), one inline function per opcode of
// ir/opcodes.def, named like the opcode's enum.
//
// Convention: floats travel as their bit patterns, exactly as the interpreter
// stores them (uint32_t for f32, uint64_t for f64), so NaN payloads and the
// sign of zero are never disturbed by passing through a float register.
//   F32Add(uint32_t, uint32_t) -> uint32_t      F64Sqrt(uint64_t) -> uint64_t
//   F32Lt(uint32_t, uint32_t)  -> uint32_t 0/1  (comparisons yield an i32)
// abs/neg/copysign are pure bit operations (no NaN canonicalization).
// Arithmetic that produces a NaN yields a quiet NaN, which the spec accepts
// (canonical in, canonical out; arithmetic in, arithmetic out).
// The conversions (trunc, convert, demote, promote, reinterpret) are in
// conversions.h, included at the end of this header.
#pragma once
#include <cmath>
#include <cstdint>

#include "interp/numeric/bits.h"

namespace wasmcap::interp::numeric {

namespace detail {

// min/max per spec: any NaN operand gives a NaN (the first NaN operand made
// quiet), -0 is below +0. For equal operands, OR/AND of the bits picks -0/+0
// when the two are zeros of opposite signs and is the identity otherwise.
template <typename Bits, typename Float>
inline Bits fmin(Bits a, Bits b, Bits quiet) {
  Float x = std::bit_cast<Float>(a), y = std::bit_cast<Float>(b);
  if (x != x) return a | quiet;
  if (y != y) return b | quiet;
  if (x == y) return a | b;
  return x < y ? a : b;
}

template <typename Bits, typename Float>
inline Bits fmax(Bits a, Bits b, Bits quiet) {
  Float x = std::bit_cast<Float>(a), y = std::bit_cast<Float>(b);
  if (x != x) return a | quiet;
  if (y != y) return b | quiet;
  if (x == y) return a & b;
  return x > y ? a : b;
}

}  // namespace detail

#define WASMCAP_FLOAT_OPS(P, Bits, Float, As, ToBits, kSign, kQuiet)                          \
  inline uint32_t P##Eq(Bits a, Bits b) { return As(a) == As(b); }                            \
  inline uint32_t P##Ne(Bits a, Bits b) { return As(a) != As(b); }                            \
  inline uint32_t P##Lt(Bits a, Bits b) { return As(a) < As(b); }                             \
  inline uint32_t P##Gt(Bits a, Bits b) { return As(a) > As(b); }                             \
  inline uint32_t P##Le(Bits a, Bits b) { return As(a) <= As(b); }                            \
  inline uint32_t P##Ge(Bits a, Bits b) { return As(a) >= As(b); }                            \
  inline Bits P##Abs(Bits a) { return a & ~kSign; }                                           \
  inline Bits P##Neg(Bits a) { return a ^ kSign; }                                            \
  inline Bits P##Copysign(Bits a, Bits b) { return (a & ~kSign) | (b & kSign); }              \
  /* The rounding functions return a NaN operand made quiet: inlined */                       \
  /* libm code may pass a signalling NaN through unchanged, which the spec */                  \
  /* does not allow (the result must be an arithmetic NaN). */                                 \
  inline Bits P##Ceil(Bits a) { return As(a) != As(a) ? (a | kQuiet) : ToBits(std::ceil(As(a))); } \
  inline Bits P##Floor(Bits a) { return As(a) != As(a) ? (a | kQuiet) : ToBits(std::floor(As(a))); } \
  inline Bits P##Trunc(Bits a) { return As(a) != As(a) ? (a | kQuiet) : ToBits(std::trunc(As(a))); } \
  /* nearbyint rounds in the current mode, which is never changed from */                    \
  /* round-to-nearest-even; it keeps the sign of zero (-0.5 -> -0). */                        \
  inline Bits P##Nearest(Bits a) {                                                            \
    return As(a) != As(a) ? (a | kQuiet) : ToBits(std::nearbyint(As(a)));                     \
  }                                                                                           \
  inline Bits P##Sqrt(Bits a) { return ToBits(std::sqrt(As(a))); }                            \
  inline Bits P##Add(Bits a, Bits b) { return ToBits(As(a) + As(b)); }                        \
  inline Bits P##Sub(Bits a, Bits b) { return ToBits(As(a) - As(b)); }                        \
  inline Bits P##Mul(Bits a, Bits b) { return ToBits(As(a) * As(b)); }                        \
  inline Bits P##Div(Bits a, Bits b) { return ToBits(As(a) / As(b)); }                        \
  inline Bits P##Min(Bits a, Bits b) { return detail::fmin<Bits, Float>(a, b, kQuiet); }      \
  inline Bits P##Max(Bits a, Bits b) { return detail::fmax<Bits, Float>(a, b, kQuiet); }      \
  /* SIMD pseudo-min/max: b < a ? b : a and a < b ? b : a, operands returned as is. */       \
  inline Bits P##Pmin(Bits a, Bits b) { return As(b) < As(a) ? b : a; }                       \
  inline Bits P##Pmax(Bits a, Bits b) { return As(a) < As(b) ? b : a; }

WASMCAP_FLOAT_OPS(F32, uint32_t, float, AsF32, F32Bits, kF32SignBit, kF32QuietBit)
WASMCAP_FLOAT_OPS(F64, uint64_t, double, AsF64, F64Bits, kF64SignBit, kF64QuietBit)
#undef WASMCAP_FLOAT_OPS

}  // namespace wasmcap::interp::numeric

#include "interp/numeric/conversions.h"
