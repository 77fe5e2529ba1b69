// Shape conversions: integer narrowing (saturating) and extension, float <->
// integer lane conversions (saturating truncation, as the scalar trunc_sat),
// and f32x4 <-> f64x2 demotion/promotion. "_zero" forms fill the upper half of
// the result with zeros; "low" forms read the lower half of the input.
#pragma once
#include <limits>

#include "interp/simd/lane_access.h"

namespace wasmcap::interp::simd {
namespace detail {

// Lanes of `a` clamped to the range of lane type Narrow read as signed
// (SignedResult) or unsigned, on the signed view of Wide lanes.
template <typename WideLane, typename NarrowLane, bool SignedResult>
inline SVec<WideLane> clampForNarrow(const V128& a) {
  using WideS = std::make_signed_t<WideLane>;
  using Bound = std::conditional_t<SignedResult, std::make_signed_t<NarrowLane>, NarrowLane>;
  constexpr WideS lo = std::numeric_limits<Bound>::min(), hi = std::numeric_limits<Bound>::max();
  SVec<WideLane> x = as<SVec<WideLane>>(a);
  x = select(x < lo, splatVec<SVec<WideLane>>(lo), x);
  return select(x > hi, splatVec<SVec<WideLane>>(hi), x);
}

// r = [narrow(a[0..n)), narrow(b[0..n))], each lane clamped to the range of
// the narrow lane read as signed (S) or unsigned (U) integers.
template <typename WideLane, typename NarrowLane, bool SignedResult>
inline V128 narrowPortable(const V128& a, const V128& b) {
  return truncateHalves<NarrowLane>(clampForNarrow<WideLane, NarrowLane, SignedResult>(a),
                                    clampForNarrow<WideLane, NarrowLane, SignedResult>(b));
}

// SSE2 packs with exactly these semantics, except 32 -> 16 bits unsigned.
template <typename WideLane, typename NarrowLane, bool SignedResult>
inline V128 narrow(const V128& a, const V128& b) {
#if defined(__SSE2__)
  if constexpr (sizeof(WideLane) == 2) {
    return fromM128(SignedResult ? _mm_packs_epi16(m128(a), m128(b)) : _mm_packus_epi16(m128(a), m128(b)));
  } else if constexpr (SignedResult) {
    return fromM128(_mm_packs_epi32(m128(a), m128(b)));
  }
#endif
  return narrowPortable<WideLane, NarrowLane, SignedResult>(a, b);
}

// r[i] = extend(a[i + first]).
template <typename NarrowLane, bool SignedSource, unsigned First>
inline V128 extend(const V128& a) {
  return fromVec(widenHalf<NarrowLane, SignedSource>(a, First * sizeof(NarrowLane)));
}

// r[i] = f(a[i]) for the first `count` lanes of Out (reading In lanes), the
// remaining lanes of the result zero.
template <typename In, typename Out, unsigned Count, typename F>
inline V128 convertLanes(const V128& a, F f) {
  V128 r;
  for (unsigned i = 0; i < Count; ++i) setLane<Out>(r, i, f(lane<In>(a, i)));
  return r;
}

// f32 lanes truncated to i32 (Signed) or u32 lanes with saturation, NaN to 0,
// as numeric::I32TruncSatF32S/U per lane. The in-range lanes are converted
// (defined behaviour there), the others replaced by their bound.
template <bool Signed>
inline V128 truncSatF32x4(const V128& a) {
  using Out = std::conditional_t<Signed, i32x4, u32x4>;
  constexpr float lo = Signed ? -2147483648.0f : 0.0f;           // -2^31 / 0: representable
  constexpr float limit = Signed ? 2147483648.0f : 4294967296.0f;  // 2^31 / 2^32: first out of range
  f32x4 x = as<f32x4>(a);
  f32x4 zero{};
  auto tooBig = x >= limit;
  f32x4 inRange = select(x != x, zero, x);          // NaN -> 0
  inRange = select(inRange < lo, splatVec<f32x4>(lo), inRange);  // below: the lower bound (exact)
  inRange = select(tooBig, zero, inRange);
  Out r = __builtin_convertvector(inRange, Out);
  return fromVec(select(tooBig, splatVec<Out>(std::numeric_limits<std::conditional_t<Signed, int32_t, uint32_t>>::max()), r));
}

}  // namespace detail

inline V128 I8x16NarrowI16x8S(V128 a, V128 b) { return detail::narrow<uint16_t, uint8_t, true>(a, b); }
inline V128 I8x16NarrowI16x8U(V128 a, V128 b) { return detail::narrow<uint16_t, uint8_t, false>(a, b); }
inline V128 I16x8NarrowI32x4S(V128 a, V128 b) { return detail::narrow<uint32_t, uint16_t, true>(a, b); }
inline V128 I16x8NarrowI32x4U(V128 a, V128 b) { return detail::narrow<uint32_t, uint16_t, false>(a, b); }

inline V128 I16x8ExtendLowI8x16S(V128 a) { return detail::extend<uint8_t, true, 0>(a); }
inline V128 I16x8ExtendHighI8x16S(V128 a) { return detail::extend<uint8_t, true, 8>(a); }
inline V128 I16x8ExtendLowI8x16U(V128 a) { return detail::extend<uint8_t, false, 0>(a); }
inline V128 I16x8ExtendHighI8x16U(V128 a) { return detail::extend<uint8_t, false, 8>(a); }
inline V128 I32x4ExtendLowI16x8S(V128 a) { return detail::extend<uint16_t, true, 0>(a); }
inline V128 I32x4ExtendHighI16x8S(V128 a) { return detail::extend<uint16_t, true, 4>(a); }
inline V128 I32x4ExtendLowI16x8U(V128 a) { return detail::extend<uint16_t, false, 0>(a); }
inline V128 I32x4ExtendHighI16x8U(V128 a) { return detail::extend<uint16_t, false, 4>(a); }
inline V128 I64x2ExtendLowI32x4S(V128 a) { return detail::extend<uint32_t, true, 0>(a); }
inline V128 I64x2ExtendHighI32x4S(V128 a) { return detail::extend<uint32_t, true, 2>(a); }
inline V128 I64x2ExtendLowI32x4U(V128 a) { return detail::extend<uint32_t, false, 0>(a); }
inline V128 I64x2ExtendHighI32x4U(V128 a) { return detail::extend<uint32_t, false, 2>(a); }

inline V128 I32x4TruncSatF32x4S(V128 a) { return detail::truncSatF32x4<true>(a); }
inline V128 I32x4TruncSatF32x4U(V128 a) { return detail::truncSatF32x4<false>(a); }
inline V128 I32x4TruncSatF64x2SZero(V128 a) { return detail::convertLanes<uint64_t, uint32_t, 2>(a, numeric::I32TruncSatF64S); }
inline V128 I32x4TruncSatF64x2UZero(V128 a) { return detail::convertLanes<uint64_t, uint32_t, 2>(a, numeric::I32TruncSatF64U); }
inline V128 F32x4ConvertI32x4S(V128 a) { return detail::fromVec(__builtin_convertvector(detail::as<detail::i32x4>(a), detail::f32x4)); }
inline V128 F32x4ConvertI32x4U(V128 a) { return detail::convertLanes<uint32_t, uint32_t, 4>(a, numeric::F32ConvertI32U); }
inline V128 F64x2ConvertLowI32x4S(V128 a) { return detail::fromVec(__builtin_convertvector(detail::half<detail::i32x2>(a, 0), detail::f64x2)); }
// u32 -> f64 through the signed conversion: x - 2^31 fits in i32, and both
// it and the sum back are exact in f64.
inline V128 F64x2ConvertLowI32x4U(V128 a) {
  detail::i32x2 biased = detail::bitsAs<detail::i32x2>(detail::half<detail::u32x2>(a, 0) ^ 0x80000000u);
  return detail::fromVec(__builtin_convertvector(biased, detail::f64x2) + 2147483648.0);
}
inline V128 F32x4DemoteF64x2Zero(V128 a) { return detail::convertLanes<uint64_t, uint32_t, 2>(a, numeric::F32DemoteF64); }
inline V128 F64x2PromoteLowF32x4(V128 a) { return detail::convertLanes<uint32_t, uint64_t, 2>(a, numeric::F64PromoteF32); }

}  // namespace wasmcap::interp::simd
