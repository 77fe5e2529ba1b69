// Lowering walks a validated body once with binary::InstrReader, keeping a
// model of the operand stack (type and frame slot of every entry) and of the
// control stack. Each instruction becomes one internal instruction naming its
// slots directly; structured control becomes relative jumps, with explicit
// moves only when a branch carries values whose slots differ from the
// target's. Code after an unconditional branch is skipped until the matching
// `else`/`end`. The fused forms are in lower_fusions.cpp.
#include "interp/lower.h"

#include "interp/lowerer.h"

namespace wasmcap::interp {
namespace lowering {

Result<std::unique_ptr<CompiledFunction>> Lowerer::run() {
  uint32_t slot = 0;
  for (ValType t : type_.params) {
    localSlot_.push_back(slot);
    localType_.push_back(t);
    slot += t.slots();
  }
  uint32_t paramSlots = slot;
  for (ValType t : fn_.locals) {
    localSlot_.push_back(slot);
    localType_.push_back(t);
    slot += t.slots();
  }
  height_ = maxHeight_ = slot;
  knownZero_.assign(localSlot_.size(), false);
  for (size_t i = type_.params.size(); i < knownZero_.size(); ++i) knownZero_[i] = true;

  Ctrl f;
  f.kind = CtrlKind::Func;
  f.results = type_.results;
  f.stackBase = 0;
  f.base = slot;
  f.dest = 0;
  ctrls_.push_back(std::move(f));

  binary::InstrReader reader(m_, fn_.body);
  if (checkOp_) {
    offsets_.emplace_back(0, static_cast<uint32_t>(reader.offset()));  // (a trap there: the body's start)
    regions_.startFunction(emitCheck());
  }
  binary::Instr ins;
  while (!ctrls_.empty()) {
    if (reader.atEnd()) return Error(ErrorCode::Internal, "function body ended early").at(reader.offset());
    WASMCAP_TRY(reader.next(ins));
    WASMCAP_TRY(lowerInstr(ins));
  }
  if (checkOp_ && regions_.function().costCell != SIZE_MAX) {
    code_[regions_.function().costCell].u = regions_.function().count;
  }

  auto out = std::make_unique<CompiledFunction>();
  out->code = std::move(code_);
  out->funcIndex = funcIndex_;
  out->paramSlots = paramSlots;
  out->localSlots = slot - paramSlots;
  out->resultSlots = slotCount(type_.results);
  out->frameSlots = std::max(maxHeight_, out->resultSlots);
  out->type = &type_;
  out->directCalls = std::move(directCalls_);
  out->tryRegions = std::move(tryRegions_);
  out->offsets = std::move(offsets_);
  return out;
}

Result<void> Lowerer::lowerInstr(const binary::Instr& ins) {
  if (checkOp_) {
    // (Check cells never move: code is only rewritten after the latest label.)
    std::optional<CheckRegions::Region> closed = regions_.count(ins.op);
    if (closed && closed->costCell != SIZE_MAX) code_[closed->costCell].u = closed->count;
  }
  // local.get and scalar constants emit no code, so the previous result
  // stays the last one computed (a store's address before its value);
  // consumers check the stack depth they expect.
  if (ins.op == Opcode::LocalGet || ins.op == Opcode::I32Const || ins.op == Opcode::I64Const ||
      ins.op == Opcode::F32Const || ins.op == Opcode::F64Const) {
    offsets_.emplace_back(static_cast<uint32_t>(code_.size()), static_cast<uint32_t>(ins.offset));
    return lowerOne(ins, result_);
  }
  PendingResult prev = result_;
  result_ = {};
  size_t start = code_.size();
  offsets_.emplace_back(static_cast<uint32_t>(start), static_cast<uint32_t>(ins.offset));
  WASMCAP_TRY(lowerOne(ins, prev));
  if (ins.op == Opcode::LocalTee && code_.size() == start) {
    // The value was computed straight into the local: the instruction that
    // did it is still the last one (consumers see the entry reads the local).
    result_ = prev;
    return {};
  }
  if (result_.valid) {
    result_.start = start;
    if (result_.op == Opcode::Nop) result_.op = ins.op;  // unless lowering chose another
    result_.codeEnd = code_.size();
    result_.stackDepth = stack_.size();
    recent_[recentNext_++ % recent_.size()] = result_;
  }
  return {};
}

namespace {

// A load or store: the instructions addressing memBase.
bool isAccess(const binary::Instr& ins) { return ins.info->imm == Imm::Memarg || ins.info->imm == Imm::MemargLane; }

}  // namespace

Result<void> Lowerer::lowerOne(const binary::Instr& ins, const PendingResult& prev) {
  if (ctrls_.back().unreachable) {
    // Skip dead code, but follow nesting to find this block's else/end.
    switch (ins.op) {
      case Opcode::Block: case Opcode::Loop: case Opcode::If: case Opcode::TryTable:
        ++deadDepth_;
        return {};
      case Opcode::Else:
        if (deadDepth_ == 0) lowerElse();
        return {};
      case Opcode::End:
        if (deadDepth_ > 0) {
          --deadDepth_;
        } else {
          lowerEnd();
        }
        return {};
      default:
        return {};
    }
  }

  if (ins.info->prefix == ir::kPrefixAtomic) {
    lowerAtomic(ins);
    return {};
  }
  if (!classicAddressing_) {
    if (isAccess(ins) && (ins.mem.memory != 0 || addressType(ins.mem.memory) == ValType::i64())) {
      lowerOtherMemoryAccess(ins);
      return {};
    }
    if (lowerWideBulkMemory(ins)) return {};
    const bool grow64 = ins.op == Opcode::TableGrow && m_.tables[ins.index].limits.is64;
    narrowTable64Operands(ins);
    if (grow64) {
      // The 32-bit form's -1 (failure) becomes the i64 -1.
      Entry n = pop(), r = pop();
      uint32_t dst = push(ValType::i64());
      emitOp(Opcode::TableGrow);
      emitU(dst);  // (not emitDst: the result stays in this slot, WidenFailure64 reads it)
      emitU(r.src);
      emitU(n.src);
      emitU(ins.index);
      emitOp(InternalOp::WidenFailure64);
      emitU(dst);
      return {};
    }
  }
  switch (ins.op) {
    case Opcode::Unreachable:
      emitOp(Opcode::Unreachable);
      markUnreachable();
      return {};
    case Opcode::Nop:
      return {};
    case Opcode::Block: case Opcode::Loop: case Opcode::If: case Opcode::TryTable:
      lowerBlock(ins, prev);
      return {};
    case Opcode::Throw: case Opcode::ThrowRef:
      lowerThrow(ins);
      return {};
    case Opcode::Else:
      lowerElse();
      return {};
    case Opcode::End:
      if (ctrls_.back().kind == CtrlKind::Func) redirectResultTo(ctrls_.back(), prev);
      lowerEnd();
      return {};
    case Opcode::Br:
      redirectResultTo(label(ins.index), prev);
      emitBranch(label(ins.index));
      markUnreachable();
      return {};
    case Opcode::BrIf:
      lowerBrIf(ins.index, prev);
      return {};
    case Opcode::BrTable:
      lowerBrTable(*ins.targets, prev);
      return {};
    case Opcode::Return:
      redirectResultTo(ctrls_.front(), prev);
      emitBranch(ctrls_.front());
      markUnreachable();
      return {};
    case Opcode::Call:
      lowerCall(m_.funcType(ins.index), ins.index);
      return {};
    case Opcode::CallIndirect:
      lowerCallIndirect(ins);
      return {};
    case Opcode::ReturnCall:
      lowerReturnCall(m_.funcType(ins.index), ins.index);
      return {};
    case Opcode::ReturnCallIndirect:
      lowerReturnCallIndirect(ins);
      return {};
    case Opcode::CallRef: case Opcode::ReturnCallRef:
      lowerCallRef(ins);
      return {};
    case Opcode::BrOnNull: case Opcode::BrOnNonNull:
      lowerBrOnNull(ins);
      return {};
    case Opcode::RefAsNonNull: {
      Entry a = pop();
      uint32_t dst = push(a.type.asNullable(false));
      emitOp(Opcode::RefAsNonNull);
      emitDst(dst);
      emitU(a.src);
      return {};
    }
    case Opcode::Drop:
      rawPop();
      return {};
    case Opcode::Select: case Opcode::SelectT: {
      Entry c = pop(), b = pop(), a = pop();
      ValType t = ins.op == Opcode::SelectT ? ins.types->at(0) : a.type;
      uint32_t dst = push(t);
      emitOp(t.isVec() ? InternalOp::Select128 : InternalOp::Select64);
      emitDst(dst);
      emitU(a.src);
      emitU(b.src);
      emitU(c.src);
      return {};
    }
    case Opcode::LocalGet: {
      ValType t = localType_[ins.index];
      push(t);
      stack_.back().src = localSlot_[ins.index];
      return {};
    }
    case Opcode::LocalSet: case Opcode::LocalTee:
      lowerLocalWrite(ins.index, ins.op == Opcode::LocalTee, prev);
      return {};
    case Opcode::GlobalGet: {
      ValType t = m_.globalTypes[ins.index].type;
      uint32_t dst = push(t);
      emitOp(t.isVec() ? InternalOp::GlobalGet128 : InternalOp::GlobalGet64);
      emitDst(dst);
      emitU(ins.index);
      return {};
    }
    case Opcode::GlobalSet: {
      Entry e = pop();
      emitOp(e.type.isVec() ? InternalOp::GlobalSet128 : InternalOp::GlobalSet64);
      emitU(ins.index);
      emitU(e.src);
      return {};
    }
    case Opcode::I32Const: case Opcode::I64Const: case Opcode::F32Const: case Opcode::F64Const: {
      bool narrow = ins.op == Opcode::I32Const || ins.op == Opcode::F32Const;
      ValType t = ins.op == Opcode::I32Const   ? ValType::i32()
                  : ins.op == Opcode::I64Const ? ValType::i64()
                  : ins.op == Opcode::F32Const ? ValType::f32()
                                               : ValType::f64();
      pushConst(t, narrow ? static_cast<uint32_t>(ins.bits) : ins.bits);
      return {};
    }
    case Opcode::V128Const: {
      uint32_t dst = push(ValType::v128());
      uint64_t lo, hi;
      std::memcpy(&lo, ins.v128, 8);
      std::memcpy(&hi, ins.v128 + 8, 8);
      emitOp(InternalOp::Const128);
      emitDst(dst);
      emitU(lo);
      emitU(hi);
      return {};
    }
    case Opcode::RefNull:
      pushConst(ins.refType, 0);
      return {};
    case Opcode::RefIsNull: {
      Entry a = pop();
      uint32_t dst = push(ValType::i32());
      emitOp(Opcode::RefIsNull);
      emitDst(dst);
      emitU(a.src);
      return {};
    }
    case Opcode::RefFunc: {
      uint32_t dst = push(ValType::funcref());
      emitOp(Opcode::RefFunc);
      emitDst(dst);
      emitU(ins.index);
      return {};
    }
    case Opcode::TableGet: {
      Entry i = pop();
      uint32_t dst = push(m_.tables[ins.index].elem);
      emitOp(Opcode::TableGet);
      emitDst(dst);
      emitU(i.src);
      emitU(ins.index);
      return {};
    }
    case Opcode::TableSet: {
      Entry r = pop(), i = pop();
      emitOp(Opcode::TableSet);
      emitU(i.src);
      emitU(r.src);
      emitU(ins.index);
      return {};
    }
    case Opcode::TableSize: {
      uint32_t dst = push(m_.tables[ins.index].limits.is64 ? ValType::i64() : ValType::i32());
      emitOp(Opcode::TableSize);
      emitDst(dst);
      emitU(ins.index);
      return {};
    }
    case Opcode::TableGrow: {
      Entry n = pop(), r = pop();
      uint32_t dst = push(ValType::i32());
      emitOp(Opcode::TableGrow);
      emitDst(dst);
      emitU(r.src);
      emitU(n.src);
      emitU(ins.index);
      return {};
    }
    case Opcode::TableFill: {
      Entry n = pop(), r = pop(), i = pop();
      emitOp(Opcode::TableFill);
      emitU(i.src);
      emitU(r.src);
      emitU(n.src);
      emitU(ins.index);
      return {};
    }
    case Opcode::TableCopy: case Opcode::TableInit: case Opcode::MemoryCopy: {
      Entry n = pop(), s = pop(), d = pop();
      emitOp(ins.op);
      emitU(d.src);
      emitU(s.src);
      emitU(n.src);
      emitU(ins.index);
      emitU(ins.index2);
      return {};
    }
    default:
      break;
  }
  if (ins.info->sig == "*") {
    return Error(ErrorCode::Unsupported, "interpreter: unsupported instruction " + std::string(ins.info->name))
        .at(ins.offset);
  }
  lowerFixedSig(ins, prev);
  return {};
}

// Every instruction with a fixed signature: [handler][result][operands][immediates].
void Lowerer::lowerFixedSig(const binary::Instr& ins, const PendingResult& prev) {
  if (lowerSimdStoreBack(ins, prev) || lowerAddressedAccess(ins, prev)) return;
  std::string_view sig = ins.info->sig;
  size_t colon = sig.find(':');
  std::string_view params = sig.substr(0, colon), results = sig.substr(colon + 1);
  uint32_t memory = ins.info->imm == Imm::Memarg || ins.info->imm == Imm::MemargLane ? ins.mem.memory : ins.index;

  if (lowerConstantAddress(ins, prev)) return;
  if (std::optional<InternalOp> storeImm = storeImmVariant(ins.op);
      storeImm && ins.mem.memory == 0 && addressType(0) == ValType::i32() && stack_.back().isConst) {
    // A constant stored (flags, zeroing): the value is an immediate.
    uint64_t value = rawPop().imm;
    uint32_t address = pop().src;
    emitOp(*storeImm);
    emitU(address);
    emitU(value);
    emitU(ins.mem.offset);
    return;
  }
  // A constant first operand: swap the operands (mirroring a comparison) to
  // fold the constant as the immediate second operand.
  if (params.size() == 2 && !stack_.back().isConst && stack_[stack_.size() - 2].isConst) {
    std::optional<Opcode> swapped = swappedOperands(ins.op);
    // Otherwise the reversed form name##RImm, if the operation has one.
    bool reversed = !swapped;
    std::optional<InternalOp> immOp = reversed ? reversedImmVariant(ins.op) : immVariant(*swapped);
    if (reversed) swapped = ins.op;
    if (immOp) {
      unsigned mode = takeFromAcc(prev, stack_.size() - 1, handlerIndex(*immOp), kAccA) ? unsigned{kAccA} : 0u;
      uint32_t b = pop().src;
      uint64_t imm = rawPop().imm;
      size_t at = emitOp(*immOp);
      emitDst(push(sigType(results[0], memory)));
      noteAccInstr(at, handlerIndex(*immOp), mode);
      result_.immOperand = !reversed;  // name##Imm (fusable like one), not name##RImm
      result_.op = *swapped;
      emitU(b);
      emitU(imm);
      return;
    }
  }
  if (params.size() == 2 && stack_.back().isConst) {
    if (std::optional<InternalOp> immOp = immVariant(ins.op)) {
      unsigned mode = takeFromAcc(prev, stack_.size() - 2, handlerIndex(*immOp), kAccA) ? unsigned{kAccA} : 0u;
      uint64_t imm = rawPop().imm;
      uint32_t a = pop().src;
      size_t at = emitOp(*immOp);
      emitDst(push(sigType(results[0], memory)));
      noteAccInstr(at, handlerIndex(*immOp), mode);
      result_.immOperand = true;
      emitU(a);
      emitU(imm);
      return;
    }
  }
  unsigned mode = 0;
  if (results.size() == 1 && params.size() <= 2) {
    for (size_t i = 0; i < params.size() && mode == 0; ++i) {
      unsigned bit = i == 0 ? kAccA : kAccB;
      if (takeFromAcc(prev, stack_.size() - params.size() + i, handlerIndex(ins.op), bit)) mode = bit;
    }
  } else if (results.empty() && params.size() == 2 && takeFromAcc(prev, stack_.size() - 1, handlerIndex(ins.op), kAccB)) {
    mode = kAccB;  // a plain store of the value just computed
  }
  // (Not when the operand was also tee'd into a local: that write must stay.)
  if (lowerSimdPair(ins, prev)) return;
  if (mode != 0 && (producer_.mode & kToSlotAndAcc) == 0 && lowerShiftedOperand(ins, prev, mode)) return;
  if (mode == kAccB && (producer_.mode & kToSlotAndAcc) == 0 &&
      (lowerLoadOperand(ins, prev) || lowerAddBack(ins, prev))) {
    return;
  }
  uint32_t operands[4] = {};
  for (size_t i = params.size(); i-- > 0;) operands[i] = pop().src;
  size_t at = emitOp(ins.op);
  for (char r : results) emitDst(push(sigType(r, memory)));
  if (results.size() == 1 && (accVariant(handlerIndex(ins.op), kToAcc) || mode == 0)) {
    noteAccInstr(at, handlerIndex(ins.op), mode);  // (also without variants: later fusions look it up)
  } else if (mode != 0) {
    code_[at].handler = handlers_[*accVariant(handlerIndex(ins.op), mode)];  // a store: nothing reads it later
  }
  for (size_t i = 0; i < params.size(); ++i) emitU(operands[i]);

  switch (ins.info->imm) {
    case Imm::Memarg:
      emitU(ins.mem.offset);
      break;
    case Imm::MemargLane:
      emitU(ins.mem.offset);
      emitU(ins.lane);
      break;
    case Imm::Lane:
      emitU(ins.lane);
      break;
    case Imm::Shuffle: {
      uint64_t lo, hi;
      std::memcpy(&lo, ins.v128, 8);
      std::memcpy(&hi, ins.v128 + 8, 8);
      emitU(lo);
      emitU(hi);
      break;
    }
    case Imm::Memory:
      emitU(ins.index);
      break;
    case Imm::MemoryInit:
      emitU(ins.index);
      emitU(ins.index2);
      break;
    case Imm::Data: case Imm::Elem:
      emitU(ins.index);
      break;
    default:
      break;
  }
}


void Lowerer::lowerLocalWrite(uint32_t index, bool tee, const PendingResult& prev) {
  uint32_t local = localSlot_[index];
  Entry& top = stack_.back();
  bool stillZero = index < knownZero_.size() && knownZero_[index];
  if (top.isConst && top.imm == 0 && stillZero && !top.type.isVec()) {
    // Declared locals start at zero: setting one to zero before any other
    // write or any loop changes nothing (and it stays zero).
    if (!tee) rawPop();
    return;
  }
  if (index < knownZero_.size()) knownZero_[index] = false;
  if (top.isConst) {
    // Entries still reading the old value need their own copy first.
    for (size_t i = 0; i + 1 < stack_.size(); ++i) {
      if (stack_[i].src == local) materialize(stack_[i]);
    }
    emitConst(local, stack_.back().imm);
    if (!tee) rawPop();
    return;
  }
  // The value was just computed into its own slot by the previous
  // instruction: compute it straight into the local instead.
  bool redirect = prev.valid && prev.codeEnd == code_.size() && prev.stackDepth == stack_.size() &&
                  top.src == top.slot && code_[prev.dstCell].u == top.slot;
  if (redirect) {
    for (size_t i = 0; i + 1 < stack_.size(); ++i) {
      if (stack_[i].src == local) redirect = false;  // would be clobbered before it is read
    }
  }
  if (redirect) {
    code_[prev.dstCell].u = local;
    mergeAddImmIntoLocal(prev);
    if (tee) {
      top.src = local;
    } else {
      pop();
    }
    return;
  }
  Entry e = tee ? top : pop();
  // Entries still reading the old value of the local need their own copy.
  if (tee) {
    for (size_t i = 0; i + 1 < stack_.size(); ++i) {
      if (stack_[i].src == local) materialize(stack_[i]);
    }
  } else {
    materializeLocal(local);
  }
  if (e.src != local) emitMove(local, e.src, e.type);
  if (tee) stack_.back().src = local;
}

void Lowerer::lowerBlock(const binary::Instr& ins, const PendingResult& prev) {
  // A loop may run the writes that follow more than once. Code in a block or
  // an if is reached only from code before it, where the local was not written.
  if (ins.op == Opcode::Loop) knownZero_.clear();
  Ctrl c;
  c.kind = ins.op == Opcode::Loop ? CtrlKind::Loop : ins.op == Opcode::If ? CtrlKind::If : CtrlKind::Block;
  switch (ins.block.kind) {
    case binary::BlockType::Kind::Empty:
      break;
    case binary::BlockType::Kind::Value:
      c.results.push_back(ins.block.type);
      break;
    case binary::BlockType::Kind::Index: {
      const ir::FuncType& ft = m_.types[ins.block.index].func;
      c.params = ft.params;
      c.results = ft.results;
      break;
    }
  }
  Entry cond{};
  if (c.kind == CtrlKind::If) cond = pop();
  // Inside the block, values below it must not depend on locals the block may
  // write (a loop would re-run the copy), and params must sit in their slots.
  materializeAll();
  c.stackBase = stack_.size() - c.params.size();
  c.base = c.params.empty() ? height_ : stack_[c.stackBase].slot;
  c.dest = c.base;
  if (ins.op == Opcode::TryTable) emitCatchPads(ins, c);
  c.loopStart = code_.size();
  if (c.kind == CtrlKind::Loop) {
    markLabel();
    // Back edges jump to the check, and falling in runs it once.
    if (checkOp_) regions_.setLoopCostCell(emitCheck());
  }
  if (c.kind == CtrlKind::If) {
    size_t at = emitCondJump(cond, false, prev);
    c.elseFixup = {at, code_.size()};
    emitU(0);
  }
  ctrls_.push_back(std::move(c));
}

void Lowerer::lowerElse() {
  Ctrl& c = ctrls_.back();
  if (!c.unreachable) {
    materializeAll();
    size_t at = mergeStepIntoJump(emitOp(InternalOp::Jump), InternalOp::Jump);
    emitTarget(at, c);
  }
  patch(c.elseFixup, code_.size());
  markLabel();
  c.elseFixup = {};
  c.kind = CtrlKind::Else;
  c.unreachable = false;
  resetStack(c, c.params);
}

void Lowerer::lowerEnd() {
  Ctrl& c = ctrls_.back();
  if (c.kind == CtrlKind::Func) {
    if (!c.unreachable) emitBranch(c);
    ctrls_.pop_back();
    return;
  }
  // Fallthrough values sit exactly at the block's base once copied out of
  // any locals they still read.
  if (!c.unreachable) materializeAll();
  size_t here = code_.size();
  markLabel();
  if (c.tryRegion >= 0) {
    TryRegion& r = openTries_[static_cast<size_t>(c.tryRegion)];
    r.end = static_cast<uint32_t>(here);
    tryRegions_.push_back(std::move(r));
  }
  if (c.elseFixup.valid()) patch(c.elseFixup, here);
  for (const Fixup& f : c.fixups) patch(f, here);
  resetStack(c, c.results);
  ctrls_.pop_back();
}

void Lowerer::lowerBrIf(uint32_t depth, const PendingResult& prev) {
  Entry cond = pop();
  Ctrl& t = label(depth);
  if (t.kind != CtrlKind::Func && !needsMoves(t)) {
    size_t at = emitCondJump(cond, true, prev);
    emitTarget(at, t);
    return;
  }
  size_t at = emitCondJump(cond, false, prev);
  Fixup skip{at, code_.size()};
  emitU(0);
  emitBranch(t);
  patch(skip, code_.size());
  markLabel();
}

// A jump taken when `cond` is non-zero (whenTrue) or zero, without its
// target cell. When the previous instruction computed `cond` with an integer
// comparison (or i32.eqz), the two are fused into one instruction.
size_t Lowerer::emitCondJump(const Entry& cond, bool whenTrue, const PendingResult& prev) {
  bool fusable = prev.valid && cond.src == cond.slot && prev.codeEnd == code_.size() &&
                 prev.stackDepth == stack_.size() + 1 && code_[prev.dstCell].u == cond.slot &&
                 prev.dstCell == prev.start + 1;
  // A comparison whose operand came in the accumulator keeps it there.
  unsigned accOperand = prev.accMode & (kAccA | kAccB);
  if (fusable && prev.op == Opcode::I32Eqz && code_.size() - prev.start == 3) {
    uint64_t a = code_[prev.start + 2].u;
    truncateCode(prev.start);
    size_t at = emitOp(accOperand != 0 ? (whenTrue ? InternalOp::JumpUnlessAcc : InternalOp::JumpIfAcc)
                                       : (whenTrue ? InternalOp::JumpUnless : InternalOp::JumpIf));
    emitU(a);
    return at;
  }
  std::optional<InternalOp> fused = !fusable            ? std::nullopt
                                    : prev.immOperand ? fusedCompareImm(prev.op, whenTrue)
                                                      : fusedCompare(prev.op, whenTrue);
  if (fused && code_.size() - prev.start == 4) {
    uint64_t a = code_[prev.start + 2].u, b = code_[prev.start + 3].u;
    std::optional<InternalOp> variant = accOperand != 0 ? jumpAccVariant(*fused, accOperand) : fused;
    if (!variant) {
      undoAccOperand(prev);
      variant = fused;
    }
    if (std::optional<size_t> at = fuseByteCompareJump(prev, *variant, a, b, accOperand)) return *at;
    truncateCode(prev.start);
    size_t at = emitOp(*variant);
    emitU(a);
    emitU(b);
    return mergeStepIntoJump(at, *variant);
  }
  // Otherwise the condition the previous instruction just computed can come
  // in the accumulator (the entry was the top of the stack).
  bool fromAcc = takeEntryFromAcc(prev, cond, stack_.size());
  InternalOp op = fromAcc ? (whenTrue ? InternalOp::JumpIfAcc : InternalOp::JumpUnlessAcc)
                          : (whenTrue ? InternalOp::JumpIf : InternalOp::JumpUnless);
  size_t at = emitOp(op);
  emitU(cond.src);
  return mergeStepIntoJump(at, op);
}

void Lowerer::lowerBrTable(const std::vector<uint32_t>& targets, const PendingResult& prev) {
  Entry index = pop();
  size_t at = SIZE_MAX;
  // An index computed by an i32.add of a constant right before (a switch
  // over a range not starting at zero): the add becomes part of the table.
  if (!index.isConst && index.src == index.slot && prev.valid && prev.codeEnd == code_.size() &&
      prev.stackDepth == stack_.size() + 1 && prev.base == handlerIndex(InternalOp::I32AddImm) &&
      prev.handlerCell != SIZE_MAX && prev.codeEnd - prev.handlerCell == 4 && code_[prev.dstCell].u == index.slot &&
      (prev.accMode & ~unsigned{kAccA}) == 0) {
    size_t h = prev.handlerCell;
    uint64_t a = code_[h + 2].u, imm = code_[h + 3].u;
    // switch (*p): the byte loaded right before the add joins the table.
    bool s8 = fedByLoad(prev, handlerIndex(Opcode::I32Load8S), 4, h);
    bool u8 = fedByLoad(prev, handlerIndex(Opcode::I32Load8U), 4, h);
    if ((prev.accMode & kAccA) && (s8 || u8)) {
      size_t p = prev.producerCell;
      uint64_t dst = code_[p + 1].u, address = code_[p + 2].u, offset = code_[p + 3].u;
      truncateCode(p);
      at = emitOp(s8 ? InternalOp::JumpTableLoad8SAddImm : InternalOp::JumpTableLoad8UAddImm);
      for (uint64_t c : {dst, address, offset, imm}) emitU(c);
    } else {
      truncateCode(h);  // (the add keeps its entry in offsets_: a table cannot trap)
      at = emitOp(prev.accMode & kAccA ? InternalOp::JumpTableAddImmAcc : InternalOp::JumpTableAddImm);
      emitU(a);
      emitU(imm);
    }
  } else {
    bool fromAcc = takeEntryFromAcc(prev, index, stack_.size());
    at = emitOp(fromAcc ? InternalOp::JumpTableAcc : InternalOp::JumpTable);
    emitU(index.src);
  }
  emitU(targets.size() - 1);
  size_t first = code_.size();
  for (size_t i = 0; i < targets.size(); ++i) emitU(0);
  std::map<uint32_t, size_t> stubs;  // label depth -> stub doing its moves
  for (size_t i = 0; i < targets.size(); ++i) {
    Ctrl& t = label(targets[i]);
    size_t cell = first + i;
    if (t.kind != CtrlKind::Func && !needsMoves(t)) {
      if (t.kind == CtrlKind::Loop) {
        code_[cell].s = static_cast<int64_t>(t.loopStart) - static_cast<int64_t>(at);
      } else {
        t.fixups.push_back({at, cell});
      }
      continue;
    }
    auto it = stubs.find(targets[i]);
    if (it == stubs.end()) {
      markLabel();
      it = stubs.emplace(targets[i], code_.size()).first;
      emitBranch(t);
    }
    code_[cell].s = static_cast<int64_t>(it->second) - static_cast<int64_t>(at);
  }
  markUnreachable();
}

void Lowerer::lowerCall(const ir::FuncType& ft, uint32_t funcIndex) {
  materializeTop(ft.params.size());
  uint32_t argSlot = popN(ft.params.size());
  if (m_.isImportedFunc(funcIndex)) {
    emitOp(Opcode::Call);
  } else {
    // With checks, the call runs the callee's entry check (a call-heavy
    // program would otherwise pay a dispatch per call for it).
    InternalOp call = InternalOp::CallDirect;
    if (checkOp_) {
      call = *checkOp_ == InternalOp::CheckFuel        ? InternalOp::CallDirectFuel
             : *checkOp_ == InternalOp::CheckInterrupt ? InternalOp::CallDirectInterrupt
                                                       : InternalOp::CallDirectFuelInterrupt;
    }
    emitOp(call);
    directCalls_.push_back(code_.size());
  }
  emitU(funcIndex);
  emitU(argSlot);
  for (ValType t : ft.results) push(t);
  maxHeight_ = std::max(maxHeight_, argSlot + slotCount(ft.params));
}

// [type][table][arg slot][index slot] of call_indirect and
// return_call_indirect; returns the argument slot.
uint32_t Lowerer::emitIndirectCall(Opcode op, const binary::Instr& ins, const ir::FuncType& ft) {
  Entry index = pop();
  materializeTop(ft.params.size());
  uint32_t argSlot = popN(ft.params.size());
  emitOp(op);
  emitU(ins.index);
  emitU(ins.index2);
  emitU(argSlot);
  emitU(index.src);
  return argSlot;
}

void Lowerer::lowerCallIndirect(const binary::Instr& ins) {
  const ir::FuncType& ft = m_.types[ins.index].func;
  uint32_t argSlot = emitIndirectCall(Opcode::CallIndirect, ins, ft);
  for (ValType t : ft.results) push(t);
  maxHeight_ = std::max(maxHeight_, argSlot + slotCount(ft.params) + 1);
}

// A load or store of memory N > 0 runs the memory-0 form between UseMemory
// [N], which points memBase at memory N, and UseMemory0, which points it
// back: code for memory 0 stays as it is. One of a 64-bit memory is preceded
// by CheckAddress64, which traps unless the whole access lies inside the
// memory; a 64-bit memory is at most 4 GiB (runtime::Memory), so the address
// then fits the 32-bit form's. Labels on both sides keep the fusions, which
// assume memory 0 and 32-bit addresses, from reaching into the sequence, and
// the access leaves no result for them to fuse with.
void Lowerer::lowerOtherMemoryAccess(const binary::Instr& ins) {
  const uint32_t memory = ins.mem.memory;
  markLabel();
  if (memory != 0) {
    emitOp(InternalOp::UseMemory);
    emitU(memory);
  }
  if (addressType(memory) == ValType::i64()) {
    std::string_view sig = ins.info->sig;
    Entry& address = stack_[stack_.size() - sig.find(':')];  // the first operand
    if (address.isConst) materialize(address);
    emitOp(InternalOp::CheckAddress64);
    emitU(address.src);
    emitU(ins.mem.offset);
    emitU(uint64_t{1} << ins.info->alignLog2);  // the bytes accessed
    emitU(memory);
  }
  markLabel();
  lowerFixedSig(ins, PendingResult{});
  if (memory != 0) emitOp(InternalOp::UseMemory0);
  markLabel();
  result_ = {};
}

// table64: the table instructions (and call_indirect) keep their 32-bit
// handlers; each i64 index or count of a 64-bit table is first narrowed in
// its slot by Narrow64, which turns anything above 2^32-1 into 2^32-1. No
// table reaches 2^32-1 elements (runtime::Limits::maxTableElements), so that
// index is out of bounds and that count too large exactly as the original.
void Lowerer::narrowTable64Operands(const binary::Instr& ins) {
  auto is64 = [&](uint32_t table) { return m_.tables[table].limits.is64; };
  // Operand positions from the top of the stack that are 64-bit.
  std::vector<size_t> wide;
  switch (ins.op) {
    case Opcode::TableGet: if (is64(ins.index)) wide = {0}; break;
    case Opcode::TableSet: if (is64(ins.index)) wide = {1}; break;
    case Opcode::TableGrow: if (is64(ins.index)) wide = {0}; break;
    case Opcode::TableFill: if (is64(ins.index)) wide = {0, 2}; break;
    case Opcode::TableInit: if (is64(ins.index2)) wide = {2}; break;
    case Opcode::TableCopy:
      if (is64(ins.index)) wide.push_back(2);   // destination
      if (is64(ins.index2)) wide.push_back(1);  // source
      if (is64(ins.index) && is64(ins.index2)) wide.push_back(0);  // count
      break;
    case Opcode::CallIndirect: case Opcode::ReturnCallIndirect: if (is64(ins.index2)) wide = {0}; break;
    default: break;
  }
  for (size_t k : wide) {
    Entry& e = stack_[stack_.size() - 1 - k];
    if (e.isConst) {
      e.imm = std::min<uint64_t>(e.imm, 0xFFFFFFFF);
      continue;
    }
    emitOp(InternalOp::Narrow64);
    emitU(e.slot);
    emitU(e.src);
    e.src = e.slot;
  }
}

// memory.grow, fill, copy and init with a 64-bit memory: their own handlers
// read 64-bit operands (the 32-bit ones are left as they are).
bool Lowerer::lowerWideBulkMemory(const binary::Instr& ins) {
  auto wide = [&](uint32_t memory) { return addressType(memory) == ValType::i64(); };
  switch (ins.op) {
    case Opcode::MemoryGrow: {
      if (!wide(ins.index)) return false;
      uint32_t delta = pop().src;
      emitOp(InternalOp::MemoryGrow64);
      emitDst(push(ValType::i64()));
      emitU(delta);
      emitU(ins.index);
      return true;
    }
    case Opcode::MemoryFill: {
      if (!wide(ins.index)) return false;
      uint32_t n = pop().src, v = pop().src, d = pop().src;
      emitOp(InternalOp::MemoryFill64);
      for (uint64_t c : {uint64_t{d}, uint64_t{v}, uint64_t{n}, uint64_t{ins.index}}) emitU(c);
      return true;
    }
    case Opcode::MemoryInit: {
      if (!wide(ins.index2)) return false;
      uint32_t n = pop().src, s = pop().src, d = pop().src;
      emitOp(InternalOp::MemoryInit64);
      for (uint64_t c : {uint64_t{d}, uint64_t{s}, uint64_t{n}, uint64_t{ins.index}, uint64_t{ins.index2}}) emitU(c);
      return true;
    }
    case Opcode::MemoryCopy: {
      bool dst64 = wide(ins.index), src64 = wide(ins.index2);
      if (!dst64 && !src64) return false;
      // The count has the narrower of the two address types.
      auto mask = [](bool is64) { return is64 ? ~uint64_t{0} : uint64_t{0xFFFFFFFF}; };
      uint32_t n = pop().src, s = pop().src, d = pop().src;
      emitOp(InternalOp::MemoryCopy64);
      for (uint64_t c : {uint64_t{d}, uint64_t{s}, uint64_t{n}, uint64_t{ins.index}, uint64_t{ins.index2},
                         mask(dst64), mask(src64), mask(dst64 && src64)}) {
        emitU(c);
      }
      return true;
    }
    default:
      return false;
  }
}

// The arguments go to consecutive slots as for a call; the handler moves
// them to slot 0 of this frame and runs the callee in it, so a chain of tail
// calls uses one frame and no interpreter or native stack.
void Lowerer::lowerReturnCall(const ir::FuncType& ft, uint32_t funcIndex) {
  materializeTop(ft.params.size());
  uint32_t argSlot = popN(ft.params.size());
  if (m_.isImportedFunc(funcIndex)) {
    emitOp(Opcode::ReturnCall);
    emitU(funcIndex);
  } else {
    emitOp(InternalOp::ReturnCallDirect);
    directCalls_.push_back(code_.size());
    emitU(funcIndex);
  }
  emitU(argSlot);
  emitU(slotCount(ft.params));
  emitU(slotCount(ft.results));
  maxHeight_ = std::max(maxHeight_, argSlot + slotCount(ft.params));
  markUnreachable();
}

void Lowerer::lowerReturnCallIndirect(const binary::Instr& ins) {
  const ir::FuncType& ft = m_.types[ins.index].func;
  uint32_t argSlot = emitIndirectCall(Opcode::ReturnCallIndirect, ins, ft);
  emitU(slotCount(ft.params));
  emitU(slotCount(ft.results));
  maxHeight_ = std::max(maxHeight_, argSlot + slotCount(ft.params) + 1);
  markUnreachable();
}

// call_ref [ref slot][arg slot]; return_call_ref [ref slot][arg slot]
// [param slots][result slots]. The reference is read before the callee's
// frame (at the argument slot, below it) is entered.
void Lowerer::lowerCallRef(const binary::Instr& ins) {
  const ir::FuncType& ft = m_.types[ins.index].func;
  Entry ref = pop();
  materializeTop(ft.params.size());
  uint32_t argSlot = popN(ft.params.size());
  emitOp(ins.op);
  emitU(ref.src);
  emitU(argSlot);
  maxHeight_ = std::max(maxHeight_, argSlot + slotCount(ft.params) + 1);
  if (ins.op == Opcode::CallRef) {
    for (ValType t : ft.results) push(t);
    return;
  }
  emitU(slotCount(ft.params));
  emitU(slotCount(ft.results));
  markUnreachable();
}

// br_on_null l: [ref][rel] jumps when the reference is null (dropping it);
// br_on_non_null l: [ref][rel] jumps when it is not (carrying it). Each
// opcode's handler is also the other's inverse: a branch needing moves
// skips them with the inverse test.
void Lowerer::lowerBrOnNull(const binary::Instr& ins) {
  const bool onNull = ins.op == Opcode::BrOnNull;
  Entry ref = pop();
  if (!onNull) {
    // The reference travels with the branch: back on the stack for the moves.
    push(ref.type.asNullable(false));
    stack_.back().src = ref.src;
  }
  Ctrl& t = label(ins.index);
  if (t.kind != CtrlKind::Func && !needsMoves(t)) {
    size_t at = emitOp(ins.op);
    emitU(ref.src);
    emitTarget(at, t);
  } else {
    size_t at = emitOp(onNull ? Opcode::BrOnNonNull : Opcode::BrOnNull);
    emitU(ref.src);
    Fixup skip{at, code_.size()};
    emitU(0);
    emitBranch(t);
    patch(skip, code_.size());
    markLabel();
  }
  if (onNull) {
    push(ref.type.asNullable(false));
    stack_.back().src = ref.src;
  } else {
    rawPop();
  }
}

// Before a try_table's body, jumped over: one landing pad per catch clause,
// the branch to its label as if the values it carries had been pushed at
// the try_table's base (where the unwinder writes them: the body's slots
// are dead once it is left). Labels are resolved outside the try_table.
void Lowerer::emitCatchPads(const binary::Instr& ins, Ctrl& c) {
  TryRegion region;
  region.dest = c.base;
  size_t over = emitOp(InternalOp::Jump);
  Fixup skip{over, code_.size()};
  emitU(0);
  std::vector<Entry> saved = stack_;
  uint32_t savedHeight = height_;
  for (const binary::Catch& clause : *ins.catches) {
    markLabel();
    CatchClause cc;
    cc.kind = static_cast<uint8_t>(clause.kind);
    cc.tag = clause.tag;
    cc.pad = static_cast<uint32_t>(code_.size());
    stack_.resize(c.stackBase);
    height_ = c.base;
    if (clause.kind == binary::Catch::Kind::Catch || clause.kind == binary::Catch::Kind::CatchRef) {
      for (ValType t : m_.types[m_.tags[clause.tag].typeIndex].func.params) push(t);
    }
    if (clause.kind == binary::Catch::Kind::CatchRef || clause.kind == binary::Catch::Kind::CatchAllRef) {
      push(ValType::exnref());
    }
    emitBranch(label(clause.label));
    region.clauses.push_back(cc);
    stack_ = saved;
    height_ = savedHeight;
  }
  patch(skip, code_.size());
  markLabel();
  region.start = static_cast<uint32_t>(code_.size());
  c.tryRegion = static_cast<int>(openTries_.size());
  openTries_.push_back(std::move(region));
}

// throw [tag][arg slot]; throw_ref [exnref slot].
void Lowerer::lowerThrow(const binary::Instr& ins) {
  if (ins.op == Opcode::ThrowRef) {
    Entry e = pop();
    emitOp(Opcode::ThrowRef);
    emitU(e.src);
  } else {
    const ir::FuncType& ft = m_.types[m_.tags[ins.index].typeIndex].func;
    materializeTop(ft.params.size());
    uint32_t argSlot = popN(ft.params.size());
    maxHeight_ = std::max(maxHeight_, argSlot + slotCount(ft.params));
    emitOp(Opcode::Throw);
    emitU(ins.index);
    emitU(argSlot);
  }
  markUnreachable();
}

}  // namespace lowering

Result<std::unique_ptr<CompiledFunction>> lowerFunction(const ir::Module& module, uint32_t funcIndex,
                                                        const void* const* handlers,
                                                        const runtime::CodeOptions& options) {
  return lowering::Lowerer(module, funcIndex, handlers, options).run();
}

}  // namespace wasmcap::interp
