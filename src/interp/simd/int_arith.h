// Integer lane arithmetic: add/sub/mul, neg/abs, min/max, saturating add/sub,
// avgr_u, q15mulr_sat_s, popcnt and shifts. Lanes are handled as unsigned
// values; signed views come from modular conversion, and arithmetic happens in
// at least `unsigned`, so wrap-around is defined.
#pragma once
#include <algorithm>
#include <bit>
#include <limits>

#include "interp/simd/lane_access.h"

namespace wasmcap::interp::simd {
namespace detail {

template <typename T> using Signed = std::make_signed_t<T>;

template <typename T>
inline T satS(int64_t v) {
  using S = Signed<T>;
  return static_cast<T>(static_cast<S>(std::clamp<int64_t>(v, std::numeric_limits<S>::min(), std::numeric_limits<S>::max())));
}

template <typename T>
inline T satU(int64_t v) {
  return static_cast<T>(std::clamp<int64_t>(v, 0, std::numeric_limits<T>::max()));
}

}  // namespace detail

// add, sub, mul, neg, abs, min, max for every integer shape (no i64x2 min/max
// in WebAssembly 2.0; no i8x16.mul).
#define WASMCAP_SIMD_INT_BASIC(P, T)                                                               \
  inline V128 P##Add(V128 a, V128 b) {                                                             \
    return detail::map2<T>(a, b, [](T x, T y) { return detail::Wide<T>(x) + detail::Wide<T>(y); }); \
  }                                                                                                \
  inline V128 P##Sub(V128 a, V128 b) {                                                             \
    return detail::map2<T>(a, b, [](T x, T y) { return detail::Wide<T>(x) - detail::Wide<T>(y); }); \
  }                                                                                                \
  inline V128 P##Neg(V128 a) {                                                                     \
    return detail::map1<T>(a, [](T x) { return detail::Wide<T>(0) - detail::Wide<T>(x); });        \
  }                                                                                                \
  /* abs(INT_MIN) is INT_MIN: the negation wraps. */                                               \
  inline V128 P##Abs(V128 a) {                                                                     \
    return detail::map1<T>(a, [](T x) {                                                            \
      return static_cast<detail::Signed<T>>(x) < 0 ? detail::Wide<T>(0) - detail::Wide<T>(x)       \
                                                   : detail::Wide<T>(x);                           \
    });                                                                                            \
  }

WASMCAP_SIMD_INT_BASIC(I8x16, uint8_t)
WASMCAP_SIMD_INT_BASIC(I16x8, uint16_t)
WASMCAP_SIMD_INT_BASIC(I32x4, uint32_t)
WASMCAP_SIMD_INT_BASIC(I64x2, uint64_t)
#undef WASMCAP_SIMD_INT_BASIC

#define WASMCAP_SIMD_INT_MUL(P, T)                                                                 \
  inline V128 P##Mul(V128 a, V128 b) {                                                             \
    return detail::map2<T>(a, b, [](T x, T y) { return detail::Wide<T>(x) * detail::Wide<T>(y); }); \
  }
WASMCAP_SIMD_INT_MUL(I16x8, uint16_t)
WASMCAP_SIMD_INT_MUL(I32x4, uint32_t)
WASMCAP_SIMD_INT_MUL(I64x2, uint64_t)
#undef WASMCAP_SIMD_INT_MUL

#define WASMCAP_SIMD_INT_MINMAX(P, T)                                                             \
  inline V128 P##MinS(V128 a, V128 b) {                                                           \
    using S = detail::Signed<T>;                                                                  \
    return detail::map2<T>(a, b, [](T x, T y) { return static_cast<S>(x) < static_cast<S>(y) ? x : y; }); \
  }                                                                                               \
  inline V128 P##MinU(V128 a, V128 b) {                                                           \
    return detail::map2<T>(a, b, [](T x, T y) { return x < y ? x : y; });                         \
  }                                                                                               \
  inline V128 P##MaxS(V128 a, V128 b) {                                                           \
    using S = detail::Signed<T>;                                                                  \
    return detail::map2<T>(a, b, [](T x, T y) { return static_cast<S>(x) > static_cast<S>(y) ? x : y; }); \
  }                                                                                               \
  inline V128 P##MaxU(V128 a, V128 b) {                                                           \
    return detail::map2<T>(a, b, [](T x, T y) { return x > y ? x : y; });                         \
  }
