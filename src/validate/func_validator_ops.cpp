// The instructions the opcode table marks "*": control flow, calls,
// references, tables and memory.copy.
#include "validate/func_validator.h"

namespace wasmcap::validate {

using ir::Opcode;
using ir::ValType;

namespace {

bool sameTypes(std::span<const ValType> a, std::span<const ValType> b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!(a[i] == b[i])) return false;
  }
  return true;
}

}  // namespace

bool FunctionValidator::blockType(const binary::BlockType& bt, TypeList& params, TypeList& results) {
  params = TypeList{};
  results = TypeList{};
  switch (bt.kind) {
    case binary::BlockType::Kind::Empty:
      return true;
    case binary::BlockType::Kind::Value:
      if (std::string e = ctx_.checkValType(bt.type); !e.empty()) return fail(std::move(e));
      results.single = bt.type;
      results.count = 1;
      return true;
    case binary::BlockType::Kind::Index: {
      if (bt.index >= ctx_.numTypes()) return fail("unknown type " + std::to_string(bt.index));
      const ir::FuncType& ft = m_.types[bt.index].func;
      params.data = ft.params.data();
      params.count = static_cast<uint32_t>(ft.params.size());
      results.data = ft.results.data();
      results.count = static_cast<uint32_t>(ft.results.size());
      return true;
    }
  }
  return true;
}

bool FunctionValidator::checkLabel(uint32_t depth) {
  return depth < ctrls_.size() || fail("unknown label " + std::to_string(depth));
}

bool FunctionValidator::stepControl(const binary::Instr& in) {
  switch (in.op) {
    case Opcode::Unreachable:
      setUnreachable();
      return true;
    case Opcode::Nop:
      return true;
    case Opcode::Block: case Opcode::Loop: case Opcode::If: {
      TypeList params, results;
      if (!blockType(in.block, params, results)) return false;
      if (in.op == Opcode::If && !popExpect(ValType::i32())) return false;
      if (!popList(params.span())) return false;
      pushCtrl(in.op, params, results);
      return true;
    }
    case Opcode::Else: {
      if (ctrls_.back().op != Opcode::If) return failMalformed("else without a matching if");
      Ctrl frame;
      if (!popCtrl(frame)) return false;
      pushCtrl(Opcode::Else, frame.params, frame.results);
      return true;
    }
    case Opcode::End: {
      Ctrl frame;
      if (!popCtrl(frame)) return false;
      // An if without else behaves as if its else passed the parameters through.
      if (frame.op == Opcode::If && !sameTypes(frame.params.span(), frame.results.span())) {
        return fail("type mismatch: if without else must have results " + typeListName(frame.results.span()) +
                    " equal to its parameters " + typeListName(frame.params.span()));
      }
      pushList(frame.results.span());
      return true;
    }
    case Opcode::Br: {
      if (!checkLabel(in.index)) return false;
      TypeList label = ctrls_[ctrls_.size() - 1 - in.index].labelTypes();
      if (!popList(label.span())) return false;
      setUnreachable();
      return true;
    }
    case Opcode::BrIf: {
      if (!popExpect(ValType::i32()) || !checkLabel(in.index)) return false;
      TypeList label = ctrls_[ctrls_.size() - 1 - in.index].labelTypes();
      if (!popList(label.span())) return false;
      pushList(label.span());
      return true;
    }
    case Opcode::BrTable: {
      if (!popExpect(ValType::i32())) return false;
      const std::vector<uint32_t>& targets = *in.targets;  // the default label is last
      if (!checkLabel(targets.back())) return false;
      uint32_t arity = ctrls_[ctrls_.size() - 1 - targets.back()].labelTypes().count;
      for (uint32_t depth : targets) {
        if (!checkLabel(depth)) return false;
        TypeList label = ctrls_[ctrls_.size() - 1 - depth].labelTypes();
        if (label.count != arity) {
          return fail("type mismatch: br_table targets have different arities (" + std::to_string(label.count) +
                      " and " + std::to_string(arity) + ")");
        }
        if (!peekList(label.span())) return false;
      }
      setUnreachable();
      return true;
    }
    case Opcode::Return:
      if (!popList(funcResults_)) return false;
      setUnreachable();
      return true;
    case Opcode::Call: {
      if (!checkFunc(in.index)) return false;
      const ir::FuncType& ft = m_.funcType(in.index);
      if (!popList(ft.params)) return false;
      pushList(ft.results);
      return true;
    }
    case Opcode::ReturnCall: {
      // A call whose results are the function's own, in place of a return.
      if (!checkFunc(in.index)) return false;
      const ir::FuncType& ft = m_.funcType(in.index);
      if (!checkTailResults(ft.results)) return false;
      if (!popList(ft.params)) return false;
      setUnreachable();
      return true;
    }
    case Opcode::ReturnCallIndirect: {
      if (!checkTable(in.index2)) return false;
      if (!ctx_.matches(m_.tables[in.index2].elem, ValType::funcref())) {
        return fail("type mismatch: return_call_indirect through a table of " + typeName(m_.tables[in.index2].elem));
      }
      if (in.index >= ctx_.numTypes()) return fail("unknown type " + std::to_string(in.index));
      const ir::FuncType& ft = m_.types[in.index].func;
      if (!checkTailResults(ft.results)) return false;
      if (!popExpect(ctx_.tableAddrType(in.index2)) || !popList(ft.params)) return false;
      setUnreachable();
      return true;
    }
    case Opcode::CallIndirect: {
      if (!checkTable(in.index2)) return false;
      if (!ctx_.matches(m_.tables[in.index2].elem, ValType::funcref())) {
        return fail("type mismatch: call_indirect through a table of " + typeName(m_.tables[in.index2].elem));
      }
      if (in.index >= ctx_.numTypes()) return fail("unknown type " + std::to_string(in.index));
      const ir::FuncType& ft = m_.types[in.index].func;
      if (!popExpect(ctx_.tableAddrType(in.index2)) || !popList(ft.params)) return false;
      pushList(ft.results);
      return true;
    }
    default:
      return true;
  }
}

