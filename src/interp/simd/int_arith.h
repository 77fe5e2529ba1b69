// Integer lane arithmetic: add/sub/mul, neg/abs, min/max, saturating add/sub,
// avgr_u, q15mulr_sat_s, popcnt and shifts, on the vector views of
// lane_access.h. Arithmetic that can overflow runs on the unsigned view, where
// it wraps; the signed view is only compared and shifted right (arithmetic).
// The saturating forms and the average have one SSE2 instruction each, used
// under __SSE2__; the portable forms (detail::*Portable) are the fallback and
// are tested against them.
#pragma once
#include <limits>

#include "interp/simd/lane_access.h"

namespace wasmcap::interp::simd {
namespace detail {

template <typename T> using Signed = std::make_signed_t<T>;

// ---- saturating add/sub, rounding average: portable forms ------------------
template <typename T>
inline V128 addSatUPortable(const V128& a, const V128& b) {
  UVec<T> x = as<UVec<T>>(a), s = x + as<UVec<T>>(b);
  return fromVec(s | bitsAs<UVec<T>>(s < x));  // a carry out saturates to all ones
}
template <typename T>
inline V128 subSatUPortable(const V128& a, const V128& b) {
  UVec<T> x = as<UVec<T>>(a), y = as<UVec<T>>(b);
  return fromVec((x - y) & bitsAs<UVec<T>>(x >= y));  // a borrow saturates to zero
}
// The bound a signed lane saturates to, by the sign of `x`: MIN when x < 0.
template <typename T>
inline SVec<T> signedBound(const SVec<T>& x) {
  return (x >> static_cast<Signed<T>>(sizeof(T) * 8 - 1)) ^ std::numeric_limits<Signed<T>>::max();
}
// Signed overflow happened exactly when both operands of the addition had the
// same sign and the sum's differs (for x - y: x and y differ, x and the
// difference differ).
template <typename T>
inline V128 addSatSPortable(const V128& a, const V128& b) {
  SVec<T> x = as<SVec<T>>(a), y = as<SVec<T>>(b);
  SVec<T> s = bitsAs<SVec<T>>(as<UVec<T>>(a) + as<UVec<T>>(b));
  return fromVec(select(((s ^ x) & (s ^ y)) < 0, signedBound<T>(x), s));
}
template <typename T>
inline V128 subSatSPortable(const V128& a, const V128& b) {
  SVec<T> x = as<SVec<T>>(a), y = as<SVec<T>>(b);
  SVec<T> d = bitsAs<SVec<T>>(as<UVec<T>>(a) - as<UVec<T>>(b));
  return fromVec(select(((x ^ y) & (x ^ d)) < 0, signedBound<T>(x), d));
}
// (x + y + 1) >> 1 without a wider type: (x | y) - ((x ^ y) >> 1).
template <typename T>
inline V128 avgrUPortable(const V128& a, const V128& b) {
  UVec<T> x = as<UVec<T>>(a), y = as<UVec<T>>(b);
  return fromVec((x | y) - ((x ^ y) >> static_cast<T>(1)));
}

#if defined(__SSE2__)
// The 8-bit (sse8) or 16-bit (sse16) form of an SSE2 operation on a and b.
#define WASMCAP_SIMD_SSE2_PICK(T, sse8, sse16)                                  \
  if constexpr (sizeof(T) == 1) {                                               \
    return fromM128(sse8(m128(a), m128(b)));                                    \
  } else {                                                                      \
    return fromM128(sse16(m128(a), m128(b)));                                   \
  }
template <typename T> inline V128 addSatU(const V128& a, const V128& b) { WASMCAP_SIMD_SSE2_PICK(T, _mm_adds_epu8, _mm_adds_epu16) }
template <typename T> inline V128 addSatS(const V128& a, const V128& b) { WASMCAP_SIMD_SSE2_PICK(T, _mm_adds_epi8, _mm_adds_epi16) }
template <typename T> inline V128 subSatU(const V128& a, const V128& b) { WASMCAP_SIMD_SSE2_PICK(T, _mm_subs_epu8, _mm_subs_epu16) }
template <typename T> inline V128 subSatS(const V128& a, const V128& b) { WASMCAP_SIMD_SSE2_PICK(T, _mm_subs_epi8, _mm_subs_epi16) }
template <typename T> inline V128 avgrU(const V128& a, const V128& b) { WASMCAP_SIMD_SSE2_PICK(T, _mm_avg_epu8, _mm_avg_epu16) }
#undef WASMCAP_SIMD_SSE2_PICK
#else
template <typename T> inline V128 addSatU(const V128& a, const V128& b) { return addSatUPortable<T>(a, b); }
template <typename T> inline V128 addSatS(const V128& a, const V128& b) { return addSatSPortable<T>(a, b); }
template <typename T> inline V128 subSatU(const V128& a, const V128& b) { return subSatUPortable<T>(a, b); }
template <typename T> inline V128 subSatS(const V128& a, const V128& b) { return subSatSPortable<T>(a, b); }
template <typename T> inline V128 avgrU(const V128& a, const V128& b) { return avgrUPortable<T>(a, b); }
#endif

}  // namespace detail

// add, sub, mul, neg, abs, min, max for every integer shape (no i64x2 min/max
// in WebAssembly 2.0; no i8x16.mul).
#define WASMCAP_SIMD_INT_BASIC(P, T)                                                               \
  inline V128 P##Add(V128 a, V128 b) { return detail::fromVec(detail::as<detail::UVec<T>>(a) + detail::as<detail::UVec<T>>(b)); } \
  inline V128 P##Sub(V128 a, V128 b) { return detail::fromVec(detail::as<detail::UVec<T>>(a) - detail::as<detail::UVec<T>>(b)); } \
  inline V128 P##Neg(V128 a) { return detail::fromVec(detail::UVec<T>{} - detail::as<detail::UVec<T>>(a)); } \
  /* abs(INT_MIN) is INT_MIN: with m all ones for negative lanes, (x ^ m) - m wraps there. */     \
  inline V128 P##Abs(V128 a) {                                                                     \
    detail::UVec<T> x = detail::as<detail::UVec<T>>(a);                                            \
    detail::UVec<T> m = detail::bitsAs<detail::UVec<T>>(detail::as<detail::SVec<T>>(a) < 0);       \
    return detail::fromVec((x ^ m) - m);                                                           \
  }

