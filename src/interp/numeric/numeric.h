// All scalar numeric instructions of ir/opcodes.def (0x45..0xC4 and the
// 0xFC 0x00..0x07 saturating truncations), one inline function per opcode,
// named exactly like the opcode's enum (I32Add, F64Nearest, I64TruncSatF32U).
//
// Calling convention (so a dispatch loop can expand opcodes.def by `sig`):
//   i -> uint32_t, I -> uint64_t, f -> uint32_t (f32 bits), F -> uint64_t
//   (f64 bits). "ii:i" is uint32_t X(uint32_t, uint32_t), "F:i" is
//   uint32_t X(uint64_t), and so on.
//   Exceptions, which can trap, return Checked<result type> instead (bits.h):
//   I32/I64 DivS, DivU, RemS, RemU and the eight non-saturating *Trunc*F*.
// Everything is pure, header-only and free of UB.
#pragma once
#include "interp/numeric/bits.h"
#include "interp/numeric/conversions.h"
#include "interp/numeric/float_ops.h"
#include "interp/numeric/int_ops.h"
