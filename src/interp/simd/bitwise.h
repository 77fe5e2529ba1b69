// v128 bitwise operations and the boolean reductions (any_true, all_true,
// bitmask).
#pragma once
#include "interp/simd/lane_access.h"

namespace wasmcap::interp::simd {

inline V128 V128Not(V128 a) { return detail::fromVec(~detail::as<detail::u64x2>(a)); }
inline V128 V128And(V128 a, V128 b) { return detail::fromVec(detail::as<detail::u64x2>(a) & detail::as<detail::u64x2>(b)); }
// a AND NOT b
inline V128 V128Andnot(V128 a, V128 b) {
  return detail::fromVec(detail::as<detail::u64x2>(a) & ~detail::as<detail::u64x2>(b));
}
inline V128 V128Or(V128 a, V128 b) { return detail::fromVec(detail::as<detail::u64x2>(a) | detail::as<detail::u64x2>(b)); }
inline V128 V128Xor(V128 a, V128 b) { return detail::fromVec(detail::as<detail::u64x2>(a) ^ detail::as<detail::u64x2>(b)); }
// Bits of a where c is 1, bits of b where c is 0.
inline V128 V128Bitselect(V128 a, V128 b, V128 c) {
  return detail::fromVec(detail::select(detail::as<detail::u64x2>(c), detail::as<detail::u64x2>(a), detail::as<detail::u64x2>(b)));
}
inline uint32_t V128AnyTrue(V128 a) {
  return (detail::lane<uint64_t>(a, 0) | detail::lane<uint64_t>(a, 1)) != 0;
}

namespace detail {

// 1 when no lane of T is zero: the lanes equal to zero give an all-ones mask,
// and there must be none.
template <typename T>
inline uint32_t allTrue(const V128& a) {
  V128 zeroLanes = fromVec(as<UVec<T>>(a) == UVec<T>{});
  return V128AnyTrue(zeroLanes) ^ 1u;
}

// Bit i of the result is the top (sign) bit of lane i. SSE2 has the 8-bit,
// 32-bit and 64-bit forms as one instruction each.
template <typename T>
inline uint32_t bitmaskPortable(const V128& a) {
  uint32_t r = 0;
  for (unsigned i = 0; i < kLanes<T>; ++i) r |= static_cast<uint32_t>(lane<T>(a, i) >> (sizeof(T) * 8 - 1)) << i;
  return r;
}

#if !defined(__SSE2__)
template <typename T>
inline uint32_t bitmask(const V128& a) {
  return bitmaskPortable<T>(a);
}
#else
template <typename T>
inline uint32_t bitmask(const V128& a);
template <>
inline uint32_t bitmask<uint8_t>(const V128& a) {
  return static_cast<uint32_t>(_mm_movemask_epi8(m128(a)));
}
// Packing with signed saturation keeps each 16-bit lane's sign in a byte.
template <>
inline uint32_t bitmask<uint16_t>(const V128& a) {
  __m128i v = m128(a);
  return static_cast<uint32_t>(_mm_movemask_epi8(_mm_packs_epi16(v, _mm_setzero_si128())));
}
template <>
inline uint32_t bitmask<uint32_t>(const V128& a) {
  return static_cast<uint32_t>(_mm_movemask_ps(bitsAs<__m128>(as<u32x4>(a))));
}
template <>
inline uint32_t bitmask<uint64_t>(const V128& a) {
  return static_cast<uint32_t>(_mm_movemask_pd(bitsAs<__m128d>(as<u64x2>(a))));
}
#endif

}  // namespace detail

inline uint32_t I8x16AllTrue(V128 a) { return detail::allTrue<uint8_t>(a); }
inline uint32_t I16x8AllTrue(V128 a) { return detail::allTrue<uint16_t>(a); }
inline uint32_t I32x4AllTrue(V128 a) { return detail::allTrue<uint32_t>(a); }
inline uint32_t I64x2AllTrue(V128 a) { return detail::allTrue<uint64_t>(a); }
inline uint32_t I8x16Bitmask(V128 a) { return detail::bitmask<uint8_t>(a); }
inline uint32_t I16x8Bitmask(V128 a) { return detail::bitmask<uint16_t>(a); }
inline uint32_t I32x4Bitmask(V128 a) { return detail::bitmask<uint32_t>(a); }
inline uint32_t I64x2Bitmask(V128 a) { return detail::bitmask<uint64_t>(a); }

}  // namespace wasmcap::interp::simd