bool FunctionValidator::stepReference(const binary::Instr& in) {
  switch (in.op) {
    case Opcode::RefNull:
      if (std::string e = ctx_.checkValType(in.refType); !e.empty()) return fail(std::move(e));
      push(in.refType);
      return true;
    case Opcode::RefIsNull: {
      ValType t;
      if (!pop(t)) return false;
      if (!t.isRef() && t.code != kUnknownCode) {
        return fail("type mismatch: ref.is_null expected a reference, found " + typeName(t));
      }
      push(ValType::i32());
      return true;
    }
    case Opcode::RefFunc:
      if (!checkFunc(in.index)) return false;
      if (!ctx_.declaredFuncs[in.index]) {
        return fail("undeclared function reference " + std::to_string(in.index) +
                    " (ref.func needs the function in an element segment, export or global)");
      }
      // (ref $t): the function's own type, never null.
      push(ValType::typedRef(m_.funcTypes[in.index], false));
      return true;
    default:
      return true;
  }
}

bool FunctionValidator::stepTable(const binary::Instr& in) {
  switch (in.op) {
    case Opcode::TableGet: case Opcode::TableSet: case Opcode::TableSize: case Opcode::TableGrow:
    case Opcode::TableFill: {
      if (!checkTable(in.index)) return false;
      ValType elem = m_.tables[in.index].elem, addr = ctx_.tableAddrType(in.index);
      switch (in.op) {
        case Opcode::TableGet:
          if (!popExpect(addr)) return false;
          push(elem);
          return true;
        case Opcode::TableSet:
          return popExpect(elem) && popExpect(addr);
        case Opcode::TableSize:
          push(addr);
          return true;
        case Opcode::TableGrow:
          if (!popExpect(addr) || !popExpect(elem)) return false;
          push(addr);
          return true;
        default:  // table.fill: index, value, count
          return popExpect(addr) && popExpect(elem) && popExpect(addr);
      }
    }
    case Opcode::TableCopy: {
      // index = destination table, index2 = source table.
      if (!checkTable(in.index) || !checkTable(in.index2)) return false;
      ValType dst = m_.tables[in.index].elem, src = m_.tables[in.index2].elem;
      if (!ctx_.matches(src, dst)) return fail("type mismatch: table.copy from " + typeName(src) + " to " + typeName(dst));
      ValType dstAddr = ctx_.tableAddrType(in.index), srcAddr = ctx_.tableAddrType(in.index2);
      ValType count = (dstAddr == ValType::i64() && srcAddr == ValType::i64()) ? ValType::i64() : ValType::i32();
      return popExpect(count) && popExpect(srcAddr) && popExpect(dstAddr);
    }
    case Opcode::TableInit: {
      // index = element segment, index2 = table.
      if (!checkTable(in.index2) || !checkElem(in.index)) return false;
      ValType tableElem = m_.tables[in.index2].elem, segElem = ctx_.elemType(in.index);
      if (!ctx_.matches(segElem, tableElem)) {
        return fail("type mismatch: table.init of " + typeName(segElem) + " into a table of " + typeName(tableElem));
      }
      return popExpect(ValType::i32()) && popExpect(ValType::i32()) && popExpect(ctx_.tableAddrType(in.index2));
    }
    default:
      return true;
  }
}

bool FunctionValidator::stepMemory(const binary::Instr& in) {
  // memory.copy: index = destination memory, index2 = source memory.
  if (!checkMemory(in.index) || !checkMemory(in.index2)) return false;
  ValType dstAddr = ctx_.memoryAddrType(in.index), srcAddr = ctx_.memoryAddrType(in.index2);
  ValType count = (dstAddr == ValType::i64() && srcAddr == ValType::i64()) ? ValType::i64() : ValType::i32();
  return popExpect(count) && popExpect(srcAddr) && popExpect(dstAddr);
}

}  // namespace wasmcap::validate
