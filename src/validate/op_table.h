// Per-opcode typing data for the validator, derived once from the opcode
// table (ir/opcodes.def): the fixed stack signature parsed from its "sig"
// string, and the lane count of lane-indexed SIMD instructions.
#pragma once
#include <cstdint>

#include "ir/opcode.h"
#include "ir/types.h"

namespace wasmcap::validate {

// Type codes the validator uses besides the real ones (never in a module).
inline constexpr ir::TypeCode kUnknownCode = static_cast<ir::TypeCode>(0x00);  // bottom: matches anything
inline constexpr ir::TypeCode kAddrCode = static_cast<ir::TypeCode>(0x01);     // 'a': the memory's address type

inline constexpr ir::ValType kUnknown{kUnknownCode};

struct OpSig {
  bool fixed = false;  // false for "*": the validator types the instruction by hand
  uint8_t numParams = 0;
  uint8_t numResults = 0;
  bool usesAddr = false;  // a parameter or result is the address type
  uint8_t laneCount = 0;  // Lane / MemargLane immediates: lanes in the shape
  ir::ValType params[4];
  ir::ValType results[2];
};

// The table indexed by opcode; hot loops keep this pointer.
const OpSig* opSigTable();
inline const OpSig& opSig(ir::Opcode op) { return opSigTable()[static_cast<size_t>(op)]; }

}  // namespace wasmcap::validate
