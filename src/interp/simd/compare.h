// Lane-wise comparisons: each result lane is all ones when the comparison
// holds, else zero. Float lanes compare like the scalar instructions (NaN is
// unordered, -0 == +0).
#pragma once
#include "interp/simd/lane_access.h"

namespace wasmcap::interp::simd {

#define WASMCAP_SIMD_CMP(Name, T, View, Op)                                                      \
  inline V128 Name(V128 a, V128 b) {                                                             \
    return detail::map2<T>(a, b, [](T x, T y) {                                                  \
      return detail::mask<T>(static_cast<View>(x) Op static_cast<View>(y));                      \
    });                                                                                          \
  }

#define WASMCAP_SIMD_INT_CMP(P, T, S)                     \
  WASMCAP_SIMD_CMP(P##Eq, T, T, ==)                       \
  WASMCAP_SIMD_CMP(P##Ne, T, T, !=)                       \
  WASMCAP_SIMD_CMP(P##LtS, T, S, <)                       \
  WASMCAP_SIMD_CMP(P##GtS, T, S, >)                       \
  WASMCAP_SIMD_CMP(P##LeS, T, S, <=)                      \
  WASMCAP_SIMD_CMP(P##GeS, T, S, >=)

#define WASMCAP_SIMD_UINT_CMP(P, T)                       \
  WASMCAP_SIMD_CMP(P##LtU, T, T, <)                       \
  WASMCAP_SIMD_CMP(P##GtU, T, T, >)                       \
  WASMCAP_SIMD_CMP(P##LeU, T, T, <=)                      \
  WASMCAP_SIMD_CMP(P##GeU, T, T, >=)

WASMCAP_SIMD_INT_CMP(I8x16, uint8_t, int8_t)
WASMCAP_SIMD_UINT_CMP(I8x16, uint8_t)
WASMCAP_SIMD_INT_CMP(I16x8, uint16_t, int16_t)
WASMCAP_SIMD_UINT_CMP(I16x8, uint16_t)
WASMCAP_SIMD_INT_CMP(I32x4, uint32_t, int32_t)
WASMCAP_SIMD_UINT_CMP(I32x4, uint32_t)
WASMCAP_SIMD_INT_CMP(I64x2, uint64_t, int64_t)  // no unsigned i64x2 comparisons in 2.0
#undef WASMCAP_SIMD_UINT_CMP
#undef WASMCAP_SIMD_INT_CMP
#undef WASMCAP_SIMD_CMP

#define WASMCAP_SIMD_FLOAT_CMP(P, T, Scalar)                                                      \
  inline V128 P##Eq(V128 a, V128 b) {                                                             \
    return detail::map2<T>(a, b, [](T x, T y) { return detail::mask<T>(numeric::Scalar##Eq(x, y)); }); \
  }                                                                                               \
  inline V128 P##Ne(V128 a, V128 b) {                                                             \
    return detail::map2<T>(a, b, [](T x, T y) { return detail::mask<T>(numeric::Scalar##Ne(x, y)); }); \
  }                                                                                               \
  inline V128 P##Lt(V128 a, V128 b) {                                                             \
    return detail::map2<T>(a, b, [](T x, T y) { return detail::mask<T>(numeric::Scalar##Lt(x, y)); }); \
  }                                                                                               \
  inline V128 P##Gt(V128 a, V128 b) {                                                             \
    return detail::map2<T>(a, b, [](T x, T y) { return detail::mask<T>(numeric::Scalar##Gt(x, y)); }); \
  }                                                                                               \
  inline V128 P##Le(V128 a, V128 b) {                                                             \
    return detail::map2<T>(a, b, [](T x, T y) { return detail::mask<T>(numeric::Scalar##Le(x, y)); }); \
  }                                                                                               \
  inline V128 P##Ge(V128 a, V128 b) {                                                             \
    return detail::map2<T>(a, b, [](T x, T y) { return detail::mask<T>(numeric::Scalar##Ge(x, y)); }); \
  }
WASMCAP_SIMD_FLOAT_CMP(F32x4, uint32_t, F32)
WASMCAP_SIMD_FLOAT_CMP(F64x2, uint64_t, F64)
#undef WASMCAP_SIMD_FLOAT_CMP

}  // namespace wasmcap::interp::simd
