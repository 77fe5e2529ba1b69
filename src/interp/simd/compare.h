// Lane-wise comparisons: each result lane is all ones when the comparison
// holds, else zero. Integer lanes compare on the signed or unsigned view;
// float lanes compare like the scalar instructions (NaN is unordered, so only
// `ne` holds; -0 == +0), which is also what C++ comparison of float vectors
// means.
#pragma once
#include "interp/simd/lane_access.h"

namespace wasmcap::interp::simd {

#define WASMCAP_SIMD_CMP(Name, View, Op)                                          \
  inline V128 Name(V128 a, V128 b) { return detail::fromVec(detail::as<View>(a) Op detail::as<View>(b)); }

#define WASMCAP_SIMD_INT_CMP(P, T)                        \
  WASMCAP_SIMD_CMP(P##Eq, detail::UVec<T>, ==)            \
  WASMCAP_SIMD_CMP(P##Ne, detail::UVec<T>, !=)            \
  WASMCAP_SIMD_CMP(P##LtS, detail::SVec<T>, <)            \
  WASMCAP_SIMD_CMP(P##GtS, detail::SVec<T>, >)            \
  WASMCAP_SIMD_CMP(P##LeS, detail::SVec<T>, <=)           \
  WASMCAP_SIMD_CMP(P##GeS, detail::SVec<T>, >=)

#define WASMCAP_SIMD_UINT_CMP(P, T)                       \
  WASMCAP_SIMD_CMP(P##LtU, detail::UVec<T>, <)            \
  WASMCAP_SIMD_CMP(P##GtU, detail::UVec<T>, >)            \
  WASMCAP_SIMD_CMP(P##LeU, detail::UVec<T>, <=)           \
  WASMCAP_SIMD_CMP(P##GeU, detail::UVec<T>, >=)

#define WASMCAP_SIMD_FLOAT_CMP(P, T)                      \
  WASMCAP_SIMD_CMP(P##Eq, detail::FVec<T>, ==)            \
  WASMCAP_SIMD_CMP(P##Ne, detail::FVec<T>, !=)            \
  WASMCAP_SIMD_CMP(P##Lt, detail::FVec<T>, <)             \
  WASMCAP_SIMD_CMP(P##Gt, detail::FVec<T>, >)             \
  WASMCAP_SIMD_CMP(P##Le, detail::FVec<T>, <=)            \
  WASMCAP_SIMD_CMP(P##Ge, detail::FVec<T>, >=)

WASMCAP_SIMD_INT_CMP(I8x16, uint8_t)
WASMCAP_SIMD_UINT_CMP(I8x16, uint8_t)
WASMCAP_SIMD_INT_CMP(I16x8, uint16_t)
WASMCAP_SIMD_UINT_CMP(I16x8, uint16_t)
WASMCAP_SIMD_INT_CMP(I32x4, uint32_t)
WASMCAP_SIMD_UINT_CMP(I32x4, uint32_t)
WASMCAP_SIMD_INT_CMP(I64x2, uint64_t)  // no unsigned i64x2 comparisons in 2.0
WASMCAP_SIMD_FLOAT_CMP(F32x4, uint32_t)
WASMCAP_SIMD_FLOAT_CMP(F64x2, uint64_t)
#undef WASMCAP_SIMD_FLOAT_CMP
#undef WASMCAP_SIMD_UINT_CMP
#undef WASMCAP_SIMD_INT_CMP
#undef WASMCAP_SIMD_CMP

}  // namespace wasmcap::interp::simd
