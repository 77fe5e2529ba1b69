// The lowering pass's state and helpers, shared by its source files:
// lower.cpp (the walk over a body: control flow, locals, calls, the plain
// instructions) and lower_fusions.cpp (the fused forms that rewrite the
// instructions just emitted). Internal to the interpreter.
#pragma once
#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <string_view>

#include "binary/instr_reader.h"
#include "interp/check_regions.h"
#include "interp/code.h"
#include "interp/superinstructions.h"
#include "ir/module.h"
#include "util/result.h"

namespace wasmcap::interp::lowering {

using ir::Imm;
using ir::Opcode;
using ir::ValType;

// An operand-stack entry. `slot` is its own position in the frame; `src` is
// where its value is now: the same slot, or the slot of the local it was read
// from (local.get emits no code; readers use the local in place until the
// local is written or control flow needs the value at its own position).
// A constant (isConst) is not in any slot yet: it is written where it is
// needed, or folded into an instruction as an immediate.
constexpr uint32_t kNoSlot = UINT32_MAX;
struct Entry {
  ValType type;
  uint32_t slot;
  uint32_t src;
  bool isConst = false;
  uint64_t imm = 0;
};

// A jump cell to patch once its target is known.
struct Fixup {
  size_t instr = SIZE_MAX;  // the jumping instruction (offsets are relative to it)
  size_t cell = 0;
  bool valid() const { return instr != SIZE_MAX; }
};

// The result cell of the previous instruction, so that a following
// local.set/tee can redirect the result into the local instead of moving it.
struct PendingResult {
  size_t start = 0;  // the instruction's first cell
  ir::Opcode op = ir::Opcode::Nop;  // what the instruction computes (operands may be swapped)
  size_t dstCell = 0;
  bool immOperand = false;  // lowered as name##Imm
  size_t codeEnd = 0;     // code size right after that instruction
  size_t stackDepth = 0;  // operand-stack depth right after it
  bool valid = false;
  // For accumulator variants (AccMode in code.h): the instruction's handler
  // cell, its handler without variant, and its AccMode bits; and the producer
  // whose result it reads from the accumulator, to undo that if this
  // instruction is later rewritten.
  size_t handlerCell = SIZE_MAX;
  size_t base = 0;
  unsigned accMode = 0;
  size_t producerCell = SIZE_MAX;
  size_t producerBase = 0;
  unsigned producerMode = 0;
};

enum class CtrlKind : uint8_t { Func, Block, Loop, If, Else };

struct Ctrl {
  CtrlKind kind = CtrlKind::Block;
  std::vector<ValType> params, results;
  size_t stackBase = 0;  // operand-stack depth below the params
  uint32_t base = 0;     // slot height below the params
  uint32_t dest = 0;     // where a branch to this label puts its values
  size_t loopStart = 0;
  std::vector<Fixup> fixups;  // forward branches to the end
  Fixup elseFixup;            // `if`: the jump taken when the condition is false
  int tryRegion = -1;         // try_table: its entry in Lowerer::tryRegions_
  bool unreachable = false;

  const std::vector<ValType>& labelTypes() const { return kind == CtrlKind::Loop ? params : results; }
};


inline uint32_t slotCount(const std::vector<ValType>& ts) {
  uint32_t n = 0;
  for (ValType t : ts) n += t.slots();
  return n;
}

class Lowerer {
 public:
  Lowerer(const ir::Module& m, uint32_t funcIndex, const void* const* handlers, const runtime::CodeOptions& options)
      : m_(m), funcIndex_(funcIndex), fn_(m.function(funcIndex)), type_(m.funcType(funcIndex)), handlers_(handlers) {
    if (options.consumeFuel) {
      checkOp_ = options.interruptible ? InternalOp::CheckFuelInterrupt : InternalOp::CheckFuel;
    } else if (options.interruptible) {
      checkOp_ = InternalOp::CheckInterrupt;
    }
    classicAddressing_ = m.memories.size() <= 1 && (m.memories.empty() || !m.memories[0].limits.is64);
    for (const auto& t : m.tables) classicAddressing_ = classicAddressing_ && !t.limits.is64;
  }

