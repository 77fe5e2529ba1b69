// Which internal instruction replaces an instruction or a sequence: the
// tables behind lowering's fusions (constant operands, fused addresses,
// compare-and-branch, loop steps) and the accumulator variants (AccMode in
// code.h). Pure functions of handler indices and opcodes.
#pragma once
#include <cstddef>
#include <optional>

#include "interp/code.h"

namespace wasmcap::interp {

// The handler index of `base` (a numeric op, an immediate form, a plain load
// or store, or a fused f64 operation with a loaded operand) in AccMode
// `mode`; none when it has no such variant.
std::optional<size_t> accVariant(size_t base, unsigned mode);

// name##Imm for an operation with a constant second operand.
std::optional<InternalOp> immVariant(ir::Opcode op);
// name##RImm for a non-commutative operation with a constant first operand.
std::optional<InternalOp> reversedImmVariant(ir::Opcode op);
// The operation computing op(b, a) as X(a, b): the same operation when it is
// commutative, the mirrored comparison otherwise.
std::optional<ir::Opcode> swappedOperands(ir::Opcode op);

// A load or store whose address is an i32.add (imm: of a constant), or a constant.
std::optional<InternalOp> addressedVariant(ir::Opcode op, bool imm);
std::optional<InternalOp> absoluteVariant(ir::Opcode op);
// A plain store of a constant value (name##Imm).
std::optional<InternalOp> storeImmVariant(ir::Opcode op);

// A comparison fused with the conditional jump that consumes it (whenTrue:
// jump when it holds), with a register or an immediate second operand.
std::optional<InternalOp> fusedCompare(ir::Opcode op, bool whenTrue);
std::optional<InternalOp> fusedCompareImm(ir::Opcode op, bool whenTrue);
// A fused compare-and-jump with operand a or b (AccMode bit) in the accumulator.
std::optional<InternalOp> jumpAccVariant(InternalOp op, unsigned mode);
// `op` whose operand b is computed by the immediate form `shift` (a handler
// index) right before it, as one instruction [dst][a][x][imm].
std::optional<InternalOp> shiftedOperandVariant(ir::Opcode op, size_t shift);
// A jump preceded by `steps` (1 to 3) I32AddImm steps (I32AddImm, I32AddImm2, I32AddImm3).
std::optional<InternalOp> stepJumpVariant(InternalOp op, size_t steps);
// A jump preceded by a plain i32.add [dst][a][b].
std::optional<InternalOp> addJumpVariant(InternalOp op);

}  // namespace wasmcap::interp