WASMCAP_SIMD_INT_BASIC(I8x16, uint8_t)
WASMCAP_SIMD_INT_BASIC(I16x8, uint16_t)
WASMCAP_SIMD_INT_BASIC(I32x4, uint32_t)
WASMCAP_SIMD_INT_BASIC(I64x2, uint64_t)
#undef WASMCAP_SIMD_INT_BASIC

#define WASMCAP_SIMD_INT_MUL(P, T)                                                                 \
  inline V128 P##Mul(V128 a, V128 b) { return detail::fromVec(detail::as<detail::UVec<T>>(a) * detail::as<detail::UVec<T>>(b)); }
WASMCAP_SIMD_INT_MUL(I16x8, uint16_t)
WASMCAP_SIMD_INT_MUL(I32x4, uint32_t)
WASMCAP_SIMD_INT_MUL(I64x2, uint64_t)
#undef WASMCAP_SIMD_INT_MUL

#define WASMCAP_SIMD_INT_MINMAX_1(Name, View, Op)                                                  \
  inline V128 Name(V128 a, V128 b) {                                                               \
    View x = detail::as<View>(a), y = detail::as<View>(b);                                         \
    return detail::fromVec(x Op y ? x : y); /* the vector ?: that compilers map to pmin/pmax */      \
  }
