#include "interp/superinstructions.h"

namespace wasmcap::interp {

using ir::Opcode;

std::optional<size_t> accVariant(size_t base, unsigned mode) {
  if (mode == 0) return base;
  // By mode: the offset of the variant from the family's first one (see the
  // enum order in code.h), -1 for none.
  static constexpr int8_t kFull[16] = {-1, 0, 1, -1, 2, 3, 4, -1, -1, -1, -1, -1, -1, -1, -1, -1};
  static constexpr int8_t kImm[16] = {-1, 0, -1, -1, 1, 2, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1};
  static constexpr int8_t kLoad[16] = {-1, -1, -1, -1, 0, -1, -1, -1, 4, -1, -1, -1, -1, -1, -1, -1};
  static constexpr int8_t kToAccOnly[16] = {-1, -1, -1, -1, 0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1};
  static constexpr int8_t kStore[16] = {-1, -1, 0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1};
  size_t first = 0;
  const int8_t* offsets = kFull;
  switch (base) {
#define WASMCAP_FAMILY(base, firstVariant, table) \
  case handlerIndex(base):                        \
    first = handlerIndex(firstVariant);           \
    offsets = table;                              \
    break;
#define NUMERIC_OP(name) WASMCAP_FAMILY(Opcode::name, InternalOp::name##AccA, kFull)
#include "interp/numeric_ops.inc"
#undef NUMERIC_OP
#define WASMCAP_IMM_FAMILIES(X, name)                                    \
  WASMCAP_FAMILY(InternalOp::name##Imm, InternalOp::name##ImmAccA, kImm)
    WASMCAP_IMM_BINOPS(WASMCAP_IMM_FAMILIES, unused)
#undef WASMCAP_IMM_FAMILIES
#define WASMCAP_RIMM_FAMILIES(X, name)                                   \
  WASMCAP_FAMILY(InternalOp::name##RImm, InternalOp::name##RImmAccA, kImm)
    WASMCAP_RIMM_BINOPS(WASMCAP_RIMM_FAMILIES, unused)
#undef WASMCAP_RIMM_FAMILIES
#define WASMCAP_LOAD_FAMILIES(X, name)                                              \
  WASMCAP_FAMILY(Opcode::name, InternalOp::name##ToAcc, kLoad)                      \
  WASMCAP_FAMILY(InternalOp::name##Add, InternalOp::name##AddToAcc, kLoad)          \
  WASMCAP_FAMILY(InternalOp::name##AddImm, InternalOp::name##AddImmToAcc, kLoad)    \
  WASMCAP_FAMILY(InternalOp::name##Abs, InternalOp::name##AbsToAcc, kLoad)
    WASMCAP_PLAIN_LOADS(WASMCAP_LOAD_FAMILIES, unused)
#undef WASMCAP_LOAD_FAMILIES
#define WASMCAP_STORE_FAMILIES(X, name)                                             \
  WASMCAP_FAMILY(Opcode::name, InternalOp::name##AccV, kStore)                      \
  WASMCAP_FAMILY(InternalOp::name##Abs, InternalOp::name##AbsAccV, kStore)
    WASMCAP_PLAIN_STORES(WASMCAP_STORE_FAMILIES, unused)
#undef WASMCAP_STORE_FAMILIES
#define WASMCAP_LOAD_OPERAND_FAMILIES(X, name)                                                 \
  WASMCAP_FAMILY(InternalOp::name##Load, InternalOp::name##LoadToAcc, kToAccOnly)              \
  WASMCAP_FAMILY(InternalOp::name##LoadAddImm, InternalOp::name##LoadAddImmToAcc, kToAccOnly)  \
  WASMCAP_FAMILY(InternalOp::name##LoadAbs, InternalOp::name##LoadAbsToAcc, kToAccOnly)
    WASMCAP_LOAD_OPERAND_BINOPS(WASMCAP_LOAD_OPERAND_FAMILIES, unused)
#undef WASMCAP_LOAD_OPERAND_FAMILIES
#define WASMCAP_SHIFTED_FAMILIES(X, name, op, shift) WASMCAP_FAMILY(InternalOp::name, InternalOp::name##AccA, kFull)
    WASMCAP_SHIFTED_OPERAND_BINOPS(WASMCAP_SHIFTED_FAMILIES, unused)
#undef WASMCAP_SHIFTED_FAMILIES
#undef WASMCAP_FAMILY
    default:
      return std::nullopt;
  }
  int8_t offset = mode < 16 ? offsets[mode] : -1;
  if (offset < 0) return std::nullopt;
  return first + static_cast<size_t>(offset);
}

// The operation computing op(b, a) as X(a, b): the same operation when it is
// commutative, the mirrored comparison otherwise.
std::optional<Opcode> swappedOperands(Opcode op) {
  switch (op) {
    case Opcode::I32Add: case Opcode::I32Mul: case Opcode::I32And: case Opcode::I32Or: case Opcode::I32Xor:
    case Opcode::I32Eq: case Opcode::I32Ne: case Opcode::I64Add: case Opcode::I64Mul: case Opcode::I64And:
    case Opcode::I64Or: case Opcode::I64Xor: case Opcode::I64Eq: case Opcode::I64Ne: case Opcode::F32Add:
    case Opcode::F32Mul: case Opcode::F32Eq: case Opcode::F32Ne: case Opcode::F64Add: case Opcode::F64Mul:
    case Opcode::F64Eq: case Opcode::F64Ne:
      return op;
    case Opcode::I32LtS: return Opcode::I32GtS;
    case Opcode::I32GtS: return Opcode::I32LtS;
    case Opcode::I32LtU: return Opcode::I32GtU;
    case Opcode::I32GtU: return Opcode::I32LtU;
    case Opcode::I32LeS: return Opcode::I32GeS;
    case Opcode::I32GeS: return Opcode::I32LeS;
    case Opcode::I32LeU: return Opcode::I32GeU;
    case Opcode::I32GeU: return Opcode::I32LeU;
    case Opcode::I64LtS: return Opcode::I64GtS;
    case Opcode::I64GtS: return Opcode::I64LtS;
    case Opcode::I64LtU: return Opcode::I64GtU;
    case Opcode::I64GtU: return Opcode::I64LtU;
    case Opcode::I64LeS: return Opcode::I64GeS;
    case Opcode::I64GeS: return Opcode::I64LeS;
    case Opcode::I64LeU: return Opcode::I64GeU;
    case Opcode::I64GeU: return Opcode::I64LeU;
    case Opcode::F32Lt: return Opcode::F32Gt;
    case Opcode::F32Gt: return Opcode::F32Lt;
    case Opcode::F32Le: return Opcode::F32Ge;
    case Opcode::F32Ge: return Opcode::F32Le;
    case Opcode::F64Lt: return Opcode::F64Gt;
    case Opcode::F64Gt: return Opcode::F64Lt;
    case Opcode::F64Le: return Opcode::F64Ge;
    case Opcode::F64Ge: return Opcode::F64Le;
    default:
      return std::nullopt;
  }
}

std::optional<InternalOp> absoluteVariant(Opcode op) {
  switch (op) {
#define WASMCAP_A(X, name) \
  case Opcode::name:       \
    return InternalOp::name##Abs;
    WASMCAP_ADDRESSED_ACCESSES(WASMCAP_A, unused)
    WASMCAP_A(unused, V128Load)
    WASMCAP_A(unused, V128Store)
#undef WASMCAP_A
    default:
      return std::nullopt;
  }
}

std::optional<InternalOp> addressedVariant(Opcode op, bool imm) {
  switch (op) {
#define WASMCAP_A(X, name) \
  case Opcode::name:       \
    return imm ? InternalOp::name##AddImm : InternalOp::name##Add;
    WASMCAP_ADDRESSED_ACCESSES(WASMCAP_A, unused)
    WASMCAP_A(unused, V128Load)
    WASMCAP_A(unused, V128Store)
#undef WASMCAP_A
    default:
      return std::nullopt;
  }
}

std::optional<InternalOp> storeImmVariant(Opcode op) {
  switch (op) {
#define WASMCAP_S(X, name) \
  case Opcode::name:       \
    return InternalOp::name##Imm;
    WASMCAP_PLAIN_STORES(WASMCAP_S, unused)
#undef WASMCAP_S
    default:
      return std::nullopt;
  }
}

std::optional<InternalOp> reversedImmVariant(Opcode op) {
  switch (op) {
#define WASMCAP_B(X, name) \
  case Opcode::name:       \
    return InternalOp::name##RImm;
    WASMCAP_RIMM_BINOPS(WASMCAP_B, unused)
#undef WASMCAP_B
    default:
      return std::nullopt;
  }
}

std::optional<InternalOp> immVariant(Opcode op) {
  switch (op) {
#define WASMCAP_B(X, name) \
  case Opcode::name:       \
    return InternalOp::name##Imm;
    WASMCAP_IMM_BINOPS(WASMCAP_B, unused)
#undef WASMCAP_B
    default:
      return std::nullopt;
  }
}

std::optional<InternalOp> fusedCompareImm(Opcode op, bool whenTrue) {
  switch (op) {
#define WASMCAP_C(X, name, T, o, inverse) \
  case Opcode::name:                     \
    return whenTrue ? InternalOp::JumpIf##name##Imm : InternalOp::JumpIf##inverse##Imm;
    WASMCAP_COMPARE_JUMPS(WASMCAP_C, unused)
#undef WASMCAP_C
#define WASMCAP_F(X, name, T, o) \
  case Opcode::name:            \
    return whenTrue ? InternalOp::JumpIf##name##Imm : InternalOp::JumpUnless##name##Imm;
    WASMCAP_FLOAT_COMPARE_JUMPS(WASMCAP_F, unused)
#undef WASMCAP_F
    default:
      return std::nullopt;
  }
}

std::optional<InternalOp> fusedCompare(Opcode op, bool whenTrue) {
  switch (op) {
#define WASMCAP_C(X, name, T, o, inverse) \
  case Opcode::name:                     \
    return whenTrue ? InternalOp::JumpIf##name : InternalOp::JumpIf##inverse;
    WASMCAP_COMPARE_JUMPS(WASMCAP_C, unused)
#undef WASMCAP_C
#define WASMCAP_F(X, name, T, o) \
  case Opcode::name:            \
    return whenTrue ? InternalOp::JumpIf##name : InternalOp::JumpUnless##name;
    WASMCAP_FLOAT_COMPARE_JUMPS(WASMCAP_F, unused)
#undef WASMCAP_F
    default:
      return std::nullopt;
  }
}

// The jump `op` preceded by an I32AddImm (steps = 1), I32AddImm2 or
// I32AddImm3, as one instruction.
std::optional<InternalOp> stepJumpVariant(InternalOp op, size_t steps) {
  auto pick = [steps](InternalOp one, InternalOp two, InternalOp three) {
    return steps == 1 ? one : steps == 2 ? two : three;
  };
  switch (op) {
    case InternalOp::Jump: return pick(InternalOp::I32AddImmJump, InternalOp::I32AddImm2Jump, InternalOp::I32AddImm3Jump);
    case InternalOp::JumpIf:
      return pick(InternalOp::I32AddImmJumpIf, InternalOp::I32AddImm2JumpIf, InternalOp::I32AddImm3JumpIf);
    case InternalOp::JumpUnless:
      return pick(InternalOp::I32AddImmJumpUnless, InternalOp::I32AddImm2JumpUnless, InternalOp::I32AddImm3JumpUnless);
#define WASMCAP_C(X, name, T, o, inverse)                                                             \
  case InternalOp::JumpIf##name:                                                                      \
    return pick(InternalOp::I32AddImmJumpIf##name, InternalOp::I32AddImm2JumpIf##name,                \
                InternalOp::I32AddImm3JumpIf##name);                                                  \
  case InternalOp::JumpIf##name##Imm:                                                                 \
    return pick(InternalOp::I32AddImmJumpIf##name##Imm, InternalOp::I32AddImm2JumpIf##name##Imm,      \
                InternalOp::I32AddImm3JumpIf##name##Imm);
    WASMCAP_COMPARE_JUMPS(WASMCAP_C, unused)
#undef WASMCAP_C
    default:
      return std::nullopt;
  }
}

// The jump `op` preceded by a plain i32.add, as one instruction.
std::optional<InternalOp> addJumpVariant(InternalOp op) {
  switch (op) {
    case InternalOp::Jump: return InternalOp::I32AddJump;
    case InternalOp::JumpIf: return InternalOp::I32AddJumpIf;
    case InternalOp::JumpUnless: return InternalOp::I32AddJumpUnless;
#define WASMCAP_C(X, name, T, o, inverse)                                      \
  case InternalOp::JumpIf##name: return InternalOp::I32AddJumpIf##name;        \
  case InternalOp::JumpIf##name##Imm: return InternalOp::I32AddJumpIf##name##Imm;
    WASMCAP_COMPARE_JUMPS(WASMCAP_C, unused)
#undef WASMCAP_C
    default:
      return std::nullopt;
  }
}

// The fused compare-and-jump `op` with operand a or b (AccMode bit) in the
// accumulator.
std::optional<InternalOp> jumpAccVariant(InternalOp op, unsigned mode) {
  switch (op) {
#define WASMCAP_C(X, name, T, o, inverse)                                                      \
  case InternalOp::JumpIf##name:                                                              \
    return mode == kAccA ? InternalOp::JumpIf##name##AccA : InternalOp::JumpIf##name##AccB;    \
  case InternalOp::JumpIf##name##Imm:                                                         \
    return mode == kAccA ? std::optional<InternalOp>(InternalOp::JumpIf##name##ImmAccA) : std::nullopt;
    WASMCAP_COMPARE_JUMPS(WASMCAP_C, unused)
#undef WASMCAP_C
#define WASMCAP_F(X, name, T, o)                                                                       \
  case InternalOp::JumpIf##name:                                                                      \
    return mode == kAccA ? InternalOp::JumpIf##name##AccA : InternalOp::JumpIf##name##AccB;            \
  case InternalOp::JumpUnless##name:                                                                  \
    return mode == kAccA ? InternalOp::JumpUnless##name##AccA : InternalOp::JumpUnless##name##AccB;    \
  case InternalOp::JumpIf##name##Imm:                                                                 \
    return mode == kAccA ? std::optional<InternalOp>(InternalOp::JumpIf##name##ImmAccA) : std::nullopt; \
  case InternalOp::JumpUnless##name##Imm:                                                             \
    return mode == kAccA ? std::optional<InternalOp>(InternalOp::JumpUnless##name##ImmAccA) : std::nullopt;
    WASMCAP_FLOAT_COMPARE_JUMPS(WASMCAP_F, unused)
#undef WASMCAP_F
    default:
      return std::nullopt;
  }
}

}  // namespace wasmcap::interp

namespace wasmcap::interp {

std::optional<InternalOp> shiftedOperandVariant(Opcode op, size_t shift) {
#define WASMCAP_S(X, name, o, sh) \
  if (op == Opcode::o && shift == handlerIndex(InternalOp::sh##Imm)) return InternalOp::name;
  WASMCAP_SHIFTED_OPERAND_BINOPS(WASMCAP_S, unused)
#undef WASMCAP_S
  return std::nullopt;
}

}  // namespace wasmcap::interp