WASMCAP_SIMD_INT_MINMAX(I8x16, uint8_t)
WASMCAP_SIMD_INT_MINMAX(I16x8, uint16_t)
WASMCAP_SIMD_INT_MINMAX(I32x4, uint32_t)
#undef WASMCAP_SIMD_INT_MINMAX

// Saturating add/sub and the rounding average exist for 8- and 16-bit lanes.
#define WASMCAP_SIMD_INT_SAT(P, T)                                                                 \
  inline V128 P##AddSatS(V128 a, V128 b) {                                                         \
    using S = detail::Signed<T>;                                                                   \
    return detail::map2<T>(a, b, [](T x, T y) {                                                    \
      return detail::satS<T>(int64_t{static_cast<S>(x)} + static_cast<S>(y));                     \
    });                                                                                            \
  }                                                                                                \
  inline V128 P##AddSatU(V128 a, V128 b) {                                                         \
    return detail::map2<T>(a, b, [](T x, T y) { return detail::satU<T>(int64_t{x} + y); });        \
  }                                                                                                \
  inline V128 P##SubSatS(V128 a, V128 b) {                                                         \
    using S = detail::Signed<T>;                                                                   \
    return detail::map2<T>(a, b, [](T x, T y) {                                                    \
      return detail::satS<T>(int64_t{static_cast<S>(x)} - static_cast<S>(y));                     \
    });                                                                                            \
  }                                                                                                \
  inline V128 P##SubSatU(V128 a, V128 b) {                                                         \
    return detail::map2<T>(a, b, [](T x, T y) { return detail::satU<T>(int64_t{x} - y); });        \
  }                                                                                                \
  /* (a + b + 1) / 2 without overflow: computed in unsigned int. */                               \
  inline V128 P##AvgrU(V128 a, V128 b) {                                                           \
    return detail::map2<T>(a, b, [](T x, T y) { return (unsigned{x} + unsigned{y} + 1u) >> 1; });  \
  }
WASMCAP_SIMD_INT_SAT(I8x16, uint8_t)
WASMCAP_SIMD_INT_SAT(I16x8, uint16_t)
#undef WASMCAP_SIMD_INT_SAT

// (a * b + 2^14) >> 15 with signed saturation; only -32768 * -32768 saturates.
inline V128 I16x8Q15mulrSatS(V128 a, V128 b) {
  return detail::map2<uint16_t>(a, b, [](uint16_t x, uint16_t y) {
    int32_t p = int32_t{static_cast<int16_t>(x)} * int32_t{static_cast<int16_t>(y)};
    return detail::satS<uint16_t>((p + 0x4000) >> 15);
  });
}

inline V128 I8x16Popcnt(V128 a) {
  return detail::map1<uint8_t>(a, [](uint8_t x) { return std::popcount(x); });
}

// Shifts take the count modulo the lane width.
#define WASMCAP_SIMD_INT_SHIFT(P, T)                                                            \
  inline V128 P##Shl(V128 a, uint32_t n) {                                                      \
    unsigned s = n & (sizeof(T) * 8 - 1);                                                       \
    return detail::map1<T>(a, [s](T x) { return detail::Wide<T>(x) << s; });                    \
  }                                                                                             \
  inline V128 P##ShrU(V128 a, uint32_t n) {                                                     \
    unsigned s = n & (sizeof(T) * 8 - 1);                                                       \
    return detail::map1<T>(a, [s](T x) { return detail::Wide<T>(x) >> s; });                   \
  }                                                                                             \
  /* >> of a negative value is arithmetic since C++20. */                                       \
  inline V128 P##ShrS(V128 a, uint32_t n) {                                                     \
    unsigned s = n & (sizeof(T) * 8 - 1);                                                       \
    return detail::map1<T>(a, [s](T x) { return static_cast<detail::Signed<T>>(x) >> s; });     \
  }
WASMCAP_SIMD_INT_SHIFT(I8x16, uint8_t)
WASMCAP_SIMD_INT_SHIFT(I16x8, uint16_t)
WASMCAP_SIMD_INT_SHIFT(I32x4, uint32_t)
WASMCAP_SIMD_INT_SHIFT(I64x2, uint64_t)
#undef WASMCAP_SIMD_INT_SHIFT

}  // namespace wasmcap::interp::simd
