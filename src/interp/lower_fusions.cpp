// The fused forms of memory accesses and of the operations around them:
// each rewrites the instruction(s) lowering just emitted (see the tables in
// superinstructions.cpp and the instruction layouts in code.h).
#include "interp/lowerer.h"

namespace wasmcap::interp::lowering {


// An f64 operation whose operand b the previous instruction, a plain
// f64.load, just loaded (into the accumulator, by takeFromAcc): the load
// becomes part of the operation.
bool Lowerer::lowerLoadOperand(const binary::Instr& ins, const PendingResult& prev) {
  std::optional<InternalOp> fused;
  size_t form = 0;  // 0: [address][offset], 1: [address][imm][offset], 2: [address]
  switch (ins.op) {
#define WASMCAP_L(X, name)                           \
  case Opcode::name:                                 \
    if (prev.base == handlerIndex(Opcode::F64Load)) {                      \
      fused = InternalOp::name##Load;                                      \
    } else if (prev.base == handlerIndex(InternalOp::F64LoadAddImm)) {     \
      fused = InternalOp::name##LoadAddImm;                                \
      form = 1;                                                            \
    } else if (prev.base == handlerIndex(InternalOp::F64LoadAbs)) {        \
      fused = InternalOp::name##LoadAbs;                                   \
      form = 2;                                                            \
    }                                                                      \
    break;
    WASMCAP_LOAD_OPERAND_BINOPS(WASMCAP_L, unused)
#undef WASMCAP_L
    default:
      break;
  }
  static constexpr size_t kCells[3] = {4, 5, 3};  // of the load
  if (!fused || prev.accMode != 0 || prev.codeEnd != code_.size() || prev.codeEnd - prev.handlerCell != kCells[form] ||
      stack_[stack_.size() - 2].isConst) {
    return false;
  }
  return fuseLoadedOperand(ins, prev.handlerCell, *fused, ValType::f64());
}

// The load at `h` (the last instruction) and the operation `ins` taking its
// value as operand b become `fused` [dst][a][the load's address cells].
bool Lowerer::fuseLoadedOperand(const binary::Instr& ins, size_t h, InternalOp fused, ValType result) {
  std::vector<uint64_t> address;
  for (size_t c = h + 2; c < code_.size(); ++c) address.push_back(code_[c].u);
  rawPop();  // b: the loaded value, no longer in any slot
  uint32_t a = pop().src;
  rewriteFrom(h, ins);
  size_t at = emitOp(fused);
  emitDst(push(result));
  noteAccInstr(at, handlerIndex(fused), 0);
  emitU(a);
  for (uint64_t c : address) emitU(c);
  return true;
}

// SIMD pairs: a plain v128.load (or one at an i32.add address) feeding the
// operation right after it as operand b becomes that operation's operand;
// a multiply whose product the next add takes becomes a multiply-add. The
// previous instruction's result must be a temporary only this one reads.
bool Lowerer::lowerSimdPair(const binary::Instr& ins, const PendingResult& prev) {
  if (!prev.valid || prev.codeEnd != code_.size() || prev.stackDepth != stack_.size() || stack_.size() < 2 ||
      ins.info->sig != "VV:V") {
    return false;
  }
  const Entry& top = stack_.back();
  const Entry& below = stack_[stack_.size() - 2];
  size_t h = prev.handlerCell != SIZE_MAX ? prev.handlerCell : prev.start;
  if (top.isConst || below.isConst || top.src != top.slot || code_[prev.dstCell].u != top.slot ||
      prev.dstCell != h + 1) {
    return false;
  }
  auto is = [&](size_t handler, size_t cells) {
    return code_[h].handler == handlers_[handler] && prev.codeEnd - h == cells;
  };
  std::optional<InternalOp> fused;
  switch (ins.op) {
#define WASMCAP_M(X, name, mul, add)                                        \
  case Opcode::add:                                                        \
    if (is(handlerIndex(Opcode::mul), 4)) fused = InternalOp::name;         \
    break;
    WASMCAP_SIMD_MUL_ADDS(WASMCAP_M, unused)
#undef WASMCAP_M
    default:
      break;
  }
  if (fused) {
    // [mul][t][x][y] then add(below, t): a + x * y with a = below.
    uint64_t x = code_[h + 2].u, y = code_[h + 3].u;
    rawPop();
    uint32_t a = pop().src;
    rewriteFrom(h, ins);
    size_t at = emitOp(*fused);
    emitDst(push(ValType::v128()));
    noteAccInstr(at, handlerIndex(*fused), 0);
    emitU(a);
    emitU(x);
    emitU(y);
    return true;
  }
  bool plain = is(handlerIndex(Opcode::V128Load), 4), added = is(handlerIndex(InternalOp::V128LoadAdd), 5);
  if (!plain && !added) return false;
  // add(x * y, load), the multiply computed into a temporary right before
  // the load: [fused##Load][dst][x][y][address][offset].
  const PendingResult* mul = plain ? temporaryFrom(h, below.src) : nullptr;
  if (mul && h - mul->handlerCell == 4) {
    size_t m = mul->handlerCell;
    switch (ins.op) {
#define WASMCAP_M(X, name, mulOp, add)                                               \
  case Opcode::add:                                                                 \
    if (code_[m].handler == handlers_[handlerIndex(Opcode::mulOp)]) fused = InternalOp::name##Load; \
    break;
      WASMCAP_SIMD_MUL_ADDS(WASMCAP_M, unused)
#undef WASMCAP_M
      default:
        break;
    }
    if (fused) {
      uint64_t x = code_[m + 2].u, y = code_[m + 3].u, address = code_[h + 2].u, offset = code_[h + 3].u;
      rawPop();
      rawPop();
      rewriteFrom(m, ins);
      size_t at = emitOp(*fused);
      emitDst(push(ValType::v128()));
      noteAccInstr(at, handlerIndex(*fused), 0);
      for (uint64_t c : {x, y, address, offset}) emitU(c);
      return true;
    }
  }
  switch (ins.op) {
#define WASMCAP_L(X, name)                                                       \
  case Opcode::name:                                                            \
    fused = plain ? InternalOp::name##Load : InternalOp::name##LoadAdd;          \
    break;
    WASMCAP_SIMD_LOAD_OPERAND_BINOPS(WASMCAP_L, unused)
#undef WASMCAP_L
    default:
      return false;
  }
  return fuseLoadedOperand(ins, h, *fused, ValType::v128());
}

// A v128.store of the value the previous instruction computed from a
// v128.load, at the address it loaded from (y[i] = f(y[i])): that
// instruction stores its result back itself (its cells unchanged).
bool Lowerer::lowerSimdStoreBack(const binary::Instr& ins, const PendingResult& prev) {
  if (ins.op != Opcode::V128Store || ins.mem.memory != 0 || addressType(0) != ValType::i32() || !prev.valid ||
      prev.handlerCell == SIZE_MAX || prev.codeEnd != code_.size() || prev.stackDepth != stack_.size()) {
    return false;
  }
  size_t h = prev.handlerCell;
  std::optional<InternalOp> back;
  size_t addressCell = 0;
#define WASMCAP_L(X, name)                                                                        \
  if (prev.base == handlerIndex(InternalOp::name##Load)) back = InternalOp::name##LoadStore, addressCell = h + 3;
  WASMCAP_SIMD_LOAD_OPERAND_BINOPS(WASMCAP_L, unused)
#undef WASMCAP_L
#define WASMCAP_M(X, name, mul, add) \
  if (prev.base == handlerIndex(InternalOp::name##Load)) back = InternalOp::name##LoadStore, addressCell = h + 4;
  WASMCAP_SIMD_MUL_ADDS(WASMCAP_M, unused)
#undef WASMCAP_M
  const Entry& value = stack_.back();
  const Entry& addr = stack_[stack_.size() - 2];
  if (!back || addressCell + 2 != prev.codeEnd || prev.dstCell != h + 1 || value.isConst ||
      value.src != code_[h + 1].u || addr.isConst || addr.src != code_[addressCell].u ||
      ins.mem.offset != code_[addressCell + 1].u) {
    return false;
  }
  code_[h].handler = handlers_[handlerIndex(*back)];
  rawPop();
  rawPop();
  return true;
}

// An f64.store of the F64AddLoad (or F64AddLoadAbs) just computed, at the
// address it loaded from: one read-modify-write instruction.
// x[i] = x[i] - e (or + e): the f64.load of x[i] came before the pure f64
// arithmetic computing e, and the subtraction just put its result in the
// accumulator for this store to the same address. The load moves past that
// arithmetic (which reads no memory and cannot trap) into one
// read-modify-write taking e from the accumulator.
bool Lowerer::lowerLoadedEarlierBack(const binary::Instr& ins, const PendingResult& prev) {
  bool sub = prev.base == handlerIndex(Opcode::F64Sub);
  if ((!sub && prev.base != handlerIndex(Opcode::F64Add)) || prev.accMode != kAccB || prev.handlerCell == SIZE_MAX ||
      prev.codeEnd != code_.size() || prev.codeEnd - prev.handlerCell != 4) {
    return false;
  }
  size_t h = prev.handlerCell;
  uint64_t t = code_[h + 2].u;  // [sub][dst][a: the loaded x[i]][b: e in the accumulator]
  const Entry addr = stack_[stack_.size() - 2];
  if (addr.isConst || t < ctrls_.front().base) return false;
  auto pure = [&](size_t base) {
    switch (base) {
#define WASMCAP_P(name) case handlerIndex(Opcode::name): case handlerIndex(InternalOp::name##Imm):
      WASMCAP_P(F64Add) WASMCAP_P(F64Sub) WASMCAP_P(F64Mul) WASMCAP_P(F64Div)
#undef WASMCAP_P
      case handlerIndex(InternalOp::F64SubRImm): case handlerIndex(InternalOp::F64DivRImm):
      case handlerIndex(Opcode::F64Sqrt): case handlerIndex(Opcode::F64Neg): case handlerIndex(Opcode::F64Abs):
        return true;
      default:
        return false;
    }
  };
  size_t end = h;
  const PendingResult* load = nullptr;
  for (size_t i = 0; i + 1 < recent_.size() && !load; ++i) {
    const PendingResult* r = resultEndingAt(end);
    if (!r) return false;
    if (code_[r->handlerCell].handler == handlers_[handlerIndex(Opcode::F64Load)] && end - r->handlerCell == 4 &&
        r->dstCell == r->handlerCell + 1) {
      load = r;
    } else if (!pure(r->base)) {
      return false;
    } else {
      end = r->handlerCell;
    }
  }
  if (!load || end == h) return false;  // (end == h: nothing computed e)
  size_t l = load->handlerCell;
  // [F64Load][t][address][offset]: the value the sub reads, from the address
  // and offset of this store (the address entry still reads that slot, so
  // nothing wrote it since).
  if (code_[l + 1].u != t || code_[l + 2].u != addr.src || code_[l + 3].u != ins.mem.offset) return false;
  rawPop();
  rawPop();
  rewriteFrom(h, ins);
  eraseCells(l, 4);
  emitOp(sub ? InternalOp::F64SubRmwAccB : InternalOp::F64AddRmwAccB);
  emitU(addr.src);
  emitU(ins.mem.offset);
  return true;
}

bool Lowerer::lowerAddBack(const binary::Instr& ins, const PendingResult& prev) {
  if (ins.op != Opcode::F64Store || ins.mem.memory != 0 || prev.codeEnd != code_.size()) return false;
  if (addressType(0) == ValType::i32() && lowerLoadedEarlierBack(ins, prev)) return true;
  const Entry addr = stack_[stack_.size() - 2];
  bool abs = prev.base == handlerIndex(InternalOp::F64AddLoadAbs);
  if (!abs && prev.base != handlerIndex(InternalOp::F64AddLoad)) return false;
  size_t h = prev.handlerCell;
  if (prev.codeEnd - h != (abs ? 4u : 5u)) return false;
  if (abs) {
    // [F64AddLoadAbs][dst][a][ea]: the store's constant address + offset must be ea.
    if (!addr.isConst || uint64_t{static_cast<uint32_t>(addr.imm)} + ins.mem.offset != code_[h + 3].u) return false;
  } else {
    // [F64AddLoad][dst][a][address][offset]: the same address slot and offset.
    if (addr.isConst || addr.src != code_[h + 3].u || ins.mem.offset != code_[h + 4].u) return false;
  }
  uint64_t a = code_[h + 2].u;
  rawPop();  // the sum, never materialized
  rawPop();
  // The addend a, when it is a temporary the instruction right before the
  // load computed, is passed on without its slot: a multiply joins the
  // read-modify-write (x[i] += y * z), anything else hands it over in the
  // accumulator.
  const PendingResult* producer = temporaryFrom(h, a);
  if (producer && !abs) {
    size_t p = producer->handlerCell;
    std::optional<InternalOp> fused;
    auto is = [&](auto handler, size_t cells) {
      return code_[p].handler == handlers_[handlerIndex(handler)] && h - p == cells;
    };
    if (is(Opcode::F64Mul, 4)) fused = InternalOp::F64MulRmw;
    if (is(InternalOp::F64MulAccA, 4)) fused = InternalOp::F64MulRmwAccA;
    if (is(InternalOp::F64MulLoad, 5)) fused = InternalOp::F64MulLoadRmw;
    if (is(InternalOp::F64MulLoadAddImm, 6)) fused = InternalOp::F64MulLoadAddImmRmw;
    if (fused) {
      // [mul][dst][operands...]: the operands stay, the product is never stored.
      std::vector<uint64_t> operands;
      for (size_t c = p + 2; c < h; ++c) operands.push_back(code_[c].u);
      rewriteFrom(p, ins);
      emitOp(*fused);
      for (uint64_t c : operands) emitU(c);
      emitU(addr.src);
      emitU(ins.mem.offset);
      return true;
    }
  }
  rewriteFrom(h, ins);
  if (takeEarlierFromAcc(h, a)) {
    emitOp(abs ? InternalOp::F64AddRmwAbsAccA : InternalOp::F64AddRmwAccA);
  } else {
    emitOp(abs ? InternalOp::F64AddRmwAbs : InternalOp::F64AddRmw);
  }
  emitU(a);
  if (abs) {
    emitU(uint64_t{static_cast<uint32_t>(addr.imm)} + ins.mem.offset);
  } else {
    emitU(addr.src);
    emitU(ins.mem.offset);
  }
  return true;
}

// An operation (xor, add) whose operand b the previous instruction computed as a
// shift or rotation by a constant (into the accumulator, by takeFromAcc):
// one instruction a op (x shift imm). Operand a, when the instruction before
// computed it, comes in the accumulator in turn (Σ0 = three rotations and
// two xors becomes a rotation and two fused xors).
bool Lowerer::lowerShiftedOperand(const binary::Instr& ins, const PendingResult& prev, unsigned shifted) {
  std::optional<InternalOp> fused = shiftedOperandVariant(ins.op, prev.base);
  size_t h = prev.handlerCell;
  // (The fused operations are commutative: a shift that computed operand a
  // makes the other operand a.)
  size_t other = stack_.size() - (shifted == kAccB ? 2 : 1);
  if (!fused || prev.codeEnd != code_.size() || prev.codeEnd - h != 4 || prev.dstCell != h + 1 ||
      (prev.accMode & ~unsigned{kAccA}) != 0 || stack_[other].isConst) {
    return false;
  }
  // The shift [h][dst][x][imm], x possibly in the accumulator.
  uint64_t x = code_[h + 2].u, imm = code_[h + 3].u;
  uint32_t a = 0;
  if (shifted == kAccB) {
    rawPop();
    a = pop().src;
  } else {
    a = pop().src;
    rawPop();
  }
  rewriteFrom(h, ins);
  unsigned mode = 0;
  if (prev.accMode & kAccA) {
    mode = kAccB;  // x comes from the shift's own producer
    producer_ = {prev.producerCell, prev.producerBase, prev.producerMode};
  } else if (takeEarlierFromAcc(h, a)) {
    mode = kAccA;
  }
  size_t at = emitOp(*fused);
  emitDst(push(sigType(ins.info->sig.back(), 0)));
  noteAccInstr(at, handlerIndex(*fused), mode);
  emitU(a);
  emitU(x);
  emitU(imm);
  return true;
}

// A plain load or store at a constant address (static data): the address
// and the offset become one immediate.
bool Lowerer::lowerConstantAddress(const binary::Instr& ins, const PendingResult& prev) {
  if (ins.info->imm != Imm::Memarg || ins.mem.memory != 0 || addressType(0) != ValType::i32()) return false;
  std::optional<InternalOp> abs = absoluteVariant(ins.op);
  if (!abs) return false;
  bool isStore = ins.info->sig.find(':') + 1 == ins.info->sig.size();
  const Entry& addr = stack_[stack_.size() - (isStore ? 2 : 1)];
  if (!addr.isConst) return false;
  // Below 2^33: inside the guarded reservation, like any i32 address + offset.
  uint64_t ea = uint64_t{static_cast<uint32_t>(addr.imm)} + ins.mem.offset;
  if (isStore) {
    bool fromAcc = takeFromAcc(prev, stack_.size() - 1, handlerIndex(*abs), kAccB);
    if (fromAcc && (producer_.mode & kToSlotAndAcc) == 0 && lowerAddBack(ins, prev)) return true;
    uint32_t value = pop().src;
    rawPop();
    size_t at = emitOp(*abs);
    if (fromAcc) code_[at].handler = handlers_[*accVariant(handlerIndex(*abs), kAccB)];
    emitU(value);
  } else {
    ValType t = sigType(ins.info->sig[ins.info->sig.size() - 1], 0);
    rawPop();
    size_t at = emitOp(*abs);
    emitDst(push(t));
    noteAccInstr(at, handlerIndex(*abs), 0);
  }
  emitU(ea);
  return true;
}

// A plain load or store whose address the previous instruction computed
// with i32.add (or i32.add of a constant) into the address's own slot: the
// add is dropped and the access computes a + b itself, wrapping to 32 bits
// exactly as the add did.
bool Lowerer::lowerAddressedAccess(const binary::Instr& ins, const PendingResult& prev) {
  if (ins.info->imm != Imm::Memarg || ins.mem.memory != 0 || addressType(0) != ValType::i32()) return false;
  if (!prev.valid || prev.op != Opcode::I32Add || prev.codeEnd != code_.size() ||
      prev.dstCell != prev.start + 1 || code_.size() - prev.start != 4) {
    return false;
  }
  std::optional<InternalOp> fused = addressedVariant(ins.op, prev.immOperand);
  if (!fused) return false;
  bool isStore = ins.info->sig.find(':') + 1 == ins.info->sig.size();
  size_t addrIndex = stack_.size() - (isStore ? 2 : 1);
  const Entry& addr = stack_[addrIndex];
  if (prev.stackDepth != addrIndex + 1 || addr.isConst || addr.src != addr.slot ||
      code_[prev.dstCell].u != addr.slot) {
    return false;
  }
  // A stored value must already be where it is read (a constant would need
  // code after the add).
  if (isStore && stack_.back().isConst) return false;
  uint64_t a = code_[prev.start + 2].u, b = code_[prev.start + 3].u;
  undoAccOperand(prev);
  rewriteFrom(prev.start, ins);
  if (isStore) {
    uint32_t value = pop().src;
    rawPop();
    emitOp(*fused);
    emitU(a);
    emitU(b);
    emitU(value);
  } else {
    ValType t = sigType(ins.info->sig[ins.info->sig.size() - 1], 0);
    rawPop();
    size_t at = emitOp(*fused);
    emitDst(push(t));
    noteAccInstr(at, handlerIndex(*fused), 0);
    emitU(a);
    emitU(b);
  }
  emitU(ins.mem.offset);
  return true;
}

// A compare-and-branch on a byte just loaded into the accumulator
// (`variant`, its cells a and b) against a constant (scanning for a
// delimiter) or another value (comparing two strings), eq or ne: the load
// joins the jump. Returns where the fused jump starts.
std::optional<size_t> Lowerer::fuseByteCompareJump(const PendingResult& prev, InternalOp variant, uint64_t a,
                                                   uint64_t b, unsigned accOperand) {
  bool withImm = variant == InternalOp::JumpIfI32EqImmAccA || variant == InternalOp::JumpIfI32NeImmAccA;
  bool eq = variant == InternalOp::JumpIfI32EqImmAccA || variant == InternalOp::JumpIfI32EqAccA ||
            variant == InternalOp::JumpIfI32EqAccB;
  bool ne = variant == InternalOp::JumpIfI32NeImmAccA || variant == InternalOp::JumpIfI32NeAccA ||
            variant == InternalOp::JumpIfI32NeAccB;
  bool plain = fedByLoad(prev, handlerIndex(Opcode::I32Load8U), 4, prev.start);
  bool added = fedByLoad(prev, handlerIndex(InternalOp::I32Load8UAdd), 5, prev.start);
  if (!(eq || ne) || !(plain || added)) return std::nullopt;
  size_t p = prev.producerCell;
  std::vector<uint64_t> load;  // [dst][address...][offset]
  for (size_t c = p + 1; c < prev.start; ++c) load.push_back(code_[c].u);
  // The compared operand: the immediate, or the slot not in the accumulator
  // (eq and ne being symmetric, the byte may have been either side).
  uint64_t other = withImm || accOperand == kAccA ? b : a;
  truncateCode(p);
  static constexpr InternalOp kForms[2][2][2] = {
      {{InternalOp::JumpIfLoad8UNe, InternalOp::JumpIfLoad8UEq},
       {InternalOp::JumpIfLoad8UAddNe, InternalOp::JumpIfLoad8UAddEq}},
      {{InternalOp::JumpIfLoad8UNeImm, InternalOp::JumpIfLoad8UEqImm},
       {InternalOp::JumpIfLoad8UAddNeImm, InternalOp::JumpIfLoad8UAddEqImm}}};
  size_t at = emitOp(kForms[withImm][added][eq]);
  for (uint64_t c : load) emitU(c);
  emitU(other);
  return at;
}

}  // namespace wasmcap::interp::lowering
