// The 3.0 instructions on typed function references (call_ref,
// return_call_ref, ref.as_non_null, br_on_null, br_on_non_null) and on
// exceptions (throw, throw_ref, try_table).
#include <algorithm>

#include "validate/func_validator.h"

namespace wasmcap::validate {

using ir::Opcode;
using ir::ValType;

bool FunctionValidator::checkTailResults(std::span<const ValType> results) {
  bool ok = results.size() == funcResults_.size();
  for (size_t i = 0; ok && i < results.size(); ++i) ok = ctx_.matches(results[i], funcResults_[i]);
  if (ok) return true;
  return fail("type mismatch: " + std::string(opcodeNameAt()) + " to a function returning " + typeListName(results) +
              " in a function returning " + typeListName(funcResults_));
}

bool FunctionValidator::checkBranchTypes(uint32_t depth, std::span<const ValType> types) {
  if (!checkLabel(depth)) return false;
  std::span<const ValType> label = ctrls_[ctrls_.size() - 1 - depth].labelTypes().span();
  bool ok = label.size() == types.size();
  for (size_t i = 0; ok && i < types.size(); ++i) ok = ctx_.matches(types[i], label[i]);
  if (ok) return true;
  return fail("type mismatch: " + std::string(opcodeNameAt()) + " carries " + typeListName(types) +
              " to a label of type " + typeListName(label));
}

bool FunctionValidator::stepTypedRef(const binary::Instr& in) {
  switch (in.op) {
    case Opcode::CallRef: case Opcode::ReturnCallRef: {
      if (in.index >= ctx_.numTypes()) return fail("unknown type " + std::to_string(in.index));
      const ir::FuncType& ft = m_.types[in.index].func;
      if (!popExpect(ValType::typedRef(in.index, true)) || !popList(ft.params)) return false;
      if (in.op == Opcode::CallRef) {
        pushList(ft.results);
        return true;
      }
      if (!checkTailResults(ft.results)) return false;
      setUnreachable();
      return true;
    }
    case Opcode::RefAsNonNull: {
      ValType t;
      if (!pop(t)) return false;
      if (t.code == kUnknownCode) {
        push(kUnknown);
        return true;
      }
      if (!t.isRef()) return fail("type mismatch: ref.as_non_null expected a reference, found " + typeName(t));
      push(t.asNullable(false));
      return true;
    }
    case Opcode::BrOnNull: {
      ValType t;
      if (!pop(t)) return false;
      if (t.code != kUnknownCode && !t.isRef()) {
        return fail("type mismatch: br_on_null expected a reference, found " + typeName(t));
      }
      if (!checkLabel(in.index)) return false;
      TypeList label = ctrls_[ctrls_.size() - 1 - in.index].labelTypes();
      if (!popList(label.span())) return false;
      pushList(label.span());
      push(t.code == kUnknownCode ? kUnknown : t.asNullable(false));
      return true;
    }
    case Opcode::BrOnNonNull: {
      ValType t;
      if (!pop(t)) return false;
      if (t.code != kUnknownCode && !t.isRef()) {
        return fail("type mismatch: br_on_non_null expected a reference, found " + typeName(t));
      }
      if (!checkLabel(in.index)) return false;
      TypeList label = ctrls_[ctrls_.size() - 1 - in.index].labelTypes();
      std::span<const ValType> types = label.span();
      if (types.empty() || !types.back().isRef()) {
        return fail("type mismatch: br_on_non_null to a label of type " + typeListName(types) +
                    " (its last value must be a reference)");
      }
      if (t.code != kUnknownCode && !ctx_.matches(t.asNullable(false), types.back())) {
        return mismatch(types.back(), t.asNullable(false));
      }
      std::span<const ValType> rest = types.first(types.size() - 1);
      if (!popList(rest)) return false;
      pushList(rest);
      return true;
    }
    default:
      return true;
  }
}

bool FunctionValidator::stepException(const binary::Instr& in) {
  auto tagType = [&](uint32_t tag) -> const ir::FuncType* {
    if (tag >= m_.tags.size()) {
      fail("unknown tag " + std::to_string(tag));
      return nullptr;
    }
    return &m_.types[m_.tags[tag].typeIndex].func;
  };
  switch (in.op) {
    case Opcode::Throw: {
      const ir::FuncType* ft = tagType(in.index);
      if (!ft) return false;
      // Worded as the reference interpreter words it for throw.
      const Ctrl& c = ctrls_.back();
      size_t available = vals_.size() - c.height, n = ft->params.size();
      bool ok = available >= n || c.unreachable;
      for (size_t k = 0; ok && k < std::min(n, available); ++k) {
        ok = ctx_.matches(vals_[vals_.size() - 1 - k], ft->params[n - 1 - k]);
      }
      if (!ok) {
        std::span<const ValType> top(vals_.data() + vals_.size() - std::min(n, available), std::min(n, available));
        return fail("type mismatch: instruction requires " + typeListName(ft->params) + " but stack has " +
                    typeListName(top));
      }
      if (!popList(ft->params)) return false;
      setUnreachable();
      return true;
    }
    case Opcode::ThrowRef:
      if (!popExpect(ValType::exnref())) return false;
      setUnreachable();
      return true;
    case Opcode::TryTable: {
      TypeList params, results;
      if (!blockType(in.block, params, results)) return false;
      // Catch labels are outside the try_table: checked before it is pushed.
      const ValType exn = ValType::ref(ir::TypeCode::ExnRef, false);
      std::vector<ValType> carried;
      for (const binary::Catch& c : *in.catches) {
        carried.clear();
        if (c.kind == binary::Catch::Kind::Catch || c.kind == binary::Catch::Kind::CatchRef) {
          const ir::FuncType* ft = tagType(c.tag);
          if (!ft) return false;
          carried = ft->params;
        }
        if (c.kind == binary::Catch::Kind::CatchRef || c.kind == binary::Catch::Kind::CatchAllRef) carried.push_back(exn);
        if (!checkBranchTypes(c.label, carried)) return false;
      }
      if (!popList(params.span())) return false;
      pushCtrl(Opcode::TryTable, params, results);
      return true;
    }
    default:
      return true;
  }
}

}  // namespace wasmcap::validate