  Result<std::unique_ptr<CompiledFunction>> run();

 private:
  Result<void> lowerInstr(const binary::Instr& ins);
  Result<void> lowerOne(const binary::Instr& ins, const PendingResult& prev);
  void lowerFixedSig(const binary::Instr& ins, const PendingResult& prev);
  bool lowerAddressedAccess(const binary::Instr& ins, const PendingResult& prev);
  bool lowerConstantAddress(const binary::Instr& ins, const PendingResult& prev);
  bool lowerLoadOperand(const binary::Instr& ins, const PendingResult& prev);
  bool fuseLoadedOperand(const binary::Instr& ins, size_t h, InternalOp fused, ValType result);
  bool lowerSimdPair(const binary::Instr& ins, const PendingResult& prev);
  bool lowerAddBack(const binary::Instr& ins, const PendingResult& prev);
  bool lowerLoadedEarlierBack(const binary::Instr& ins, const PendingResult& prev);
  bool lowerSimdStoreBack(const binary::Instr& ins, const PendingResult& prev);
  std::optional<size_t> fuseByteCompareJump(const PendingResult& prev, InternalOp variant, uint64_t a, uint64_t b,
                                            unsigned accOperand);
  bool lowerShiftedOperand(const binary::Instr& ins, const PendingResult& prev, unsigned mode);
  void lowerBlock(const binary::Instr& ins, const PendingResult& prev);
  void lowerElse();
  void lowerEnd();
  void lowerBrIf(uint32_t depth, const PendingResult& prev);
  size_t emitCondJump(const Entry& cond, bool whenTrue, const PendingResult& prev);
  void lowerBrTable(const std::vector<uint32_t>& targets, const PendingResult& prev);
  void lowerCall(const ir::FuncType& ft, uint32_t funcIndex);
  void lowerCallIndirect(const binary::Instr& ins);
  uint32_t emitIndirectCall(Opcode op, const binary::Instr& ins, const ir::FuncType& ft);
  void lowerOtherMemoryAccess(const binary::Instr& ins);
  void lowerAtomic(const binary::Instr& ins);  // lower_atomics.cpp
  bool lowerWideBulkMemory(const binary::Instr& ins);
  void narrowTable64Operands(const binary::Instr& ins);
  // return_call, return_call_indirect: the callee takes over the frame.
  void lowerReturnCall(const ir::FuncType& ft, uint32_t funcIndex);
  void lowerReturnCallIndirect(const binary::Instr& ins);
  // call_ref, return_call_ref; br_on_null, br_on_non_null.
  void lowerCallRef(const binary::Instr& ins);
  void lowerBrOnNull(const binary::Instr& ins);
  // try_table's landing pads (before its body); throw, throw_ref.
  void emitCatchPads(const binary::Instr& ins, Ctrl& c);
  void lowerThrow(const binary::Instr& ins);