#define WASMCAP_SIMD_INT_MINMAX(P, T)                                \
  WASMCAP_SIMD_INT_MINMAX_1(P##MinS, detail::SVec<T>, <)             \
  WASMCAP_SIMD_INT_MINMAX_1(P##MinU, detail::UVec<T>, <)             \
  WASMCAP_SIMD_INT_MINMAX_1(P##MaxS, detail::SVec<T>, >)             \
  WASMCAP_SIMD_INT_MINMAX_1(P##MaxU, detail::UVec<T>, >)
WASMCAP_SIMD_INT_MINMAX(I8x16, uint8_t)
WASMCAP_SIMD_INT_MINMAX(I16x8, uint16_t)
WASMCAP_SIMD_INT_MINMAX(I32x4, uint32_t)
#undef WASMCAP_SIMD_INT_MINMAX
#undef WASMCAP_SIMD_INT_MINMAX_1

// Saturating add/sub and the rounding average exist for 8- and 16-bit lanes.
#define WASMCAP_SIMD_INT_SAT(P, T)                                                                 \
  inline V128 P##AddSatS(V128 a, V128 b) { return detail::addSatS<T>(a, b); }                      \
  inline V128 P##AddSatU(V128 a, V128 b) { return detail::addSatU<T>(a, b); }                      \
  inline V128 P##SubSatS(V128 a, V128 b) { return detail::subSatS<T>(a, b); }                      \
  inline V128 P##SubSatU(V128 a, V128 b) { return detail::subSatU<T>(a, b); }                      \
  inline V128 P##AvgrU(V128 a, V128 b) { return detail::avgrU<T>(a, b); }
WASMCAP_SIMD_INT_SAT(I8x16, uint8_t)
WASMCAP_SIMD_INT_SAT(I16x8, uint16_t)
#undef WASMCAP_SIMD_INT_SAT

// (a * b + 2^14) >> 15 with signed saturation; only -32768 * -32768 saturates.
// Each half is widened to 32-bit lanes, where the product cannot overflow.
inline V128 I16x8Q15mulrSatS(V128 a, V128 b) {
  V128 r;
  for (unsigned offset : {0u, 8u}) {
    detail::i32x4 x = __builtin_convertvector(detail::half<detail::i16x4>(a, offset), detail::i32x4);
    detail::i32x4 y = __builtin_convertvector(detail::half<detail::i16x4>(b, offset), detail::i32x4);
    detail::i32x4 p = (x * y + 0x4000) >> 15;
    p = detail::select(p > 0x7fff, detail::splatVec<detail::i32x4>(0x7fff), p);
    detail::i16x4 n = __builtin_convertvector(p, detail::i16x4);
    std::memcpy(r.bytes + offset, &n, 8);
  }
  return r;
}

// Per byte: pairs of bits summed, then nibbles, then the two nibbles.
inline V128 I8x16Popcnt(V128 a) {
  detail::u8x16 x = detail::as<detail::u8x16>(a);
  x = x - ((x >> 1) & 0x55);
  x = (x & 0x33) + ((x >> 2) & 0x33);
  return detail::fromVec((x + (x >> 4)) & 0x0f);
}

// Shifts take the count modulo the lane width.
#define WASMCAP_SIMD_INT_SHIFT(P, T)                                                            \
  inline V128 P##Shl(V128 a, uint32_t n) {                                                      \
    return detail::fromVec(detail::as<detail::UVec<T>>(a) << static_cast<T>(n & (sizeof(T) * 8 - 1))); \
  }                                                                                             \
  inline V128 P##ShrU(V128 a, uint32_t n) {                                                     \
    return detail::fromVec(detail::as<detail::UVec<T>>(a) >> static_cast<T>(n & (sizeof(T) * 8 - 1))); \
  }                                                                                             \
  inline V128 P##ShrS(V128 a, uint32_t n) {                                                     \
    return detail::fromVec(detail::as<detail::SVec<T>>(a) >>                                    \
                           static_cast<detail::Signed<T>>(n & (sizeof(T) * 8 - 1)));            \
  }
WASMCAP_SIMD_INT_SHIFT(I8x16, uint8_t)
WASMCAP_SIMD_INT_SHIFT(I16x8, uint16_t)
WASMCAP_SIMD_INT_SHIFT(I32x4, uint32_t)
WASMCAP_SIMD_INT_SHIFT(I64x2, uint64_t)
#undef WASMCAP_SIMD_INT_SHIFT

}  // namespace wasmcap::interp::simd
