// The per-function driver, the operand/control stack primitives, the
// instructions with a fixed signature from the opcode table and the
// parametric/variable instructions.
#include "validate/func_validator.h"

namespace wasmcap::validate {

using ir::Opcode;
using ir::ValType;

namespace {

bool isNumOrUnknown(ValType t) { return t.isNum() || t.code == kUnknownCode; }
bool isVecOrUnknown(ValType t) { return t.isVec() || t.code == kUnknownCode; }

}  // namespace

Result<void> FunctionValidator::validate(uint32_t funcIndex) {
  funcIndex_ = funcIndex;
  const ir::Function& fn = m_.function(funcIndex);
  const ir::FuncType& type = m_.funcType(funcIndex);
  locals_.assign(type.params.begin(), type.params.end());
  locals_.insert(locals_.end(), fn.locals.begin(), fn.locals.end());
  // Non-defaultable locals (non-null references) must be set before they
  // are read; the sets inside a block are forgotten at its end.
  trackInit_ = false;
  initLog_.clear();
  for (ValType t : fn.locals) {
    if (std::string e = ctx_.checkValType(t); !e.empty()) {
      instrOffset_ = fn.entry.offset;
      current_ = nullptr;
      fail(std::move(e));
      return std::move(err_);
    }
    trackInit_ |= !t.defaultable();
  }
  if (trackInit_) {
    localInit_.assign(locals_.size(), 1);
    for (size_t i = type.params.size(); i < locals_.size(); ++i) localInit_[i] = locals_[i].defaultable();
  }
  vals_.clear();
  ctrls_.clear();
  funcResults_ = type.results;

  TypeList none, results;
  results.data = type.results.data();
  results.count = static_cast<uint32_t>(type.results.size());
  pushCtrl(Opcode::Block, none, results);

  binary::InstrReader reader(m_, fn.body);
  binary::Instr in;
  while (!ctrls_.empty()) {
    instrOffset_ = reader.offset();
    current_ = nullptr;
    if (reader.atEnd()) {
      failMalformed("END opcode expected");
      return std::move(err_);
    }
    Result<void> decoded = reader.next(in);
    if (!decoded.ok()) {
      Error e = std::move(decoded).error();
      if (e.section.empty()) e.inSection("code");
      e.message += " (in func[" + std::to_string(funcIndex_) + "])";
      return e;
    }
    if (!step(in)) return std::move(err_);
  }
  if (!reader.atEnd()) {
    instrOffset_ = reader.offset();
    failMalformed("section size mismatch: bytes after the end of the function body");
    return std::move(err_);
  }
  return {};
}

bool FunctionValidator::step(const binary::Instr& in) {
  instrOffset_ = in.offset;
  current_ = in.info;
  const OpSig& sig = sigs_[static_cast<size_t>(in.op)];
  if (in.info->prefix == ir::kPrefixSimd && in.info->code >= 0x100 && in.info->code <= 0x113 &&
      !ctx_.features.relaxedSimd) {
    // Without relaxed-simd the opcodes do not exist (as in a 2.0 decoder).
    return failMalformed("illegal opcode " + std::to_string(in.info->prefix) + " " + std::to_string(in.info->code));
  }
  if (in.info->prefix == ir::kPrefixAtomic && !ctx_.features.threads) {
    return failMalformed("illegal opcode " + std::to_string(in.info->prefix) + " " + std::to_string(in.info->code));
  }
  if (sig.fixed) return stepFixed(in, sig);
  switch (in.op) {
    case Opcode::ReturnCall: case Opcode::ReturnCallIndirect:
      // Without tail-call the opcodes do not exist (as in a 2.0 decoder).
      if (!ctx_.features.tailCall) return failMalformed("illegal opcode " + std::to_string(in.info->code));
      return stepControl(in);
    case Opcode::ReturnCallRef:
      if (!ctx_.features.tailCall) return failMalformed("illegal opcode " + std::to_string(in.info->code));
      [[fallthrough]];
    case Opcode::CallRef: case Opcode::RefAsNonNull: case Opcode::BrOnNull: case Opcode::BrOnNonNull:
      if (!ctx_.features.functionReferences) return failMalformed("illegal opcode " + std::to_string(in.info->code));
      return stepTypedRef(in);
    case Opcode::Throw: case Opcode::ThrowRef: case Opcode::TryTable:
      if (!ctx_.features.exceptions) return failMalformed("illegal opcode " + std::to_string(in.info->code));
      return stepException(in);
    case Opcode::Unreachable: case Opcode::Nop: case Opcode::Block: case Opcode::Loop: case Opcode::If:
    case Opcode::Else: case Opcode::End: case Opcode::Br: case Opcode::BrIf: case Opcode::BrTable:
    case Opcode::Return: case Opcode::Call: case Opcode::CallIndirect:
      return stepControl(in);
    case Opcode::Drop: case Opcode::Select: case Opcode::SelectT: case Opcode::LocalGet: case Opcode::LocalSet:
    case Opcode::LocalTee: case Opcode::GlobalGet: case Opcode::GlobalSet:
      return stepVariable(in);
    case Opcode::RefNull: case Opcode::RefIsNull: case Opcode::RefFunc:
      return stepReference(in);
    case Opcode::TableGet: case Opcode::TableSet: case Opcode::TableInit: case Opcode::TableCopy:
    case Opcode::TableGrow: case Opcode::TableSize: case Opcode::TableFill:
      return stepTable(in);
    case Opcode::MemoryCopy:
      return stepMemory(in);
    default:
      err_ = Error(ErrorCode::Unsupported, "no validation rule for " + std::string(in.info->name))
                 .at(instrOffset_);
      return false;
  }
}

bool FunctionValidator::stepFixed(const binary::Instr& in, const OpSig& sig) {
  ValType addr = ValType::i32();
  switch (in.info->imm) {
    case ir::Imm::Memarg: case ir::Imm::MemargLane:
      if (!checkMemarg(in, sig)) return false;
      addr = ctx_.memoryAddrType(in.mem.memory);
      break;
    case ir::Imm::Memory:
      if (!checkMemory(in.index)) return false;
      addr = ctx_.memoryAddrType(in.index);
      break;
    case ir::Imm::MemoryInit:
      if (!checkMemory(in.index2) || !checkData(in.index)) return false;
      addr = ctx_.memoryAddrType(in.index2);
      break;
    case ir::Imm::Data:
      if (!checkData(in.index)) return false;
      break;
    case ir::Imm::Elem:
      if (!checkElem(in.index)) return false;
      break;
    case ir::Imm::Lane:
      if (in.lane >= sig.laneCount) return fail("invalid lane index " + std::to_string(in.lane));
      break;
    case ir::Imm::Shuffle:
      for (uint8_t lane : in.v128) {
        if (lane >= 32) return fail("invalid lane index " + std::to_string(lane));
      }
      break;
    default:
      break;
  }
  for (int i = sig.numParams - 1; i >= 0; --i) {
    ValType t = sig.params[i];
    if (t.code == kAddrCode) t = addr;
    if (!popExpect(t)) return false;
  }
  for (int i = 0; i < sig.numResults; ++i) {
    ValType t = sig.results[i];
    push(t.code == kAddrCode ? addr : t);
  }
  return true;
}

// Parametric and variable instructions: the most frequent hand-typed ones,
// kept in this file so the dispatch in step() can inline them.
bool FunctionValidator::stepVariable(const binary::Instr& in) {
  switch (in.op) {
    case Opcode::Drop: {
      ValType ignored;
      return pop(ignored);
    }
    case Opcode::Select: {
      // Untyped select chooses between two numeric or two vector operands.
      ValType t1, t2;
      if (!popExpect(ValType::i32()) || !pop(t1) || !pop(t2)) return false;
      if (!((isNumOrUnknown(t1) && isNumOrUnknown(t2)) || (isVecOrUnknown(t1) && isVecOrUnknown(t2)))) {
        return fail("type mismatch: select without a type needs numeric or vector operands, found " +
                    typeName(t2) + " and " + typeName(t1));
      }
      if (!(t1 == t2) && t1.code != kUnknownCode && t2.code != kUnknownCode) return mismatch(t2, t1);
      push(t1.code == kUnknownCode ? t2 : t1);
      return true;
    }
    case Opcode::SelectT: {
      if (in.types->size() != 1) return fail("invalid result arity " + std::to_string(in.types->size()));
      ValType t = (*in.types)[0];
      if (std::string e = ctx_.checkValType(t); !e.empty()) return fail(std::move(e));
      if (!popExpect(ValType::i32()) || !popExpect(t) || !popExpect(t)) return false;
      push(t);
      return true;
    }
    case Opcode::LocalGet: case Opcode::LocalSet: case Opcode::LocalTee: {
      if (in.index >= locals_.size()) return fail("unknown local " + std::to_string(in.index));
      ValType t = locals_[in.index];
      if (in.op != Opcode::LocalGet && !popExpect(t)) return false;
      if (trackInit_ && !localInit_[in.index]) {
        if (in.op == Opcode::LocalGet) return fail("uninitialized local " + std::to_string(in.index));
        localInit_[in.index] = 1;
        initLog_.push_back(in.index);
      }
      if (in.op != Opcode::LocalSet) push(t);
      return true;
    }
    case Opcode::GlobalGet: case Opcode::GlobalSet: {
      if (in.index >= ctx_.numGlobals()) return fail("unknown global " + std::to_string(in.index));
      const ir::GlobalType& g = m_.globalTypes[in.index];
      if (in.op == Opcode::GlobalGet) {
        push(g.type);
        return true;
      }
      if (!g.mut) return fail("global is immutable: global " + std::to_string(in.index));
      return popExpect(g.type);
    }
    default:
      return true;
  }
}

bool FunctionValidator::checkMemarg(const binary::Instr& in, const OpSig& sig) {
  // 2.0 allows alignment exponents below 32; multi-memory adds bit 6 (a memory
  // index follows) and accepts any exponent below 64 for validation to judge.
  uint32_t limit = ctx_.features.multiMemory ? 0x80 : 0x20;
  if (in.mem.flags >= limit) return failMalformed("malformed memop flags");
  if (!checkMemory(in.mem.memory)) return false;
  if (in.info->prefix == ir::kPrefixAtomic) {
    if (in.mem.alignLog2 != in.info->alignLog2) return fail("atomic alignment must be natural");
  } else if (in.mem.alignLog2 > in.info->alignLog2) {
    return fail("alignment must not be larger than natural");
  }
  if (in.info->imm == ir::Imm::MemargLane && in.lane >= sig.laneCount)
    return fail("invalid lane index " + std::to_string(in.lane));
  return true;
}

// ---- operand stack -------------------------------------------------------

bool FunctionValidator::pop(ValType& out) {
  const Ctrl& c = ctrls_.back();
  if (vals_.size() == c.height) {
    if (c.unreachable) {
      out = kUnknown;
      return true;
    }
    return fail("type mismatch: " + std::string(opcodeNameAt()) + " expected an operand but the stack is empty");
  }
  out = vals_.back();
  vals_.pop_back();
  return true;
}

bool FunctionValidator::popExpect(ValType expect) {
  const Ctrl& c = ctrls_.back();
  if (vals_.size() == c.height) {
    if (c.unreachable) return true;
    return fail("type mismatch: " + std::string(opcodeNameAt()) + " expected " + typeName(expect) +
                " but the stack is empty");
  }
  ValType actual = vals_.back();
  vals_.pop_back();
  if (!(actual == expect) && !ctx_.refSubtype(actual, expect)) return mismatch(expect, actual);
  return true;
}

bool FunctionValidator::popList(std::span<const ValType> types) {
  for (size_t i = types.size(); i-- > 0;) {
    if (!popExpect(types[i])) return false;
  }
  return true;
}

bool FunctionValidator::peekList(std::span<const ValType> types) {
  const Ctrl& c = ctrls_.back();
  size_t available = vals_.size() - c.height;
  for (size_t k = 0; k < types.size(); ++k) {  // k-th operand from the top
    ValType expect = types[types.size() - 1 - k];
    if (k >= available) {
      if (c.unreachable) return true;
      return fail("type mismatch: " + std::string(opcodeNameAt()) + " expected " + typeName(expect) +
                  " but the stack is empty");
    }
    ValType actual = vals_[vals_.size() - 1 - k];
    if (!(actual == expect) && !ctx_.refSubtype(actual, expect)) return mismatch(expect, actual);
  }
  return true;
}

void FunctionValidator::setUnreachable() {
  Ctrl& c = ctrls_.back();
  vals_.resize(c.height);
  c.unreachable = true;
}

// ---- control stack -------------------------------------------------------

void FunctionValidator::pushCtrl(Opcode op, const TypeList& params, const TypeList& results) {
  Ctrl& c = ctrls_.emplace_back();
  c.op = op;
  c.height = static_cast<uint32_t>(vals_.size());
  c.params = params;
  c.results = results;
  c.initHeight = static_cast<uint32_t>(initLog_.size());
  if (params.count) pushList(c.params.span());
}

bool FunctionValidator::popCtrl(Ctrl& out) {
  const Ctrl& c = ctrls_.back();
  if (!popList(c.results.span())) return false;
  if (vals_.size() != c.height) {
    return fail("type mismatch: " + std::to_string(vals_.size() - c.height) +
                " value(s) left on the stack at the end of a block of type " + typeListName(c.results.span()));
  }
  out = c;
  while (initLog_.size() > c.initHeight) {
    localInit_[initLog_.back()] = 0;
    initLog_.pop_back();
  }
  ctrls_.pop_back();
  return true;
}

// ---- errors --------------------------------------------------------------

std::string_view FunctionValidator::opcodeNameAt() const {
  return current_ ? current_->name : std::string_view("end of function");
}

bool FunctionValidator::fail(std::string message) {
  std::string where = " (in func[" + std::to_string(funcIndex_) + "]";
  auto name = m_.names.functions.find(funcIndex_);
  if (name != m_.names.functions.end()) where += " \"" + name->second + "\"";
  err_ = Error(ErrorCode::Invalid, std::move(message) + where + ")");
  err_.at(instrOffset_).inSection("code");
  return false;
}

bool FunctionValidator::failMalformed(std::string message) {
  fail(std::move(message));
  err_.code = ErrorCode::Malformed;
  return false;
}

bool FunctionValidator::mismatch(ValType expected, ValType actual) {
  return fail("type mismatch: " + std::string(opcodeNameAt()) + " expected " + typeName(expected) + ", found " +
              typeName(actual));
}

// ---- index spaces --------------------------------------------------------

bool FunctionValidator::checkFunc(uint32_t index) {
  return index < ctx_.numFuncs() || fail("unknown function " + std::to_string(index));
}
bool FunctionValidator::checkTable(uint32_t index) {
  return index < ctx_.numTables() || fail("unknown table " + std::to_string(index));
}
bool FunctionValidator::checkMemory(uint32_t index) {
  return index < ctx_.numMemories() || fail("unknown memory " + std::to_string(index));
}
bool FunctionValidator::checkElem(uint32_t index) {
  return index < ctx_.numElems() || fail("unknown elem segment " + std::to_string(index));
}
bool FunctionValidator::checkData(uint32_t index) {
  // Without a data count section the count of data segments is not known
  // while the code section is read, so the binary format forbids these uses.
  if (!m_.dataCount) {
    if (index >= m_.datas.size()) return fail("unknown data segment " + std::to_string(index));
    return failMalformed("data count section required");
  }
  return index < *m_.dataCount || fail("unknown data segment " + std::to_string(index));
}

}  // namespace wasmcap::validate