  // ---- emission ----
  size_t emitOp(size_t handler) {
    size_t at = code_.size();
    Cell c;
    c.handler = handlers_[handler];
    code_.push_back(c);
    return at;
  }
  size_t emitOp(Opcode op) { return emitOp(handlerIndex(op)); }
  size_t emitOp(InternalOp op) { return emitOp(handlerIndex(op)); }
  void emitU(uint64_t v) {
    Cell c;
    c.u = v;
    code_.push_back(c);
  }
  void emitConst(uint32_t dst, uint64_t bits) {
    emitOp(InternalOp::Const64);
    emitU(dst);
    emitU(bits);
  }
  static constexpr InternalOp kMoveOps[] = {InternalOp::Move64, InternalOp::Move2, InternalOp::Move3,
                                            InternalOp::Move4};
  void emitMove(uint32_t dst, uint32_t src, ValType t) {
    if (t.isVec()) {
      emitOp(InternalOp::Move128);
    } else if (lastMove_ != SIZE_MAX && movesMerged_ < 4 && lastMove_ + 1 + 2 * movesMerged_ == code_.size() &&
               fence_ <= lastMove_ &&
               code_[lastMove_].handler == handlers_[handlerIndex(kMoveOps[movesMerged_ - 1])]) {
      // Up to four moves in a row with no label between them run as one instruction.
      code_[lastMove_].handler = handlers_[handlerIndex(kMoveOps[movesMerged_])];
      ++movesMerged_;
    } else {
      lastMove_ = emitOp(InternalOp::Move64);
      movesMerged_ = 1;
    }
    emitU(dst);
    emitU(src);
  }
  // Drop the code from `n` on (an instruction being rewritten); merge
  // candidates in it are forgotten.
  void truncateCode(size_t n) {
    code_.resize(n);
    for (PendingResult& r : recent_) {
      if (r.codeEnd > n) r.valid = false;
    }
    for (size_t* last : {&lastMove_, &lastSteps_}) {
      if (*last != SIZE_MAX && *last >= n) *last = SIZE_MAX;
    }
  }
  // Remove the instruction in cells [at, at + n), which nothing jumps to or
  // over (no label since it), from the middle of the code: what follows
  // moves down, with every position recorded in it.
  void eraseCells(size_t at, size_t n) {
    code_.erase(code_.begin() + static_cast<ptrdiff_t>(at), code_.begin() + static_cast<ptrdiff_t>(at + n));
    auto moved = [&](size_t& p) {
      if (p == SIZE_MAX || p < at) return true;
      if (p < at + n) return false;
      p -= n;
      return true;
    };
    for (PendingResult& r : recent_) {
      if (!r.valid) continue;
      size_t end = r.codeEnd;
      if (!moved(r.handlerCell) || !moved(r.start) || !moved(r.dstCell) || !moved(r.producerCell) ||
          (end > at && end < at + n)) {
        r.valid = false;
        continue;
      }
      if (end >= at + n) r.codeEnd = end - n;
    }
    for (size_t* last : {&lastMove_, &lastSteps_}) {
      if (!moved(*last)) *last = SIZE_MAX;
    }
    std::erase_if(offsets_, [&](const auto& e) { return e.first >= at && e.first < at + n; });
    for (auto& e : offsets_) {
      if (e.first >= at + n) e.first -= static_cast<uint32_t>(n);
    }
  }
  // The instructions from cell `n` on become one fused instruction for
  // `ins`, about to be emitted there; backtraces report `ins`'s offset.
  void rewriteFrom(size_t n, const binary::Instr& ins) {
    truncateCode(n);
    while (!offsets_.empty() && offsets_.back().first >= n) offsets_.pop_back();
    offsets_.emplace_back(static_cast<uint32_t>(n), static_cast<uint32_t>(ins.offset));
  }
  // A jump target is placed at the current position: no instruction emitted
  // from here on may be merged into one emitted before.
  void markLabel() { fence_ = code_.size(); }
  // The resource check (checkOp_) at function entry or at a loop header,
  // which is the loop's label: a label boundary on both sides, so no fusion
  // moves code across it or merges it into a jump. Returns its cost cell,
  // patched once the region is counted (SIZE_MAX when it charges no fuel).
  size_t emitCheck() {
    markLabel();
    emitOp(*checkOp_);
    size_t costCell = SIZE_MAX;
    if (*checkOp_ != InternalOp::CheckInterrupt) {
      costCell = code_.size();
      emitU(0);
    }
    markLabel();
    return costCell;
  }
  void patch(const Fixup& f, size_t target) {
    code_[f.cell].s = static_cast<int64_t>(target) - static_cast<int64_t>(f.instr);
  }
  // Append the target cell of a jump at `instr` to label `t`.
  void emitTarget(size_t instr, Ctrl& t) {
    size_t cell = code_.size();
    emitU(0);
    if (t.kind == CtrlKind::Loop) {
      code_[cell].s = static_cast<int64_t>(t.loopStart) - static_cast<int64_t>(instr);
    } else {
      t.fixups.push_back({instr, cell});
    }
  }

