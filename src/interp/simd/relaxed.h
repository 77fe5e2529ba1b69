// Relaxed SIMD (WebAssembly 3.0): instructions whose result the spec lets
// the engine choose among a few. wasmcap makes one deterministic choice per
// instruction, the same on every host, so a program computes the same bits
// everywhere:
//   i8x16.relaxed_swizzle          = i8x16.swizzle (an index >= 16 gives 0)
//   i32x4.relaxed_trunc_*          = i32x4.trunc_sat_* (NaN 0, saturating)
//   f32x4/f64x2.relaxed_madd       = a * b + c, not fused (two roundings)
//   f32x4/f64x2.relaxed_nmadd      = -(a * b) + c, not fused
//   *.relaxed_laneselect           = v128.bitselect (every bit of the mask)
//   f32x4/f64x2.relaxed_min/max    = f32x4/f64x2.min/max (NaN and -0 as those)
//   i16x8.relaxed_q15mulr_s        = i16x8.q15mulr_sat_s
//   i16x8.relaxed_dot_i8x16_i7x16_s: both operands signed, the pair sums
//                                    wrapped to 16 bits
//   i32x4.relaxed_dot_i8x16_i7x16_add_s: both operands signed, the four
//                                    products and the addend summed in 32 bits
// The float forms call the 2.0 vector operations, so NaN results are those of
// the scalar instructions.
#pragma once
#include "interp/simd/bitwise.h"
#include "interp/simd/conversions.h"
#include "interp/simd/float_arith.h"
#include "interp/simd/int_arith.h"
#include "interp/simd/lanes.h"

namespace wasmcap::interp::simd {

inline V128 I8x16RelaxedSwizzle(V128 a, V128 s) { return I8x16Swizzle(a, s); }
inline V128 I32x4RelaxedTruncF32x4S(V128 a) { return I32x4TruncSatF32x4S(a); }
inline V128 I32x4RelaxedTruncF32x4U(V128 a) { return I32x4TruncSatF32x4U(a); }
inline V128 I32x4RelaxedTruncF64x2SZero(V128 a) { return I32x4TruncSatF64x2SZero(a); }
inline V128 I32x4RelaxedTruncF64x2UZero(V128 a) { return I32x4TruncSatF64x2UZero(a); }
inline V128 F32x4RelaxedMadd(V128 a, V128 b, V128 c) { return F32x4Add(F32x4Mul(a, b), c); }
inline V128 F32x4RelaxedNmadd(V128 a, V128 b, V128 c) { return F32x4Add(F32x4Neg(F32x4Mul(a, b)), c); }
inline V128 F64x2RelaxedMadd(V128 a, V128 b, V128 c) { return F64x2Add(F64x2Mul(a, b), c); }
inline V128 F64x2RelaxedNmadd(V128 a, V128 b, V128 c) { return F64x2Add(F64x2Neg(F64x2Mul(a, b)), c); }
inline V128 I8x16RelaxedLaneselect(V128 a, V128 b, V128 m) { return V128Bitselect(a, b, m); }
inline V128 I16x8RelaxedLaneselect(V128 a, V128 b, V128 m) { return V128Bitselect(a, b, m); }
inline V128 I32x4RelaxedLaneselect(V128 a, V128 b, V128 m) { return V128Bitselect(a, b, m); }
inline V128 I64x2RelaxedLaneselect(V128 a, V128 b, V128 m) { return V128Bitselect(a, b, m); }
inline V128 F32x4RelaxedMin(V128 a, V128 b) { return F32x4Min(a, b); }
inline V128 F32x4RelaxedMax(V128 a, V128 b) { return F32x4Max(a, b); }
inline V128 F64x2RelaxedMin(V128 a, V128 b) { return F64x2Min(a, b); }
inline V128 F64x2RelaxedMax(V128 a, V128 b) { return F64x2Max(a, b); }
inline V128 I16x8RelaxedQ15mulrS(V128 a, V128 b) { return I16x8Q15mulrSatS(a, b); }

inline V128 I16x8RelaxedDotI8x16I7x16S(V128 a, V128 b) {
  V128 r;
  for (unsigned i = 0; i < 8; ++i) {
    int32_t sum = 0;
    for (unsigned k = 2 * i; k < 2 * i + 2; ++k) {
      sum += int32_t{detail::lane<int8_t>(a, k)} * int32_t{detail::lane<int8_t>(b, k)};
    }
    detail::setLane<uint16_t>(r, i, static_cast<uint16_t>(sum));
  }
  return r;
}

inline V128 I32x4RelaxedDotI8x16I7x16AddS(V128 a, V128 b, V128 c) {
  V128 r;
  for (unsigned i = 0; i < 4; ++i) {
    uint32_t sum = detail::lane<uint32_t>(c, i);
    for (unsigned k = 4 * i; k < 4 * i + 4; ++k) {
      sum += static_cast<uint32_t>(int32_t{detail::lane<int8_t>(a, k)} * int32_t{detail::lane<int8_t>(b, k)});
    }
    detail::setLane<uint32_t>(r, i, sum);
  }
  return r;
}

}  // namespace wasmcap::interp::simd
