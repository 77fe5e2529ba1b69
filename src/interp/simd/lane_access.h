// Lane plumbing shared by the SIMD families: reading and writing lane i of a
// V128 (memcpy, so no aliasing or alignment UB) and per-lane map helpers.
// Lane i of a shape occupies bytes [i*size, (i+1)*size) little-endian, which
// is the host order on every platform wasmcap supports.
#pragma once
#include <bit>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "interp/numeric/numeric.h"
#include "runtime/value.h"

namespace wasmcap::interp::simd {

using runtime::V128;

static_assert(std::endian::native == std::endian::little,
              "lane layout assumes a little-endian host; add byte swaps for big-endian ones");

namespace detail {

template <typename T>
constexpr unsigned kLanes = 16 / sizeof(T);

template <typename T>
inline T lane(const V128& v, unsigned i) {
  T x;
  std::memcpy(&x, v.bytes + (i % kLanes<T>) * sizeof(T), sizeof(T));
  return x;
}

template <typename T>
inline void setLane(V128& v, unsigned i, T x) {
  std::memcpy(v.bytes + (i % kLanes<T>) * sizeof(T), &x, sizeof(T));
}

// The type unsigned arithmetic on lane type T should happen in: at least
// unsigned int, so uint8_t/uint16_t never promote to (overflowable) int.
template <typename T>
using Wide = std::conditional_t<(sizeof(T) < sizeof(unsigned)), unsigned, T>;

// All ones when `b`, else zero: the lane result of a comparison.
template <typename T>
inline T mask(bool b) {
  return b ? static_cast<T>(~T{0}) : T{0};
}

// r[i] = f(a[i]) over lanes of T.
template <typename T, typename F>
inline V128 map1(const V128& a, F f) {
  V128 r;
  for (unsigned i = 0; i < kLanes<T>; ++i) setLane<T>(r, i, static_cast<T>(f(lane<T>(a, i))));
  return r;
}

// r[i] = f(a[i], b[i]) over lanes of T.
template <typename T, typename F>
inline V128 map2(const V128& a, const V128& b, F f) {
  V128 r;
  for (unsigned i = 0; i < kLanes<T>; ++i)
    setLane<T>(r, i, static_cast<T>(f(lane<T>(a, i), lane<T>(b, i))));
  return r;
}

template <typename T>
inline V128 splat(T x) {
  V128 r;
  for (unsigned i = 0; i < kLanes<T>; ++i) setLane<T>(r, i, x);
  return r;
}

}  // namespace detail
}  // namespace wasmcap::interp::simd
