#include "validate/const_expr.h"

#include <algorithm>

#include "binary/instr_reader.h"

namespace wasmcap::validate {

using ir::Opcode;
using ir::ValType;

Result<void> ConstExprValidator::validate(const ir::ConstExpr& expr, ValType expected, const std::string& what,
                                          uint32_t visibleGlobals) {
  const ir::Module& m = ctx_.module;
  const bool extended = ctx_.features.extendedConst;
  const uint32_t globals = extended ? std::min(visibleGlobals, ctx_.numGlobals()) : m.importedGlobals;
  auto invalid = [&](std::string msg, uint64_t offset) {
    return Error(ErrorCode::Invalid, std::move(msg) + " (in " + what + ")").at(offset);
  };
  stack_.clear();
  binary::InstrReader reader(m, expr.code);
  binary::Instr in;
  bool ended = false;
  while (!ended) {
    if (reader.atEnd()) return Error(ErrorCode::Malformed, "END opcode expected (in " + what + ")").at(reader.offset());
    WASMCAP_TRY(reader.next(in));
    switch (in.op) {
      case Opcode::I32Const: stack_.push_back(ValType::i32()); break;
      case Opcode::I64Const: stack_.push_back(ValType::i64()); break;
      case Opcode::F32Const: stack_.push_back(ValType::f32()); break;
      case Opcode::F64Const: stack_.push_back(ValType::f64()); break;
      case Opcode::V128Const: stack_.push_back(ValType::v128()); break;
      case Opcode::RefNull:
        if (std::string e = ctx_.checkValType(in.refType); !e.empty()) return invalid(std::move(e), in.offset);
        stack_.push_back(in.refType);
        break;
      case Opcode::RefFunc:
        if (in.index >= ctx_.numFuncs()) return invalid("unknown function " + std::to_string(in.index), in.offset);
        ctx_.declaredFuncs[in.index] = 1;
        stack_.push_back(ValType::typedRef(m.funcTypes[in.index], false));
        break;
      case Opcode::GlobalGet: {
        // 2.0: only imported globals are visible to constant expressions;
        // extended-const widens this to the module's earlier globals.
        if (in.index >= globals) return invalid("unknown global " + std::to_string(in.index), in.offset);
        const ir::GlobalType& g = m.globalTypes[in.index];
        if (g.mut) return invalid("constant expression required: global " + std::to_string(in.index) + " is mutable", in.offset);
        stack_.push_back(g.type);
        break;
      }
      case Opcode::I32Add:
      case Opcode::I32Sub:
      case Opcode::I32Mul:
      case Opcode::I64Add:
      case Opcode::I64Sub:
      case Opcode::I64Mul: {
        // extended-const: integer add, sub and mul are constant.
        if (!extended) {
          return invalid("constant expression required: " + std::string(in.info->name) + " is not constant", in.offset);
        }
        const ValType t = in.op == Opcode::I32Add || in.op == Opcode::I32Sub || in.op == Opcode::I32Mul
                              ? ValType::i32()
                              : ValType::i64();
        if (stack_.size() < 2 || !(stack_.back() == t) || !(stack_[stack_.size() - 2] == t)) {
          return invalid("type mismatch: " + std::string(in.info->name) + " expects two " + typeName(t) + " operands",
                         in.offset);
        }
        stack_.pop_back();
        break;
      }
      case Opcode::End:
        ended = true;
        break;
      default:
        return invalid("constant expression required: " + std::string(in.info->name) + " is not constant", in.offset);
    }
  }
  if (!reader.atEnd()) return Error(ErrorCode::Malformed, "section size mismatch (in " + what + ")").at(reader.offset());
  if (stack_.size() != 1 || !ctx_.matches(stack_[0], expected)) {
    return invalid("type mismatch: expected " + typeListName(std::span<const ValType>(&expected, 1)) + ", found " +
                       typeListName(stack_),
                   in.offset);
  }
  return {};
}

}  // namespace wasmcap::validate
