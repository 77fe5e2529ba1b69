// All WebAssembly 2.0 SIMD instructions and 3.0's relaxed ones (relaxed.h) (prefix 0xFD in ir/opcodes.def), one
// pure inline function per opcode, named exactly like the opcode's enum
// (I8x16Add, F32x4Min, I16x8Q15mulrSatS, I32x4TruncSatF64x2SZero, ...), in
// namespace wasmcap::interp::simd. Vectors are runtime::V128 (lane i at bytes
// [i*size, (i+1)*size), little-endian); scalars use the slot types of
// interp/numeric: i32 and f32 bits as uint32_t, i64 and f64 bits as uint64_t.
//
// Calling convention by the `sig` column (and immediate kind) of opcodes.def:
//   "V:V"    V128 X(V128)                       unary, conversions, extend
//   "VV:V"   V128 X(V128, V128)                 binary, comparisons, narrow
//   "VVV:V"  V128 X(V128, V128, V128)           bitselect, relaxed madd, laneselect, dot-add
//   "Vi:V"   V128 X(V128, uint32_t count)       shifts (count modulo lane bits)
//   "V:i"    uint32_t X(V128)                   any_true, all_true, bitmask
//   "i:V" "I:V" "f:V" "F:V"  V128 X(scalar)     splats
//   Imm Lane (lane index immediate, after the vector operand):
//     "V:i" "V:I" "V:f" "V:F"  scalar X(V128, uint8_t lane)           extract_lane
//     "Vi:V" "VI:V" "Vf:V" "VF:V"  V128 X(V128, uint8_t lane, scalar)  replace_lane
//   Imm Shuffle  V128 I8x16Shuffle(V128, V128, const uint8_t lanes[16])
//   Imm V128     V128 V128Const(const uint8_t bytes[16])
//   Imm Memarg / MemargLane: see memory.h (the interpreter does the access,
//     these build the vector from the loaded bytes or pick the bytes to store).
//
// Float lanes follow the scalar instructions exactly (they call them), so NaN
// propagation, -0 ordering and rounding are the same in both places.
#pragma once
#include "interp/simd/bitwise.h"
#include "interp/simd/compare.h"
#include "interp/simd/conversions.h"
#include "interp/simd/float_arith.h"
#include "interp/simd/int_arith.h"
#include "interp/simd/int_widen.h"
#include "interp/simd/lanes.h"
#include "interp/simd/memory.h"
#include "interp/simd/relaxed.h"
