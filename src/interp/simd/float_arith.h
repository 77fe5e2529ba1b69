// Float lane arithmetic and rounding, bit-for-bit the scalar instructions of
// interp/numeric applied to each lane: add/sub/mul/div/sqrt are the IEEE
// operations on the float views (the same NaN rules as the scalar ones),
// abs/neg are sign-bit operations; min/max, pmin/pmax and the rounding
// functions are written with lane masks to give exactly the scalar results
// (NaN operand made quiet, -0 below +0; pmin/pmax b < a ? b : a and
// a < b ? b : a; see roundLanes for ceil/floor/trunc/nearest).
#pragma once
#include "interp/simd/lane_access.h"

namespace wasmcap::interp::simd {
namespace detail {

template <typename T>
constexpr T kSignBit = T{1} << (sizeof(T) * 8 - 1);
template <typename T>
constexpr T kQuietBit = T{1} << (sizeof(T) == 4 ? 22 : 51);

// Min (IsMin) or max of float lanes, as numeric::F32Min/F32Max per lane:
// a NaN in a gives a|quiet, else a NaN in b gives b|quiet, equal lanes give
// a|b (min) or a&b (max) so that -0/+0 order, else the smaller/larger.
template <typename T, bool IsMin>
inline V128 floatMinMax(const V128& va, const V128& vb) {
  using F = FVec<T>;
  using U = UVec<T>;
  F x = as<F>(va), y = as<F>(vb);
  U a = as<U>(va), b = as<U>(vb);
  U r;
  if constexpr (IsMin) {
    r = select(x == y, a | b, select(x < y, a, b));
  } else {
    r = select(x == y, a & b, select(x > y, a, b));
  }
  r = select(y != y, b | kQuietBit<T>, r);
  r = select(x != x, a | kQuietBit<T>, r);
  return fromVec(r);
}

enum class Rounding { Ceil, Floor, Trunc, Nearest };

// Rounding to an integral value without SSE4.1 or libm: for |x| < 2^p (p the
// significand width: 23 or 52), (|x| + 2^p) - 2^p is |x| rounded to the
// nearest integer, ties to even, in the default rounding mode (which is never
// changed); trunc, floor and ceil step that by one where it went the wrong
// way, and the result takes x's sign, so -0.5 gives -0 like libm. Lanes with
// |x| >= 2^p are integral already (or infinite) and stay; NaN lanes become
// quiet, as numeric::F32Ceil etc. do.
template <typename T, Rounding R>
inline V128 roundLanes(const V128& va) {
  using F = FVec<T>;
  using U = UVec<T>;
  using Float = std::conditional_t<sizeof(T) == 4, float, double>;
  constexpr Float big = sizeof(T) == 4 ? Float(8388608.0) : Float(4503599627370496.0);
  U bits = as<U>(va), sign = bits & kSignBit<T>;
  F x = as<F>(va), ax = bitsAs<F>(bits ^ sign);
  F r = (ax + big) - big;
  if constexpr (R == Rounding::Trunc) r = r > ax ? r - Float(1) : r;
  F s = bitsAs<F>(bitsAs<U>(r) | sign);
  if constexpr (R == Rounding::Floor) s = s > x ? s - Float(1) : s;
  if constexpr (R == Rounding::Ceil) s = s < x ? s + Float(1) : s;
  U rounded = (bitsAs<U>(s) & ~kSignBit<T>) | sign;
  U kept = bits | (bitsAs<U>(x != x) & kQuietBit<T>);
  return fromVec(select(ax < big, rounded, kept));
}

template <typename T>
inline V128 floatSqrt(const V128& a) {
#if defined(__SSE2__)
  if constexpr (sizeof(T) == 4) {
    return fromVec(bitsAs<f32x4>(_mm_sqrt_ps(bitsAs<__m128>(as<f32x4>(a)))));
  } else {
    return fromVec(bitsAs<f64x2>(_mm_sqrt_pd(bitsAs<__m128d>(as<f64x2>(a)))));
  }
#else
  if constexpr (sizeof(T) == 4) {
    return map1<T>(a, numeric::F32Sqrt);
  } else {
    return map1<T>(a, numeric::F64Sqrt);
  }
#endif
}

}  // namespace detail

#define WASMCAP_SIMD_FLOAT_ROUND(P, T, Op) \
  inline V128 P##Op(V128 a) { return detail::roundLanes<T, detail::Rounding::Op>(a); }
#define WASMCAP_SIMD_FLOAT_BINARY(P, T, Op, Expr)                                                 \
  inline V128 P##Op(V128 a, V128 b) {                                                             \
    detail::FVec<T> x = detail::as<detail::FVec<T>>(a), y = detail::as<detail::FVec<T>>(b);      \
    return detail::fromVec(Expr);                                                                 \
  }
#define WASMCAP_SIMD_FLOAT_ARITH(P, T, Scalar)                                                    \
  inline V128 P##Abs(V128 a) { return detail::fromVec(detail::as<detail::UVec<T>>(a) & ~detail::kSignBit<T>); } \
  inline V128 P##Neg(V128 a) { return detail::fromVec(detail::as<detail::UVec<T>>(a) ^ detail::kSignBit<T>); }  \
  inline V128 P##Sqrt(V128 a) { return detail::floatSqrt<T>(a); }                                 \
  WASMCAP_SIMD_FLOAT_ROUND(P, T, Ceil)                                                        \
  WASMCAP_SIMD_FLOAT_ROUND(P, T, Floor)                                                       \
  WASMCAP_SIMD_FLOAT_ROUND(P, T, Trunc)                                                       \
  WASMCAP_SIMD_FLOAT_ROUND(P, T, Nearest)                                                     \
  WASMCAP_SIMD_FLOAT_BINARY(P, T, Add, x + y)                                                     \
  WASMCAP_SIMD_FLOAT_BINARY(P, T, Sub, x - y)                                                     \
  WASMCAP_SIMD_FLOAT_BINARY(P, T, Mul, x * y)                                                     \
  WASMCAP_SIMD_FLOAT_BINARY(P, T, Div, x / y)                                                     \
  WASMCAP_SIMD_FLOAT_BINARY(P, T, Pmin, y < x ? y : x)                                            \
  WASMCAP_SIMD_FLOAT_BINARY(P, T, Pmax, x < y ? y : x)                                            \
  inline V128 P##Min(V128 a, V128 b) { return detail::floatMinMax<T, true>(a, b); }                \
  inline V128 P##Max(V128 a, V128 b) { return detail::floatMinMax<T, false>(a, b); }

WASMCAP_SIMD_FLOAT_ARITH(F32x4, uint32_t, F32)
WASMCAP_SIMD_FLOAT_ARITH(F64x2, uint64_t, F64)
#undef WASMCAP_SIMD_FLOAT_ARITH
#undef WASMCAP_SIMD_FLOAT_BINARY
#undef WASMCAP_SIMD_FLOAT_ROUND

}  // namespace wasmcap::interp::simd
