#include "runtime/const_expr.h"

#include <optional>
#include <vector>

#include "binary/instr_reader.h"
#include "util/leb128.h"

namespace wasmcap::runtime {

namespace {

Error invalid(const binary::Instr& instr, std::string msg) {
  return Error(ErrorCode::Invalid, std::move(msg)).at(instr.offset);
}

// The operand stack of a constant expression. A plain stack machine so the
// extended-const arithmetic (add/sub/mul) of 3.0 is one case each.
class ConstStack {
 public:
  void push(Value v) { values_.push_back(v); }
  Result<Value> pop(const binary::Instr& instr, ir::ValType expected) {
    if (values_.empty() || !(values_.back().type == expected))
      return invalid(instr, "type mismatch in constant expression");
    Value v = values_.back();
    values_.pop_back();
    return v;
  }
  size_t size() const { return values_.size(); }
  const Value& top() const { return values_.back(); }

 private:
  std::vector<Value> values_;
};

template <typename Op>
Result<void> binaryI32(ConstStack& stack, const binary::Instr& instr, Op op) {
  WASMCAP_TRY_ASSIGN(Value rhs, stack.pop(instr, ir::ValType::i32()));
  WASMCAP_TRY_ASSIGN(Value lhs, stack.pop(instr, ir::ValType::i32()));
  stack.push(Value::i32(op(lhs.raw.i32, rhs.raw.i32)));
  return {};
}

template <typename Op>
Result<void> binaryI64(ConstStack& stack, const binary::Instr& instr, Op op) {
  WASMCAP_TRY_ASSIGN(Value rhs, stack.pop(instr, ir::ValType::i64()));
  WASMCAP_TRY_ASSIGN(Value lhs, stack.pop(instr, ir::ValType::i64()));
  stack.push(Value::i64(op(lhs.raw.i64, rhs.raw.i64)));
  return {};
}

// Unsigned arithmetic wraps, which is exactly the wasm semantics. The
// multiplications are done in a type no narrower than unsigned int so integer
// promotion cannot turn them into signed (overflowing) arithmetic.
uint32_t add32(uint32_t a, uint32_t b) { return a + b; }
uint32_t sub32(uint32_t a, uint32_t b) { return a - b; }
uint32_t mul32(uint32_t a, uint32_t b) { return static_cast<uint32_t>(uint64_t{a} * b); }
uint64_t add64(uint64_t a, uint64_t b) { return a + b; }
uint64_t sub64(uint64_t a, uint64_t b) { return a - b; }
uint64_t mul64(uint64_t a, uint64_t b) { return a * b; }

// The common shapes, `i32.const`, `i64.const` or `global.get` followed by
// `end`, read straight from the bytes: instantiation evaluates one for every
// global and active segment. Anything else (or anything unexpected) is left
// to the general evaluator.
std::optional<Value> evalSingleInstruction(const Instance& inst, const uint8_t* p, size_t size) {
  constexpr uint8_t kEnd = 0x0B, kI32Const = 0x41, kI64Const = 0x42, kGlobalGet = 0x23;
  if (size < 3 || p[size - 1] != kEnd) return std::nullopt;
  const uint8_t* imm = p + 1;
  const uint8_t* immEnd = p + size - 1;
  size_t len = 0;
  switch (p[0]) {
    case kI32Const: {
      int64_t v;
      if (leb128::readSigned(imm, immEnd, 32, &v, &len) != leb128::Status::Ok || imm + len != immEnd) break;
      return Value::i32(static_cast<uint32_t>(v));
    }
    case kI64Const: {
      int64_t v;
      if (leb128::readSigned(imm, immEnd, 64, &v, &len) != leb128::Status::Ok || imm + len != immEnd) break;
      return Value::i64(static_cast<uint64_t>(v));
    }
    case kGlobalGet: {
      uint64_t index;
      if (leb128::readUnsigned(imm, immEnd, 32, &index, &len) != leb128::Status::Ok || imm + len != immEnd) break;
      if (index < inst.globals.size() && inst.globals[index]) return inst.globals[index]->get();
      break;
    }
    default: break;
  }
  return std::nullopt;
}

}  // namespace

Result<Value> evalConstExpr(const Instance& inst, const ir::ConstExpr& expr) {
  using ir::Opcode;
  const ir::Module& module = inst.module();
  if (expr.code.offset + expr.code.size > module.bytes.size())
    return Error(ErrorCode::Internal, "constant expression outside the module bytes");
  if (std::optional<Value> v = evalSingleInstruction(inst, module.at(expr.code.offset), expr.code.size)) return *v;

  binary::InstrReader reader(module, expr.code);
  ConstStack stack;
  binary::Instr instr;
  while (!reader.atEnd()) {
    WASMCAP_TRY(reader.next(instr));
    switch (instr.op) {
      case Opcode::I32Const: stack.push(Value::i32(static_cast<uint32_t>(instr.bits))); break;
      case Opcode::I64Const: stack.push(Value::i64(instr.bits)); break;
      case Opcode::F32Const: stack.push(Value::f32Bits(static_cast<uint32_t>(instr.bits))); break;
      case Opcode::F64Const: stack.push(Value::f64Bits(instr.bits)); break;
      case Opcode::V128Const: {
        V128 v;
        std::memcpy(v.bytes, instr.v128, 16);
        stack.push(Value::v128(v));
        break;
      }
      case Opcode::RefNull: stack.push(Value::ref(instr.refType, nullptr)); break;
      case Opcode::RefFunc: {
        if (instr.index >= inst.funcs.size()) return invalid(instr, "unknown function " + std::to_string(instr.index));
        stack.push(Value::ref(ir::ValType::funcref(), inst.funcs[instr.index]));
        break;
      }
      case Opcode::GlobalGet: {
        if (instr.index >= inst.globals.size() || !inst.globals[instr.index])
          return invalid(instr, "unknown global " + std::to_string(instr.index));
        stack.push(inst.globals[instr.index]->get());
        break;
      }
      case Opcode::I32Add: WASMCAP_TRY(binaryI32(stack, instr, add32)); break;
      case Opcode::I32Sub: WASMCAP_TRY(binaryI32(stack, instr, sub32)); break;
      case Opcode::I32Mul: WASMCAP_TRY(binaryI32(stack, instr, mul32)); break;
      case Opcode::I64Add: WASMCAP_TRY(binaryI64(stack, instr, add64)); break;
      case Opcode::I64Sub: WASMCAP_TRY(binaryI64(stack, instr, sub64)); break;
      case Opcode::I64Mul: WASMCAP_TRY(binaryI64(stack, instr, mul64)); break;
      case Opcode::End: {
        if (stack.size() != 1) return invalid(instr, "type mismatch in constant expression");
        return stack.top();
      }
      default: return invalid(instr, "constant expression required");
    }
  }
  return Error(ErrorCode::Malformed, "constant expression without end").at(reader.offset());
}

}  // namespace wasmcap::runtime
