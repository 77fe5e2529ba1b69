// The pure halves of the SIMD memory instructions. The interpreter performs
// the access itself (address, bounds/guard pages, trap) and hands over, or
// takes back, the accessed bytes as a little-endian value of the access width:
// uint8_t/uint16_t/uint32_t/uint64_t for 1/2/4/8 bytes, a V128 for 16 bytes
// (the width is 1 << alignLog2 of the opcode's entry in opcodes.def).
//   loads         V128 X(uintN loaded)                  v128.load8x8_s, ..._splat, ..._zero
//   lane loads    V128 X(V128 v, uint8_t lane, uintN)   v128.load8_lane: replace lane
//   store         V128 V128Store(V128 v)                the 16 bytes to write
//   lane stores   uintN X(V128 v, uint8_t lane)         v128.store8_lane: extract lane
#pragma once
#include "interp/simd/lane_access.h"

namespace wasmcap::interp::simd {
namespace detail {

// Each of the kLanes<Wide> narrow lanes of `bytes`, extended into a wide lane.
template <typename Narrow, typename Wide, bool Signed>
inline V128 loadExtend(uint64_t bytes) {
  V128 r;
  for (unsigned i = 0; i < kLanes<Wide>; ++i) {
    auto x = static_cast<Narrow>(bytes >> (i * 8 * sizeof(Narrow)));
    if constexpr (Signed) {
      setLane<Wide>(r, i, static_cast<Wide>(static_cast<std::make_signed_t<Wide>>(static_cast<std::make_signed_t<Narrow>>(x))));
    } else {
      setLane<Wide>(r, i, static_cast<Wide>(x));
    }
  }
  return r;
}

}  // namespace detail

inline V128 V128Load(V128 loaded) { return loaded; }
inline V128 V128Store(V128 v) { return v; }

inline V128 V128Load8x8S(uint64_t bytes) { return detail::loadExtend<uint8_t, uint16_t, true>(bytes); }
inline V128 V128Load8x8U(uint64_t bytes) { return detail::loadExtend<uint8_t, uint16_t, false>(bytes); }
inline V128 V128Load16x4S(uint64_t bytes) { return detail::loadExtend<uint16_t, uint32_t, true>(bytes); }
inline V128 V128Load16x4U(uint64_t bytes) { return detail::loadExtend<uint16_t, uint32_t, false>(bytes); }
inline V128 V128Load32x2S(uint64_t bytes) { return detail::loadExtend<uint32_t, uint64_t, true>(bytes); }
inline V128 V128Load32x2U(uint64_t bytes) { return detail::loadExtend<uint32_t, uint64_t, false>(bytes); }

inline V128 V128Load8Splat(uint8_t x) { return detail::splat<uint8_t>(x); }
inline V128 V128Load16Splat(uint16_t x) { return detail::splat<uint16_t>(x); }
inline V128 V128Load32Splat(uint32_t x) { return detail::splat<uint32_t>(x); }
inline V128 V128Load64Splat(uint64_t x) { return detail::splat<uint64_t>(x); }

inline V128 V128Load32Zero(uint32_t x) {
  V128 r;
  detail::setLane<uint32_t>(r, 0, x);
  return r;
}
inline V128 V128Load64Zero(uint64_t x) {
  V128 r;
  detail::setLane<uint64_t>(r, 0, x);
  return r;
}

inline V128 V128Load8Lane(V128 v, uint8_t lane, uint8_t x) {
  detail::setLane<uint8_t>(v, lane, x);
  return v;
}
inline V128 V128Load16Lane(V128 v, uint8_t lane, uint16_t x) {
  detail::setLane<uint16_t>(v, lane, x);
  return v;
}
inline V128 V128Load32Lane(V128 v, uint8_t lane, uint32_t x) {
  detail::setLane<uint32_t>(v, lane, x);
  return v;
}
inline V128 V128Load64Lane(V128 v, uint8_t lane, uint64_t x) {
  detail::setLane<uint64_t>(v, lane, x);
  return v;
}

inline uint8_t V128Store8Lane(V128 v, uint8_t lane) { return detail::lane<uint8_t>(v, lane); }
inline uint16_t V128Store16Lane(V128 v, uint8_t lane) { return detail::lane<uint16_t>(v, lane); }
inline uint32_t V128Store32Lane(V128 v, uint8_t lane) { return detail::lane<uint32_t>(v, lane); }
inline uint64_t V128Store64Lane(V128 v, uint8_t lane) { return detail::lane<uint64_t>(v, lane); }

}  // namespace wasmcap::interp::simd
