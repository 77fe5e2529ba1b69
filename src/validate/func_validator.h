// Validation of one function body: the operand-stack / control-stack
// algorithm of the spec appendix. One FunctionValidator is reused for every
// function of a module so its stacks are allocated once.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "binary/instr_reader.h"
#include "validate/context.h"
#include "validate/op_table.h"

namespace wasmcap::validate {

class FunctionValidator {
 public:
  explicit FunctionValidator(const ModuleContext& ctx) : ctx_(ctx), m_(ctx.module) {}

  // Validates the body of defined function `funcIndex` (an index into the
  // function index space, so imported functions come first).
  Result<void> validate(uint32_t funcIndex);

 private:
  // A list of value types: either `count` types at `data`, or (data == null)
  // the one type `single`, for block types written as a single value type.
  struct TypeList {
    const ir::ValType* data = nullptr;
    uint32_t count = 0;
    ir::ValType single;
    std::span<const ir::ValType> span() const { return {data ? data : &single, count}; }
  };
  struct Ctrl {
    ir::Opcode op = ir::Opcode::Block;  // Block, Loop, If, Else (the function body is a Block)
    bool unreachable = false;
    uint32_t height = 0;  // operand stack height at entry
    uint32_t initHeight = 0;  // initLog_ size at entry
    TypeList params, results;
    // Branches to a loop target its start, to anything else its end.
    const TypeList& labelTypes() const { return op == ir::Opcode::Loop ? params : results; }
  };

  // One instruction; false after recording the error in err_.
  bool step(const binary::Instr& in);
  bool stepFixed(const binary::Instr& in, const OpSig& sig);
  bool stepControl(const binary::Instr& in);
  bool stepVariable(const binary::Instr& in);
  bool stepReference(const binary::Instr& in);
  bool stepTable(const binary::Instr& in);
  bool stepMemory(const binary::Instr& in);
  bool stepTypedRef(const binary::Instr& in);
  bool stepException(const binary::Instr& in);
  // Callee results `results` can stand for this function's own (tail calls).
  bool checkTailResults(std::span<const ir::ValType> results);
  // A branch to `depth` from a catch clause / br_on_* carrying `types`.
  bool checkBranchTypes(uint32_t depth, std::span<const ir::ValType> types);

  // Operand stack primitives.
  void push(ir::ValType t) { vals_.push_back(t); }
  void pushList(std::span<const ir::ValType> types) {
    for (ir::ValType t : types) vals_.push_back(t);
  }
  bool pop(ir::ValType& out);
  bool popExpect(ir::ValType expect);
  bool popList(std::span<const ir::ValType> types);
  void setUnreachable();

  // Control stack primitives.
  void pushCtrl(ir::Opcode op, const TypeList& params, const TypeList& results);
  bool popCtrl(Ctrl& out);
  bool blockType(const binary::BlockType& bt, TypeList& params, TypeList& results);
  bool checkLabel(uint32_t depth);
  // Operands on top of the stack match `types`, without popping them.
  bool peekList(std::span<const ir::ValType> types);

  // Index-space checks; each records "unknown <space> N" when out of range.
  bool checkFunc(uint32_t index);
  bool checkTable(uint32_t index);
  bool checkMemory(uint32_t index);
  bool checkElem(uint32_t index);
  bool checkData(uint32_t index);
  bool checkMemarg(const binary::Instr& in, const OpSig& sig);

  // Record an error at the current instruction; always returns false.
  bool fail(std::string message);
  bool failMalformed(std::string message);
  bool mismatch(ir::ValType expected, ir::ValType actual);
  std::string_view opcodeNameAt() const;

  const ModuleContext& ctx_;
  const ir::Module& m_;
  const OpSig* sigs_ = opSigTable();
  uint32_t funcIndex_ = 0;
  uint64_t instrOffset_ = 0;
  const ir::OpInfo* current_ = nullptr;  // the instruction being checked
  std::span<const ir::ValType> funcResults_;
  std::vector<ir::ValType> locals_;
  bool trackInit_ = false;            // some local is non-defaultable
  std::vector<uint8_t> localInit_;    // by local index: set (when trackInit_)
  std::vector<uint32_t> initLog_;     // locals set since entry, innermost block last
  std::vector<ir::ValType> vals_;
  std::vector<Ctrl> ctrls_;
  Error err_;
};

}  // namespace wasmcap::validate