  // ---- operand stack model ----
  uint32_t push(ValType t) {
    uint32_t slot = height_;
    stack_.push_back({t, slot, slot, false, 0});
    height_ += t.slots();
    maxHeight_ = std::max(maxHeight_, height_);
    return slot;
  }
  void pushConst(ValType t, uint64_t bits) {
    push(t);
    stack_.back() = {t, stack_.back().slot, kNoSlot, true, bits};
  }
  // Pop an entry whose value the caller reads from a slot (a constant is
  // written to its own slot first).
  Entry pop() {
    if (stack_.back().isConst) materialize(stack_.back());
    return rawPop();
  }
  Entry rawPop() {
    Entry e = stack_.back();
    stack_.pop_back();
    height_ = e.slot;
    return e;
  }
  // Pop n entries; returns the slot of the lowest (the height when n == 0).
  uint32_t popN(size_t n) {
    if (n == 0) return height_;
    uint32_t slot = stack_[stack_.size() - n].slot;
    stack_.resize(stack_.size() - n);
    height_ = slot;
    return slot;
  }
  void resetStack(const Ctrl& c, const std::vector<ValType>& types) {
    stack_.resize(c.stackBase);
    height_ = c.base;
    for (ValType t : types) push(t);
  }

  // ---- branches ----
  Ctrl& label(uint32_t depth) { return ctrls_[ctrls_.size() - 1 - depth]; }
  bool needsMoves(const Ctrl& t) const {
    size_t n = t.labelTypes().size();
    uint32_t dst = t.dest;
    for (size_t i = stack_.size() - n; i < stack_.size(); ++i) {
      if (stack_[i].isConst || stack_[i].src != dst) return true;
      dst += stack_[i].type.slots();
    }
    return false;
  }
  // Copy the label's values from the top of the stack to the target's slots,
  // in ascending order. A value read in place from a local that an earlier
  // move overwrites (returning to slots 0.. where the params live) is first
  // copied to its own slot. The entries are left as they are: on br_if these
  // moves only run when the branch is taken.
  void emitBranchMoves(const Ctrl& t) {
    size_t n = t.labelTypes().size();
    size_t first = stack_.size() - n;
    uint32_t dst = t.dest;
    std::vector<uint32_t> src(n);
    for (size_t i = 0; i < n; ++i) {
      const Entry& e = stack_[first + i];
      src[i] = e.src;
      if (!e.isConst && e.src < dst) {
        emitMove(e.slot, e.src, e.type);
        src[i] = e.slot;
      }
      dst += e.type.slots();
    }
    dst = t.dest;
    for (size_t i = 0; i < n; ++i) {
      const Entry& e = stack_[first + i];
      if (e.isConst) {
        emitConst(dst, e.imm);
      } else if (src[i] != dst) {
        emitMove(dst, src[i], e.type);
      }
      dst += e.type.slots();
    }
  }
  // An unconditional transfer to `t` once its values are in place.
  void emitJumpTo(Ctrl& t) {
    if (t.kind == CtrlKind::Func) {
      emitOp(InternalOp::Ret);
      return;
    }
    size_t at = mergeStepIntoJump(emitOp(InternalOp::Jump), InternalOp::Jump);
    emitTarget(at, t);
  }
  // `at` is a jump just emitted (handler `op` and its operand cells, not
  // its target yet). Right after a plain I32AddImm into a local, the two
  // become one instruction starting at the step; returns where the jump now
  // starts (the position its relative targets count from).
  size_t mergeStepIntoJump(size_t at, InternalOp op) {
    if (code_[at].handler != handlers_[handlerIndex(op)]) return at;
    size_t start = SIZE_MAX;
    std::optional<InternalOp> merged;
    if (lastSteps_ != SIZE_MAX && lastSteps_ + 1 + 3 * steps_ == at && fence_ <= lastSteps_ &&
        code_[lastSteps_].handler == handlers_[handlerIndex(stepsOp(steps_))]) {
      start = lastSteps_;
      merged = stepJumpVariant(op, steps_);
    } else if (op == InternalOp::Jump && lastMove_ != SIZE_MAX && lastMove_ + 1 + 2 * movesMerged_ == at &&
               fence_ <= lastMove_ && code_[lastMove_].handler == handlers_[handlerIndex(kMoveOps[movesMerged_ - 1])]) {
      // A back edge carrying values: the moves before it.
      static constexpr InternalOp kMoveJumps[] = {InternalOp::Move64Jump, InternalOp::Move2Jump, InternalOp::Move3Jump,
                                                  InternalOp::Move4Jump};
      start = lastMove_;
      merged = kMoveJumps[movesMerged_ - 1];
      lastMove_ = SIZE_MAX;
    } else if (const PendingResult* add = resultEndingAt(at);
               add && at - add->handlerCell == 4 && code_[add->handlerCell].handler == handlers_[handlerIndex(Opcode::I32Add)]) {
      // A plain i32.add (say p += n) right before the jump, whatever it computes into.
      start = add->handlerCell;
      merged = addJumpVariant(op);
    }
    if (!merged) return at;
    code_[start].handler = handlers_[handlerIndex(*merged)];
    code_.erase(code_.begin() + static_cast<ptrdiff_t>(at));
    for (auto it = offsets_.rbegin(); it != offsets_.rend() && it->first > at; ++it) --it->first;
    lastSteps_ = SIZE_MAX;
    return start;
  }
  void emitBranch(Ctrl& t) {
    emitBranchMoves(t);
    emitJumpTo(t);
  }
  void markUnreachable() { ctrls_.back().unreachable = true; }
  // Before an unconditional branch carrying one scalar value that the
  // previous instruction just computed into its own slot: compute it straight
  // into the target's slot instead, saving the move. Nothing reads the old
  // slot afterwards, and handlers read all operands before writing.
  void redirectResultTo(const Ctrl& t, const PendingResult& prev) {
    if (t.labelTypes().size() != 1 || stack_.empty()) return;
    Entry& top = stack_.back();
    if (top.type.isVec() || top.isConst || top.src != top.slot || !prev.valid || prev.codeEnd != code_.size() ||
        prev.stackDepth != stack_.size() || code_[prev.dstCell].u != top.slot) {
      return;
    }
    code_[prev.dstCell].u = t.dest;
    top.src = t.dest;
  }

