// Lane plumbing shared by the SIMD families: reading and writing lane i of a
// V128 (memcpy, so no aliasing or alignment UB), per-lane map helpers, and
// whole-vector views as GCC/Clang vector-extension types.
//
// Lane i of a shape occupies bytes [i*size, (i+1)*size) little-endian, which
// is the host order on every platform wasmcap supports, and also the lane
// order of a vector-extension type, so a V128 and a view share their bytes.
// The families compute on views wherever the operation has a direct
// lane-wise C++ meaning (arithmetic on unsigned lanes wraps; comparisons give
// all-ones/zero lanes), which compilers turn into SIMD instructions; where a
// form needs an instruction plain C++ cannot express, an SSE2 intrinsic is
// used under __SSE2__ with the lane-wise form as the portable fallback.
#pragma once
#include <bit>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "interp/numeric/numeric.h"
#include "runtime/value.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// ---- whole-vector views ------------------------------------------------------
// Signed lanes are only compared and shifted right (arithmetic); arithmetic
// that may overflow happens on the unsigned views.
typedef uint8_t u8x16 __attribute__((vector_size(16)));
typedef int8_t i8x16 __attribute__((vector_size(16)));
typedef uint16_t u16x8 __attribute__((vector_size(16)));
typedef int16_t i16x8 __attribute__((vector_size(16)));
typedef uint32_t u32x4 __attribute__((vector_size(16)));
typedef int32_t i32x4 __attribute__((vector_size(16)));
typedef uint64_t u64x2 __attribute__((vector_size(16)));
typedef int64_t i64x2 __attribute__((vector_size(16)));
typedef float f32x4 __attribute__((vector_size(16)));
typedef double f64x2 __attribute__((vector_size(16)));
// Half vectors: the low or high 8 bytes, for widening.
typedef uint8_t u8x8 __attribute__((vector_size(8)));
typedef int8_t i8x8 __attribute__((vector_size(8)));
typedef uint16_t u16x4 __attribute__((vector_size(8)));
typedef int16_t i16x4 __attribute__((vector_size(8)));
typedef uint32_t u32x2 __attribute__((vector_size(8)));
typedef int32_t i32x2 __attribute__((vector_size(8)));
typedef float f32x2 __attribute__((vector_size(8)));

// The unsigned and signed views of lane type T (given as its unsigned type).
template <typename T> struct ViewOf;
template <> struct ViewOf<uint8_t> { using U = u8x16; using S = i8x16; using HalfU = u8x8; using HalfS = i8x8; };
template <> struct ViewOf<uint16_t> { using U = u16x8; using S = i16x8; using HalfU = u16x4; using HalfS = i16x4; };
template <> struct ViewOf<uint32_t> { using U = u32x4; using S = i32x4; using HalfU = u32x2; using HalfS = i32x2; using F = f32x4; };
template <> struct ViewOf<uint64_t> { using U = u64x2; using S = i64x2; using F = f64x2; };
template <typename T> using UVec = typename ViewOf<T>::U;
template <typename T> using SVec = typename ViewOf<T>::S;
template <typename T> using FVec = typename ViewOf<T>::F;

// Bytes of a V128 as a view, and back. Both compile to register moves.
template <typename Vec>
inline Vec as(const V128& v) {
  Vec x;
  std::memcpy(&x, v.bytes, sizeof x);
  return x;
}
template <typename Vec>
inline V128 fromVec(const Vec& x) {
  static_assert(sizeof(Vec) == 16);
  V128 r;
  std::memcpy(r.bytes, &x, 16);
  return r;
}
// The 8 bytes starting at byte `offset` (0 or 8) as a half view.
template <typename Half>
inline Half half(const V128& v, unsigned offset) {
  Half x;
  std::memcpy(&x, v.bytes + offset, sizeof x);
  return x;
}

// Reinterpret a view as another of the same size (a bit copy).
template <typename To, typename From>
inline To bitsAs(const From& x) {
  static_assert(sizeof(To) == sizeof(From));
  To r;
  std::memcpy(&r, &x, sizeof r);
  return r;
}

// Bits of `a` where `m` is 1, of `b` where it is 0 (m: a comparison mask).
template <typename Vec, typename Mask>
inline Vec select(const Mask& m, const Vec& a, const Vec& b) {
  Mask ma = bitsAs<Mask>(a), mb = bitsAs<Mask>(b);
  return bitsAs<Vec>((ma & m) | (mb & ~m));
}

// Every lane of a view set to x.
template <typename Vec, typename T>
inline Vec splatVec(T x) {
  Vec v;
  for (unsigned i = 0; i < sizeof(Vec) / sizeof(v[0]); ++i) v[i] = x;
  return v;
}

template <typename T>
inline V128 splat(T x) {
  return fromVec(splatVec<UVec<T>>(x));
}

// ---- widening and narrowing ------------------------------------------------
template <typename T> struct WiderOf;
template <> struct WiderOf<uint8_t> { using type = uint16_t; };
template <> struct WiderOf<uint16_t> { using type = uint32_t; };
template <> struct WiderOf<uint32_t> { using type = uint64_t; };
template <typename T> using Wider = typename WiderOf<T>::type;

// The lanes of T in the half of v at byte `offset` (0 or 8), sign- or
// zero-extended to lanes twice as wide, as the unsigned view.
template <typename T, bool SignExtend>
inline UVec<Wider<T>> widenHalf(const V128& v, unsigned offset) {
  if constexpr (SignExtend) {
    auto x = __builtin_convertvector(half<typename ViewOf<T>::HalfS>(v, offset), SVec<Wider<T>>);
    return bitsAs<UVec<Wider<T>>>(x);
  } else {
    return __builtin_convertvector(half<typename ViewOf<T>::HalfU>(v, offset), UVec<Wider<T>>);
  }
}

// The lanes of `lo` then those of `hi`, each truncated to lane type T (half
// the width of Wide's lanes).
template <typename T, typename Wide>
inline V128 truncateHalves(const Wide& lo, const Wide& hi) {
  using Half = typename ViewOf<T>::HalfU;
  Half l = __builtin_convertvector(lo, Half), h = __builtin_convertvector(hi, Half);
  V128 r;
  std::memcpy(r.bytes, &l, 8);
  std::memcpy(r.bytes + 8, &h, 8);
  return r;
}

#if defined(__SSE2__)
inline __m128i m128(const V128& v) { return bitsAs<__m128i>(as<u64x2>(v)); }
inline V128 fromM128(__m128i v) { return fromVec(bitsAs<u64x2>(v)); }
#endif

}  // namespace detail
}  // namespace wasmcap::interp::simd
