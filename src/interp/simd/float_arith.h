// Float lane arithmetic and rounding. Each lane is computed by the scalar
// instruction of interp/numeric on the lane's bit pattern, so NaN handling,
// -0, nearest-even and min/max follow the scalar semantics exactly; pmin/pmax
// are the SIMD-only pseudo-min/max (b < a ? b : a, a < b ? b : a).
#pragma once
#include "interp/simd/lane_access.h"

namespace wasmcap::interp::simd {

#define WASMCAP_SIMD_FLOAT_UNARY(P, T, Scalar, Op) \
  inline V128 P##Op(V128 a) { return detail::map1<T>(a, [](T x) { return numeric::Scalar##Op(x); }); }
#define WASMCAP_SIMD_FLOAT_BINARY(P, T, Scalar, Op)                                               \
  inline V128 P##Op(V128 a, V128 b) {                                                             \
    return detail::map2<T>(a, b, [](T x, T y) { return numeric::Scalar##Op(x, y); });             \
  }
#define WASMCAP_SIMD_FLOAT_ARITH(P, T, Scalar)     \
  WASMCAP_SIMD_FLOAT_UNARY(P, T, Scalar, Abs)      \
  WASMCAP_SIMD_FLOAT_UNARY(P, T, Scalar, Neg)      \
  WASMCAP_SIMD_FLOAT_UNARY(P, T, Scalar, Sqrt)     \
  WASMCAP_SIMD_FLOAT_UNARY(P, T, Scalar, Ceil)     \
  WASMCAP_SIMD_FLOAT_UNARY(P, T, Scalar, Floor)    \
  WASMCAP_SIMD_FLOAT_UNARY(P, T, Scalar, Trunc)    \
  WASMCAP_SIMD_FLOAT_UNARY(P, T, Scalar, Nearest)  \
  WASMCAP_SIMD_FLOAT_BINARY(P, T, Scalar, Add)     \
  WASMCAP_SIMD_FLOAT_BINARY(P, T, Scalar, Sub)     \
  WASMCAP_SIMD_FLOAT_BINARY(P, T, Scalar, Mul)     \
  WASMCAP_SIMD_FLOAT_BINARY(P, T, Scalar, Div)     \
  WASMCAP_SIMD_FLOAT_BINARY(P, T, Scalar, Min)     \
  WASMCAP_SIMD_FLOAT_BINARY(P, T, Scalar, Max)     \
  WASMCAP_SIMD_FLOAT_BINARY(P, T, Scalar, Pmin)    \
  WASMCAP_SIMD_FLOAT_BINARY(P, T, Scalar, Pmax)

WASMCAP_SIMD_FLOAT_ARITH(F32x4, uint32_t, F32)
WASMCAP_SIMD_FLOAT_ARITH(F64x2, uint64_t, F64)
#undef WASMCAP_SIMD_FLOAT_ARITH
#undef WASMCAP_SIMD_FLOAT_BINARY
#undef WASMCAP_SIMD_FLOAT_UNARY

}  // namespace wasmcap::interp::simd