  // ---- locals read in place ----
  void materialize(Entry& e) {
    if (e.isConst) {
      emitConst(e.slot, e.imm);
      e.isConst = false;
    } else if (e.src != e.slot) {
      emitMove(e.slot, e.src, e.type);
    }
    e.src = e.slot;
  }
  // Move every entry still reading a local (all of them, or those reading
  // slot `local`) to its own slot.
  void materializeAll() {
    for (Entry& e : stack_) materialize(e);
  }
  void materializeLocal(uint32_t local) {
    for (Entry& e : stack_) {
      if (e.src == local) materialize(e);
    }
  }
  void materializeTop(size_t n) {
    for (size_t i = stack_.size() - n; i < stack_.size(); ++i) materialize(stack_[i]);
  }
  void lowerLocalWrite(uint32_t index, bool tee, const PendingResult& prev);
  // `prev` now computes straight into a local. When it is a plain I32AddImm
  // right after one, two or three that did the same (I32AddImm,
  // I32AddImm2), they become one instruction (I32AddImm2, I32AddImm3).
  static InternalOp stepsOp(size_t n) {
    return n == 1 ? InternalOp::I32AddImm : n == 2 ? InternalOp::I32AddImm2 : InternalOp::I32AddImm3;
  }
  void mergeAddImmIntoLocal(const PendingResult& prev) {
    const void* addImm = handlers_[handlerIndex(InternalOp::I32AddImm)];
    if (prev.handlerCell != prev.start || code_[prev.start].handler != addImm || prev.codeEnd != code_.size() ||
        code_.size() - prev.start != 4) {
      return;
    }
    if (lastSteps_ == SIZE_MAX || lastSteps_ + 1 + 3 * steps_ != prev.start || fence_ > lastSteps_ || steps_ == 3 ||
        code_[lastSteps_].handler != handlers_[handlerIndex(stepsOp(steps_))]) {
      lastSteps_ = prev.start;
      steps_ = 1;
      return;
    }
    ++steps_;
    code_[lastSteps_].handler = handlers_[handlerIndex(stepsOp(steps_))];
    code_.erase(code_.begin() + static_cast<ptrdiff_t>(prev.start));
    for (auto it = offsets_.rbegin(); it != offsets_.rend() && it->first > prev.start; ++it) --it->first;
  }

