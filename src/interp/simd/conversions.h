// Shape conversions: integer narrowing (saturating) and extension, float <->
// integer lane conversions (saturating truncation, as the scalar trunc_sat),
// and f32x4 <-> f64x2 demotion/promotion. "_zero" forms fill the upper half of
// the result with zeros; "low" forms read the lower half of the input.
#pragma once
#include <algorithm>
#include <limits>

#include "interp/simd/lane_access.h"

namespace wasmcap::interp::simd {
namespace detail {

// r = [narrow(a[0..n)), narrow(b[0..n))], each lane clamped to the range of
// the narrow lane read as signed (S) or unsigned (U) integers.
template <typename WideLane, typename NarrowLane, bool SignedResult>
inline V128 narrow(const V128& a, const V128& b) {
  using WideS = std::make_signed_t<WideLane>;
  using Bound = std::conditional_t<SignedResult, std::make_signed_t<NarrowLane>, NarrowLane>;
  constexpr unsigned n = kLanes<WideLane>;
  V128 r;
  for (unsigned i = 0; i < 2 * n; ++i) {
    WideS v = static_cast<WideS>(i < n ? lane<WideLane>(a, i) : lane<WideLane>(b, i - n));
    WideS c = std::clamp<WideS>(v, std::numeric_limits<Bound>::min(), std::numeric_limits<Bound>::max());
    setLane<NarrowLane>(r, i, static_cast<NarrowLane>(c));
  }
  return r;
}

// r[i] = extend(a[i + first]).
template <typename NarrowLane, typename WideLane, bool SignedSource, unsigned First>
inline V128 extend(const V128& a) {
  V128 r;
  for (unsigned i = 0; i < kLanes<WideLane>; ++i) {
    NarrowLane x = lane<NarrowLane>(a, i + First);
    if constexpr (SignedSource) {
      setLane<WideLane>(r, i, static_cast<WideLane>(static_cast<std::make_signed_t<WideLane>>(static_cast<std::make_signed_t<NarrowLane>>(x))));
    } else {
      setLane<WideLane>(r, i, static_cast<WideLane>(x));
    }
  }
  return r;
}

// r[i] = f(a[i]) for the first `count` lanes of Out (reading In lanes), the
// remaining lanes of the result zero.
template <typename In, typename Out, unsigned Count, typename F>
inline V128 convertLanes(const V128& a, F f) {
  V128 r;
  for (unsigned i = 0; i < Count; ++i) setLane<Out>(r, i, f(lane<In>(a, i)));
  return r;
}

}  // namespace detail

inline V128 I8x16NarrowI16x8S(V128 a, V128 b) { return detail::narrow<uint16_t, uint8_t, true>(a, b); }
inline V128 I8x16NarrowI16x8U(V128 a, V128 b) { return detail::narrow<uint16_t, uint8_t, false>(a, b); }
inline V128 I16x8NarrowI32x4S(V128 a, V128 b) { return detail::narrow<uint32_t, uint16_t, true>(a, b); }
inline V128 I16x8NarrowI32x4U(V128 a, V128 b) { return detail::narrow<uint32_t, uint16_t, false>(a, b); }

inline V128 I16x8ExtendLowI8x16S(V128 a) { return detail::extend<uint8_t, uint16_t, true, 0>(a); }
inline V128 I16x8ExtendHighI8x16S(V128 a) { return detail::extend<uint8_t, uint16_t, true, 8>(a); }
inline V128 I16x8ExtendLowI8x16U(V128 a) { return detail::extend<uint8_t, uint16_t, false, 0>(a); }
inline V128 I16x8ExtendHighI8x16U(V128 a) { return detail::extend<uint8_t, uint16_t, false, 8>(a); }
inline V128 I32x4ExtendLowI16x8S(V128 a) { return detail::extend<uint16_t, uint32_t, true, 0>(a); }
inline V128 I32x4ExtendHighI16x8S(V128 a) { return detail::extend<uint16_t, uint32_t, true, 4>(a); }
inline V128 I32x4ExtendLowI16x8U(V128 a) { return detail::extend<uint16_t, uint32_t, false, 0>(a); }
inline V128 I32x4ExtendHighI16x8U(V128 a) { return detail::extend<uint16_t, uint32_t, false, 4>(a); }
inline V128 I64x2ExtendLowI32x4S(V128 a) { return detail::extend<uint32_t, uint64_t, true, 0>(a); }
inline V128 I64x2ExtendHighI32x4S(V128 a) { return detail::extend<uint32_t, uint64_t, true, 2>(a); }
inline V128 I64x2ExtendLowI32x4U(V128 a) { return detail::extend<uint32_t, uint64_t, false, 0>(a); }
inline V128 I64x2ExtendHighI32x4U(V128 a) { return detail::extend<uint32_t, uint64_t, false, 2>(a); }

inline V128 I32x4TruncSatF32x4S(V128 a) { return detail::convertLanes<uint32_t, uint32_t, 4>(a, numeric::I32TruncSatF32S); }
inline V128 I32x4TruncSatF32x4U(V128 a) { return detail::convertLanes<uint32_t, uint32_t, 4>(a, numeric::I32TruncSatF32U); }
inline V128 I32x4TruncSatF64x2SZero(V128 a) { return detail::convertLanes<uint64_t, uint32_t, 2>(a, numeric::I32TruncSatF64S); }
inline V128 I32x4TruncSatF64x2UZero(V128 a) { return detail::convertLanes<uint64_t, uint32_t, 2>(a, numeric::I32TruncSatF64U); }
inline V128 F32x4ConvertI32x4S(V128 a) { return detail::convertLanes<uint32_t, uint32_t, 4>(a, numeric::F32ConvertI32S); }
inline V128 F32x4ConvertI32x4U(V128 a) { return detail::convertLanes<uint32_t, uint32_t, 4>(a, numeric::F32ConvertI32U); }
inline V128 F64x2ConvertLowI32x4S(V128 a) { return detail::convertLanes<uint32_t, uint64_t, 2>(a, numeric::F64ConvertI32S); }
inline V128 F64x2ConvertLowI32x4U(V128 a) { return detail::convertLanes<uint32_t, uint64_t, 2>(a, numeric::F64ConvertI32U); }
inline V128 F32x4DemoteF64x2Zero(V128 a) { return detail::convertLanes<uint64_t, uint32_t, 2>(a, numeric::F32DemoteF64); }
inline V128 F64x2PromoteLowF32x4(V128 a) { return detail::convertLanes<uint32_t, uint64_t, 2>(a, numeric::F64PromoteF32); }

}  // namespace wasmcap::interp::simd
