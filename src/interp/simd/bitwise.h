// v128 bitwise operations and the boolean reductions (any_true, all_true,
// bitmask).
#pragma once
#include "interp/simd/lane_access.h"

namespace wasmcap::interp::simd {

inline V128 V128Not(V128 a) {
  return detail::map1<uint64_t>(a, [](uint64_t x) { return ~x; });
}
inline V128 V128And(V128 a, V128 b) {
  return detail::map2<uint64_t>(a, b, [](uint64_t x, uint64_t y) { return x & y; });
}
// a AND NOT b
inline V128 V128Andnot(V128 a, V128 b) {
  return detail::map2<uint64_t>(a, b, [](uint64_t x, uint64_t y) { return x & ~y; });
}
inline V128 V128Or(V128 a, V128 b) {
  return detail::map2<uint64_t>(a, b, [](uint64_t x, uint64_t y) { return x | y; });
}
inline V128 V128Xor(V128 a, V128 b) {
  return detail::map2<uint64_t>(a, b, [](uint64_t x, uint64_t y) { return x ^ y; });
}
// Bits of a where c is 1, bits of b where c is 0.
inline V128 V128Bitselect(V128 a, V128 b, V128 c) {
  V128 r;
  for (unsigned i = 0; i < 2; ++i) {
    uint64_t m = detail::lane<uint64_t>(c, i);
    detail::setLane<uint64_t>(r, i, (detail::lane<uint64_t>(a, i) & m) | (detail::lane<uint64_t>(b, i) & ~m));
  }
  return r;
}
inline uint32_t V128AnyTrue(V128 a) {
  return (detail::lane<uint64_t>(a, 0) | detail::lane<uint64_t>(a, 1)) != 0;
}

namespace detail {

template <typename T>
inline uint32_t allTrue(const V128& a) {
  for (unsigned i = 0; i < kLanes<T>; ++i)
    if (lane<T>(a, i) == 0) return 0;
  return 1;
}

// Bit i of the result is the top (sign) bit of lane i.
template <typename T>
inline uint32_t bitmask(const V128& a) {
  uint32_t r = 0;
  for (unsigned i = 0; i < kLanes<T>; ++i) r |= static_cast<uint32_t>(lane<T>(a, i) >> (sizeof(T) * 8 - 1)) << i;
  return r;
}

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