  // ---- the accumulator ----
  // The operand at stack index `index`, about to be read by an instruction
  // with handler `consumer` as operand bit `bit` (kAccA or kAccB), is the
  // result the previous instruction just computed into its own slot: switch
  // that instruction to write the accumulator instead and return true.
  bool takeFromAcc(const PendingResult& prev, size_t index, size_t consumer, unsigned bit) {
    return accVariant(consumer, bit) && takeEntryFromAcc(prev, stack_[index], index);
  }
  // The same for entry `e` at stack index `index` (possibly popped already).
  bool takeEntryFromAcc(const PendingResult& prev, const Entry& e, size_t index) {
    if (!prev.valid || prev.handlerCell == SIZE_MAX || prev.codeEnd != code_.size() || prev.stackDepth != index + 1) {
      return false;
    }
    if (e.isConst || code_[prev.dstCell].u != e.src) return false;
    // A result tee'd into a local (e.src is that local) is still written
    // there, and also to the accumulator.
    unsigned to = e.src == e.slot ? kToAcc : kToSlotAndAcc;
    std::optional<size_t> producer = accVariant(prev.base, prev.accMode | to);
    if (!producer) return false;
    code_[prev.handlerCell].handler = handlers_[*producer];
    producer_ = {prev.handlerCell, prev.base, prev.accMode | to};
    return true;
  }
  // The latest instruction with accumulator variants that ends right where
  // `cell` starts, with no label in between (nullptr if none is known).
  const PendingResult* resultEndingAt(size_t cell) const {
    for (size_t i = 1; i <= recent_.size() && i <= recentNext_; ++i) {
      const PendingResult& r = recent_[(recentNext_ - i) % recent_.size()];
      if (r.valid && r.codeEnd == cell && r.handlerCell != SIZE_MAX && r.handlerCell >= fence_ && r.handlerCell < cell) {
        return &r;
      }
    }
    return nullptr;
  }
  // The instruction ending at `cell`, when it computed `slot`, a temporary
  // (not a local: only the consuming entry reads it), into its result cell.
  const PendingResult* temporaryFrom(size_t cell, uint64_t slot) const {
    const PendingResult* r = resultEndingAt(cell);
    if (!r || r->dstCell != r->handlerCell + 1 || code_[r->dstCell].u != slot || slot < ctrls_.front().base) {
      return nullptr;
    }
    return r;
  }
  // Operand `a` (a slot) is the result the instruction ending at `cell`
  // computed into a temporary: switch that instruction to the accumulator
  // (setting producer_ as takeFromAcc does) and return true.
  bool takeEarlierFromAcc(size_t cell, uint64_t a) {
    const PendingResult* r = temporaryFrom(cell, a);
    if (!r || code_[r->handlerCell].handler != handlers_[*accVariant(r->base, r->accMode)]) return false;
    std::optional<size_t> toAcc = accVariant(r->base, r->accMode | kToAcc);
    if (!toAcc) return false;
    code_[r->handlerCell].handler = handlers_[*toAcc];
    producer_ = {r->handlerCell, r->base, r->accMode | kToAcc};
    return true;
  }
  // The operand `prev` took from the accumulator was loaded there by the
  // load with handler index `load` (`cells` long) ending right where `prev`
  // starts, at `at`, with no label between: the two can become one.
  bool fedByLoad(const PendingResult& prev, size_t load, size_t cells, size_t at) const {
    size_t p = prev.producerCell;
    return prev.producerBase == load && p != SIZE_MAX && p + cells == at && fence_ <= p &&
           (prev.producerMode == kToAcc || prev.producerMode == kToSlotAndAcc);
  }
  // Record the instruction just emitted at `at` (after its emitDst) as one
  // that has accumulator variants, in mode `mode` (from takeFromAcc).
  void noteAccInstr(size_t at, size_t base, unsigned mode) {
    result_.handlerCell = at;
    result_.base = base;
    result_.accMode = mode;
    if (mode != 0) {
      code_[at].handler = handlers_[*accVariant(base, mode)];
      result_.producerCell = producer_.cell;
      result_.producerBase = producer_.base;
      result_.producerMode = producer_.mode;
    }
  }
  // Before `prev` is rewritten into another instruction that reads its
  // operands from their slots: its producer writes its slot again.
  void undoAccOperand(const PendingResult& prev) {
    if (!prev.valid || (prev.accMode & (kAccA | kAccB)) == 0) return;
    code_[prev.producerCell].handler =
        handlers_[*accVariant(prev.producerBase, prev.producerMode & ~(kToAcc | kToSlotAndAcc))];
  }

