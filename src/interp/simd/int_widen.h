// Widening integer arithmetic: extmul (low/high halves), extadd_pairwise and
// i32x4.dot_i16x8_s. Narrow lanes are sign- or zero-extended into lanes twice
// as wide, where a product or pair sum of them always fits; the arithmetic
// runs on the unsigned view (dot can wrap: two INT16_MIN squares sum to 2^31).
#pragma once
#include "interp/simd/lane_access.h"

namespace wasmcap::interp::simd {
namespace detail {

// r[i] = a[i + first] * b[i + first] in lanes twice as wide.
template <typename Narrow, bool Signed, unsigned First>
inline V128 extmul(const V128& a, const V128& b) {
  constexpr unsigned offset = First * sizeof(Narrow);
  return fromVec(widenHalf<Narrow, Signed>(a, offset) * widenHalf<Narrow, Signed>(b, offset));
}

// The even-numbered (low) and odd-numbered (high) narrow lanes inside each
// wide lane of `a`, extended to the wide lane type, as unsigned views.
template <typename Narrow, bool Signed>
inline UVec<Wider<Narrow>> evenLanes(const V128& a) {
  using W = Wider<Narrow>;
  constexpr W bits = sizeof(Narrow) * 8;
  UVec<W> v = as<UVec<W>>(a);
  if constexpr (Signed) {
    return bitsAs<UVec<W>>(bitsAs<SVec<W>>(v << bits) >> static_cast<std::make_signed_t<W>>(bits));
  } else {
    return v & static_cast<W>((W{1} << bits) - 1);
  }
}
template <typename Narrow, bool Signed>
inline UVec<Wider<Narrow>> oddLanes(const V128& a) {
  using W = Wider<Narrow>;
  constexpr W bits = sizeof(Narrow) * 8;
  if constexpr (Signed) {
    return bitsAs<UVec<W>>(as<SVec<W>>(a) >> static_cast<std::make_signed_t<W>>(bits));
  } else {
    return as<UVec<W>>(a) >> bits;
  }
}

// r[i] = a[2i] + a[2i+1] in lanes twice as wide.
template <typename Narrow, bool Signed>
inline V128 extaddPairwise(const V128& a) {
  return fromVec(evenLanes<Narrow, Signed>(a) + oddLanes<Narrow, Signed>(a));
}

// The portable i32x4.dot_i16x8_s (SSE2 has it as one instruction, pmaddwd).
inline V128 dotI16x8SPortable(const V128& a, const V128& b) {
  return fromVec(evenLanes<uint16_t, true>(a) * evenLanes<uint16_t, true>(b) +
                 oddLanes<uint16_t, true>(a) * oddLanes<uint16_t, true>(b));
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
#if defined(__SSE2__)
  return detail::fromM128(_mm_madd_epi16(detail::m128(a), detail::m128(b)));
#else
  return detail::dotI16x8SPortable(a, b);
#endif
}

}  // namespace wasmcap::interp::simd
