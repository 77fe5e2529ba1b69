// Building and taking apart vectors: v128.const, splats, extract/replace lane,
// shuffle and swizzle. Scalars use the slot types of interp/numeric (i32 and
// f32 bits as uint32_t, i64 and f64 bits as uint64_t). Lane indices are
// validated immediates; they are still reduced modulo the lane count here so a
// bad index can never reach outside the vector.
#pragma once
#include "interp/simd/lane_access.h"

namespace wasmcap::interp::simd {

// The 16 immediate bytes of v128.const, lane 0 first.
inline V128 V128Const(const uint8_t bytes[16]) {
  V128 r;
  std::memcpy(r.bytes, bytes, 16);
  return r;
}

inline V128 I8x16Splat(uint32_t x) { return detail::splat<uint8_t>(static_cast<uint8_t>(x)); }
inline V128 I16x8Splat(uint32_t x) { return detail::splat<uint16_t>(static_cast<uint16_t>(x)); }
inline V128 I32x4Splat(uint32_t x) { return detail::splat<uint32_t>(x); }
inline V128 I64x2Splat(uint64_t x) { return detail::splat<uint64_t>(x); }
inline V128 F32x4Splat(uint32_t bits) { return detail::splat<uint32_t>(bits); }
inline V128 F64x2Splat(uint64_t bits) { return detail::splat<uint64_t>(bits); }

inline uint32_t I8x16ExtractLaneS(V128 a, uint8_t i) {
  return static_cast<uint32_t>(int32_t{static_cast<int8_t>(detail::lane<uint8_t>(a, i))});
}
inline uint32_t I8x16ExtractLaneU(V128 a, uint8_t i) { return detail::lane<uint8_t>(a, i); }
inline uint32_t I16x8ExtractLaneS(V128 a, uint8_t i) {
  return static_cast<uint32_t>(int32_t{static_cast<int16_t>(detail::lane<uint16_t>(a, i))});
}
inline uint32_t I16x8ExtractLaneU(V128 a, uint8_t i) { return detail::lane<uint16_t>(a, i); }
inline uint32_t I32x4ExtractLane(V128 a, uint8_t i) { return detail::lane<uint32_t>(a, i); }
inline uint64_t I64x2ExtractLane(V128 a, uint8_t i) { return detail::lane<uint64_t>(a, i); }
inline uint32_t F32x4ExtractLane(V128 a, uint8_t i) { return detail::lane<uint32_t>(a, i); }
inline uint64_t F64x2ExtractLane(V128 a, uint8_t i) { return detail::lane<uint64_t>(a, i); }

// replace_lane of the narrow shapes takes the low bits of the i32 operand.
inline V128 I8x16ReplaceLane(V128 a, uint8_t i, uint32_t x) {
  detail::setLane<uint8_t>(a, i, static_cast<uint8_t>(x));
  return a;
}
inline V128 I16x8ReplaceLane(V128 a, uint8_t i, uint32_t x) {
  detail::setLane<uint16_t>(a, i, static_cast<uint16_t>(x));
  return a;
}
inline V128 I32x4ReplaceLane(V128 a, uint8_t i, uint32_t x) {
  detail::setLane<uint32_t>(a, i, x);
  return a;
}
inline V128 I64x2ReplaceLane(V128 a, uint8_t i, uint64_t x) {
  detail::setLane<uint64_t>(a, i, x);
  return a;
}
inline V128 F32x4ReplaceLane(V128 a, uint8_t i, uint32_t bits) {
  detail::setLane<uint32_t>(a, i, bits);
  return a;
}
inline V128 F64x2ReplaceLane(V128 a, uint8_t i, uint64_t bits) {
  detail::setLane<uint64_t>(a, i, bits);
  return a;
}

// r[i] = (a ++ b)[lanes[i]]; lanes are immediates in 0..31.
inline V128 I8x16Shuffle(V128 a, V128 b, const uint8_t lanes[16]) {
  V128 r;
  for (unsigned i = 0; i < 16; ++i) {
    unsigned k = lanes[i] & 31u;
    r.bytes[i] = k < 16 ? a.bytes[k] : b.bytes[k - 16];
  }
  return r;
}

// r[i] = s[i] < 16 ? a[s[i]] : 0; the indices are run-time values.
// Branch-free: every index reads inside a, out-of-range lanes are masked.
inline V128 I8x16Swizzle(V128 a, V128 s) {
  V128 r;
  for (unsigned i = 0; i < 16; ++i) {
    unsigned k = s.bytes[i];
    r.bytes[i] = a.bytes[k & 15u] & static_cast<uint8_t>(0u - (k < 16u));
  }
  return r;
}

}  // namespace wasmcap::interp::simd