  // Record that the instruction being lowered wrote its result to the cell
  // just emitted (a later local.set may redirect it).
  void emitDst(uint32_t slot) {
    result_ = {};
    result_.dstCell = code_.size();
    result_.valid = true;
    emitU(slot);
  }

  ValType addressType(uint32_t memory) const {
    return memory < m_.memories.size() && m_.memories[memory].limits.is64 ? ValType::i64() : ValType::i32();
  }
  ValType sigType(char c, uint32_t memory) const {
    switch (c) {
      case 'i': return ValType::i32();
      case 'I': return ValType::i64();
      case 'f': return ValType::f32();
      case 'F': return ValType::f64();
      case 'V': return ValType::v128();
      default: return addressType(memory);  // 'a'
    }
  }

  const ir::Module& m_;
  uint32_t funcIndex_;
  const ir::Function& fn_;
  const ir::FuncType& type_;
  const void* const* handlers_;
  // One 32-bit memory at most and no 64-bit table (every 2.0 module): the
  // multi-memory and 64-bit address paths of lowerOne can be skipped.
  bool classicAddressing_ = true;

  std::vector<Cell> code_;
  std::vector<Entry> stack_;
  std::vector<Ctrl> ctrls_;
  std::vector<uint32_t> localSlot_;
  std::vector<ValType> localType_;
  uint32_t height_ = 0, maxHeight_ = 0;
  uint32_t deadDepth_ = 0;  // blocks opened inside skipped (unreachable) code
  size_t fence_ = 0;               // the latest jump target (see markLabel)
  size_t lastMove_ = SIZE_MAX;     // the latest Move64..Move4, a candidate to extend
  size_t movesMerged_ = 0;         // how many moves it holds
  size_t lastSteps_ = SIZE_MAX;    // the latest I32AddImm(2, 3) into locals, to extend or merge with a jump
  size_t steps_ = 0;               // how many steps it holds
  std::vector<bool> knownZero_;    // by local index: still zero since entry (until the first loop)
  PendingResult result_;    // set by the instruction being lowered, if any
  std::array<PendingResult, 8> recent_;  // the latest results, for fusions across instructions
  size_t recentNext_ = 0;
  std::vector<size_t> directCalls_;
  std::vector<TryRegion> openTries_;   // by Ctrl::tryRegion, filled in as try_tables open
  std::vector<TryRegion> tryRegions_;  // closed ones, innermost first
  std::vector<std::pair<uint32_t, uint32_t>> offsets_;
  std::optional<InternalOp> checkOp_;  // CheckFuel... at entry and loop headers, if asked for
  CheckRegions regions_;               // what each check charges
  struct {
    size_t cell = 0, base = 0;
    unsigned mode = 0;
  } producer_;  // set by takeFromAcc
};

}  // namespace wasmcap::interp::lowering
