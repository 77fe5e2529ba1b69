// Widening integer arithmetic: extmul (low/high halves), extadd_pairwise and
// i32x4.dot_i16x8_s. The narrow lanes are extended (sign or zero) to 64 bits
// before multiplying or adding, where nothing can overflow, and the result is
// reduced modulo the wide lane width (only dot can wrap: two INT16_MIN
// squares sum to 2^31).
#pragma once
#include "interp/simd/lane_access.h"

namespace wasmcap::interp::simd {
namespace detail {

template <typename Narrow, bool Signed>
inline int64_t extend64(Narrow x) {
  if constexpr (Signed) {
    return static_cast<std::make_signed_t<Narrow>>(x);
  } else {
    return static_cast<int64_t>(x);
  }
}

// Unsigned 32-bit products reach 2^64 - 2^33 + 1, past int64_t: multiply
// unsigned 64-bit then (the result is taken modulo the lane width anyway).
template <typename Narrow, bool Signed>
inline uint64_t mul64(Narrow x, Narrow y) {
  return static_cast<uint64_t>(extend64<Narrow, Signed>(x)) * static_cast<uint64_t>(extend64<Narrow, Signed>(y));
}

// r[i] = a[i + first] * b[i + first] in lanes twice as wide.
template <typename Narrow, bool Signed, unsigned First>
inline V128 extmul(const V128& a, const V128& b) {
  using WideLane = std::conditional_t<sizeof(Narrow) == 1, uint16_t, std::conditional_t<sizeof(Narrow) == 2, uint32_t, uint64_t>>;
  V128 r;
  for (unsigned i = 0; i < kLanes<WideLane>; ++i)
    setLane<WideLane>(r, i, static_cast<WideLane>(mul64<Narrow, Signed>(lane<Narrow>(a, i + First), lane<Narrow>(b, i + First))));
  return r;
}

// r[i] = a[2i] + a[2i+1] in lanes twice as wide.
template <typename Narrow, bool Signed>
inline V128 extaddPairwise(const V128& a) {
  using WideLane = std::conditional_t<sizeof(Narrow) == 1, uint16_t, uint32_t>;
  V128 r;
  for (unsigned i = 0; i < kLanes<WideLane>; ++i) {
    int64_t s = extend64<Narrow, Signed>(lane<Narrow>(a, 2 * i)) + extend64<Narrow, Signed>(lane<Narrow>(a, 2 * i + 1));
    setLane<WideLane>(r, i, static_cast<WideLane>(s));
  }
  return r;
}

}  // namespace detail

inline V128 I16x8ExtmulLowI8x16S(V128 a, V128 b) { return detail::extmul<uint8_t, true, 0>(a, b); }
inline V128 I16x8ExtmulHighI8x16S(V128 a, V128 b) { return detail::extmul<uint8_t, true, 8>(a, b); }
inline V128 I16x8ExtmulLowI8x16U(V128 a, V128 b) { return detail::extmul<uint8_t, false, 0>(a, b); }
inline V128 I16x8ExtmulHighI8x16U(V128 a, V128 b) { return detail::extmul<uint8_t, false, 8>(a, b); }
inline V128 I32x4ExtmulLowI16x8S(V128 a, V128 b) { return detail::extmul<uint16_t, true, 0>(a, b); }
inline V128 I32x4ExtmulHighI16x8S(V128 a, V128 b) { return detail::extmul<uint16_t, true, 4>(a, b); }
inline V128 I32x4ExtmulLowI16x8U(V128 a, V128 b) { return detail::extmul<uint16_t, false, 0>(a, b); }
inline V128 I32x4ExtmulHighI16x8U(V128 a, V128 b) { return detail::extmul<uint16_t, false, 4>(a, b); }
inline V128 I64x2ExtmulLowI32x4S(V128 a, V128 b) { return detail::extmul<uint32_t, true, 0>(a, b); }
inline V128 I64x2ExtmulHighI32x4S(V128 a, V128 b) { return detail::extmul<uint32_t, true, 2>(a, b); }
inline V128 I64x2ExtmulLowI32x4U(V128 a, V128 b) { return detail::extmul<uint32_t, false, 0>(a, b); }
inline V128 I64x2ExtmulHighI32x4U(V128 a, V128 b) { return detail::extmul<uint32_t, false, 2>(a, b); }

inline V128 I16x8ExtaddPairwiseI8x16S(V128 a) { return detail::extaddPairwise<uint8_t, true>(a); }
inline V128 I16x8ExtaddPairwiseI8x16U(V128 a) { return detail::extaddPairwise<uint8_t, false>(a); }
inline V128 I32x4ExtaddPairwiseI16x8S(V128 a) { return detail::extaddPairwise<uint16_t, true>(a); }
inline V128 I32x4ExtaddPairwiseI16x8U(V128 a) { return detail::extaddPairwise<uint16_t, false>(a); }

// r[i] = a[2i]*b[2i] + a[2i+1]*b[2i+1], signed 16-bit inputs, wrapping i32 sum.
inline V128 I32x4DotI16x8S(V128 a, V128 b) {
  V128 r;
  for (unsigned i = 0; i < 4; ++i) {
    uint64_t s = detail::mul64<uint16_t, true>(detail::lane<uint16_t>(a, 2 * i), detail::lane<uint16_t>(b, 2 * i)) +
                 detail::mul64<uint16_t, true>(detail::lane<uint16_t>(a, 2 * i + 1), detail::lane<uint16_t>(b, 2 * i + 1));
    detail::setLane<uint32_t>(r, i, static_cast<uint32_t>(s));
  }
  return r;
}

}  // namespace wasmcap::interp::simd
