// Lowering walks a validated body once with binary::InstrReader, keeping a
// model of the operand stack (type and frame slot of every entry) and of the
// control stack. Each instruction becomes one internal instruction naming its
// slots directly; structured control becomes relative jumps, with explicit
// moves only when a branch carries values whose slots differ from the
// target's. Code after an unconditional branch is skipped until the matching
// `else`/`end`.
#include "interp/lower.h"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <string_view>

#include "binary/instr_reader.h"
#include "interp/superinstructions.h"

namespace wasmcap::interp {
namespace {

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
  bool unreachable = false;

  const std::vector<ValType>& labelTypes() const { return kind == CtrlKind::Loop ? params : results; }
};


uint32_t slotCount(const std::vector<ValType>& ts) {
  uint32_t n = 0;
  for (ValType t : ts) n += t.slots();
  return n;
}

class Lowerer {
 public:
  Lowerer(const ir::Module& m, uint32_t funcIndex, const void* const* handlers)
      : m_(m), funcIndex_(funcIndex), fn_(m.function(funcIndex)), type_(m.funcType(funcIndex)), handlers_(handlers) {}

  Result<std::unique_ptr<CompiledFunction>> run();

 private:
  Result<void> lowerInstr(const binary::Instr& ins);
  Result<void> lowerOne(const binary::Instr& ins, const PendingResult& prev);
  void lowerFixedSig(const binary::Instr& ins, const PendingResult& prev);
  bool lowerAddressedAccess(const binary::Instr& ins, const PendingResult& prev);
  bool lowerConstantAddress(const binary::Instr& ins, const PendingResult& prev);
  bool lowerLoadOperand(const binary::Instr& ins, const PendingResult& prev);
  bool lowerSimdPair(const binary::Instr& ins, const PendingResult& prev);
  bool lowerAddBack(const binary::Instr& ins, const PendingResult& prev);
  bool lowerLoadedEarlierBack(const binary::Instr& ins, const PendingResult& prev);
  bool lowerSimdStoreBack(const binary::Instr& ins, const PendingResult& prev);
  bool lowerShiftedOperand(const binary::Instr& ins, const PendingResult& prev, unsigned mode);
  void lowerBlock(const binary::Instr& ins, const PendingResult& prev);
  void lowerElse();
  void lowerEnd();
  void lowerBrIf(uint32_t depth, const PendingResult& prev);
  size_t emitCondJump(const Entry& cond, bool whenTrue, const PendingResult& prev);
  void lowerBrTable(const std::vector<uint32_t>& targets, const PendingResult& prev);
  void lowerCall(const ir::FuncType& ft, uint32_t funcIndex);
  void lowerCallIndirect(const binary::Instr& ins);

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
    const auto& kMoves = kMoveOps;
    if (t.isVec()) {
      emitOp(InternalOp::Move128);
    } else if (lastMove_ != SIZE_MAX && movesMerged_ < 4 && lastMove_ + 1 + 2 * movesMerged_ == code_.size() &&
               fence_ <= lastMove_ &&
               code_[lastMove_].handler == handlers_[handlerIndex(kMoves[movesMerged_ - 1])]) {
      // Up to four moves in a row with no label between them run as one instruction.
      code_[lastMove_].handler = handlers_[handlerIndex(kMoves[movesMerged_])];
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
  // Operand `a` (a slot) is the result the instruction ending at `cell`
  // computed into a temporary: switch that instruction to the accumulator
  // (setting producer_ as takeFromAcc does) and return true.
  bool takeEarlierFromAcc(size_t cell, uint64_t a) {
    const PendingResult* r = resultEndingAt(cell);
    if (!r || r->dstCell != r->handlerCell + 1 || code_[r->dstCell].u != a || a < ctrls_.front().base ||
        code_[r->handlerCell].handler != handlers_[*accVariant(r->base, r->accMode)]) {
      return false;
    }
    std::optional<size_t> toAcc = accVariant(r->base, r->accMode | kToAcc);
    if (!toAcc) return false;
    code_[r->handlerCell].handler = handlers_[*toAcc];
    producer_ = {r->handlerCell, r->base, r->accMode | kToAcc};
    return true;
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
  std::vector<std::pair<uint32_t, uint32_t>> offsets_;
  struct {
    size_t cell = 0, base = 0;
    unsigned mode = 0;
  } producer_;  // set by takeFromAcc
};

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
  binary::Instr ins;
  while (!ctrls_.empty()) {
    if (reader.atEnd()) return Error(ErrorCode::Internal, "function body ended early").at(reader.offset());
    WASMCAP_TRY(reader.next(ins));
    WASMCAP_TRY(lowerInstr(ins));
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
  out->offsets = std::move(offsets_);
  return out;
}

Result<void> Lowerer::lowerInstr(const binary::Instr& ins) {
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

Result<void> Lowerer::lowerOne(const binary::Instr& ins, const PendingResult& prev) {
  if (ctrls_.back().unreachable) {
    // Skip dead code, but follow nesting to find this block's else/end.
    switch (ins.op) {
      case Opcode::Block: case Opcode::Loop: case Opcode::If:
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

  switch (ins.op) {
    case Opcode::Unreachable:
      emitOp(Opcode::Unreachable);
      markUnreachable();
      return {};
    case Opcode::Nop:
      return {};
    case Opcode::Block: case Opcode::Loop: case Opcode::If:
      lowerBlock(ins, prev);
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
      uint32_t dst = push(ValType::i32());
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
      if (ins.op != Opcode::MemoryCopy) {
        emitU(ins.index);
        emitU(ins.index2);
      }
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
    case Imm::MemoryInit: case Imm::Data: case Imm::Elem:
      emitU(ins.index);
      break;
    default:
      break;
  }
}

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
  std::vector<uint64_t> address;
  for (size_t c = prev.handlerCell + 2; c < prev.codeEnd; ++c) address.push_back(code_[c].u);
  rawPop();  // b: the loaded value, no longer in any slot
  uint32_t a = pop().src;
  rewriteFrom(prev.handlerCell, ins);
  size_t at = emitOp(*fused);
  emitDst(push(ValType::f64()));
  noteAccInstr(at, handlerIndex(*fused), 0);
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
  const PendingResult* mul = plain ? resultEndingAt(h) : nullptr;
  if (mul && mul->dstCell == mul->handlerCell + 1 && code_[mul->dstCell].u == below.src && below.src == below.slot &&
      h - mul->handlerCell == 4) {
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
  std::vector<uint64_t> address;
  for (size_t c = h + 2; c < code_.size(); ++c) address.push_back(code_[c].u);
  rawPop();
  uint32_t a = pop().src;
  rewriteFrom(h, ins);
  size_t at = emitOp(*fused);
  emitDst(push(ValType::v128()));
  noteAccInstr(at, handlerIndex(*fused), 0);
  emitU(a);
  for (uint64_t c : address) emitU(c);
  return true;
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
  const PendingResult* producer = resultEndingAt(h);
  bool handOver = producer && producer->dstCell == producer->handlerCell + 1 && code_[producer->dstCell].u == a &&
                  a >= ctrls_.front().base;
  if (handOver && !abs) {
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
  if (handOver && takeEarlierFromAcc(h, a)) {
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
  c.kind = ins.op == Opcode::Block ? CtrlKind::Block : ins.op == Opcode::Loop ? CtrlKind::Loop : CtrlKind::If;
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
  c.loopStart = code_.size();
  if (c.kind == CtrlKind::Loop) markLabel();
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
    // A byte just loaded into the accumulator compared with a constant
    // (scanning for a delimiter): the load joins the jump.
    // (Against another value: the same, eq and ne being symmetric.)
    bool withImm = *variant == InternalOp::JumpIfI32EqImmAccA || *variant == InternalOp::JumpIfI32NeImmAccA;
    bool eq = *variant == InternalOp::JumpIfI32EqImmAccA || *variant == InternalOp::JumpIfI32EqAccA ||
              *variant == InternalOp::JumpIfI32EqAccB;
    bool ne = *variant == InternalOp::JumpIfI32NeImmAccA || *variant == InternalOp::JumpIfI32NeAccA ||
              *variant == InternalOp::JumpIfI32NeAccB;
    bool plain = prev.producerBase == handlerIndex(Opcode::I32Load8U);
    bool added = prev.producerBase == handlerIndex(InternalOp::I32Load8UAdd);
    size_t p = prev.producerCell, loadCells = plain ? 4 : 5;
    if ((eq || ne) && (plain || added) && p != SIZE_MAX && p + loadCells == prev.start && fence_ <= p &&
        (prev.producerMode == kToAcc || prev.producerMode == kToSlotAndAcc)) {
      std::vector<uint64_t> load;  // [dst][address...][offset]
      for (size_t c = p + 1; c < prev.start; ++c) load.push_back(code_[c].u);
      // The compared operand: the immediate, or the slot not in the accumulator.
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
    size_t p = prev.producerCell;
    bool s8 = prev.producerBase == handlerIndex(Opcode::I32Load8S);
    bool u8 = prev.producerBase == handlerIndex(Opcode::I32Load8U);
    if ((prev.accMode & kAccA) && (s8 || u8) && p != SIZE_MAX && p + 4 == h && fence_ <= p &&
        (prev.producerMode == kToAcc || prev.producerMode == kToSlotAndAcc)) {
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
    emitOp(InternalOp::CallDirect);
    directCalls_.push_back(code_.size());
  }
  emitU(funcIndex);
  emitU(argSlot);
  for (ValType t : ft.results) push(t);
  maxHeight_ = std::max(maxHeight_, argSlot + slotCount(ft.params));
}

void Lowerer::lowerCallIndirect(const binary::Instr& ins) {
  const ir::FuncType& ft = m_.types[ins.index].func;
  Entry index = pop();
  materializeTop(ft.params.size());
  uint32_t argSlot = popN(ft.params.size());
  emitOp(Opcode::CallIndirect);
  emitU(ins.index);
  emitU(ins.index2);
  emitU(argSlot);
  emitU(index.src);
  for (ValType t : ft.results) push(t);
  maxHeight_ = std::max(maxHeight_, argSlot + slotCount(ft.params) + 1);
}

}  // namespace

Result<std::unique_ptr<CompiledFunction>> lowerFunction(const ir::Module& module, uint32_t funcIndex,
                                                        const void* const* handlers) {
  return Lowerer(module, funcIndex, handlers).run();
}

}  // namespace wasmcap::interp
