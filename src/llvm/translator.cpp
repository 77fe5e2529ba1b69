// The function-body walk: wasm's operand stack becomes SSA values, locals
// become allocas (promoted to registers by the optimiser), block parameters
// and results become phi nodes at the branch targets. Code after an
// unconditional branch is skipped (only its nesting is tracked), so the
// polymorphic stack of unreachable code never needs values.
#include "llvm/translator.h"

#include <llvm/IR/Constants.h>
#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/InlineAsm.h>
#include <llvm/TargetParser/Triple.h>
#include <llvm/IR/Intrinsics.h>
#include <llvm/IR/MDBuilder.h>
#include <llvm/IR/Module.h>

#include <cmath>
#include <map>
#include <vector>

#include "binary/instr_reader.h"
#include "llvm/abi.h"
#include "wasmcap/trap.hpp"

namespace wasmcap::llvmtier {

using ir::Opcode;
using llvm::BasicBlock;
using llvm::Value;

std::string entryName(uint32_t definedIndex) { return "wasm_f" + std::to_string(definedIndex); }
std::string trampolineName(uint32_t definedIndex) { return "wasm_t" + std::to_string(definedIndex); }

namespace {

// Thrown (inside this file only) for what the tier does not support.
struct Unsupported {
  std::string what;
};

struct ModuleEnv {
  const ir::Module& wasm;
  llvm::Module& mod;
  llvm::LLVMContext& ctx;
  llvm::Type* i8;
  llvm::Type* i32;
  llvm::Type* i64;
  llvm::Type* f32;
  llvm::Type* f64;
  llvm::PointerType* ptr;
  std::vector<llvm::Function*> funcs;  // by defined index
  std::map<std::string, llvm::FunctionCallee> helpers;

  ModuleEnv(const ir::Module& w, llvm::Module& m)
      : wasm(w), mod(m), ctx(m.getContext()), i8(llvm::Type::getInt8Ty(ctx)), i32(llvm::Type::getInt32Ty(ctx)),
        i64(llvm::Type::getInt64Ty(ctx)), f32(llvm::Type::getFloatTy(ctx)), f64(llvm::Type::getDoubleTy(ctx)),
        ptr(llvm::PointerType::get(ctx, 0)) {}

  llvm::Type* type(ir::ValType t) const {
    switch (t.code) {
      case ir::TypeCode::I32: return i32;
      case ir::TypeCode::I64: return i64;
      case ir::TypeCode::F32: return f32;
      case ir::TypeCode::F64: return f64;
      case ir::TypeCode::FuncRef: case ir::TypeCode::ExternRef: return ptr;
      default: throw Unsupported{std::string("value type ") + ir::valTypeName(t)};
    }
  }
  // 0 results: void, 1: the value, more: a struct (LLVM returns it in
  // registers or through a hidden pointer).
  llvm::Type* resultType(const std::vector<ir::ValType>& results) const {
    if (results.empty()) return llvm::Type::getVoidTy(ctx);
    if (results.size() == 1) return type(results[0]);
    std::vector<llvm::Type*> fields;
    for (ir::ValType t : results) fields.push_back(type(t));
    return llvm::StructType::get(ctx, fields);
  }
  llvm::FunctionType* funcType(const ir::FuncType& ft) const {
    std::vector<llvm::Type*> params{ptr};
    for (ir::ValType t : ft.params) params.push_back(type(t));
    return llvm::FunctionType::get(resultType(ft.results), params, false);
  }
  llvm::FunctionCallee helper(const char* name, llvm::Type* ret, std::vector<llvm::Type*> params,
                              bool noReturn = false) {
    auto it = helpers.find(name);
    if (it != helpers.end()) return it->second;
    llvm::FunctionCallee f = mod.getOrInsertFunction(name, llvm::FunctionType::get(ret, params, false));
    if (noReturn) {
      auto* fn = llvm::cast<llvm::Function>(f.getCallee());
      fn->setDoesNotReturn();
      fn->setCannotDuplicate();
      fn->addFnAttr(llvm::Attribute::Cold);
      fn->addFnAttr(llvm::Attribute::NoUnwind);
    }
    helpers.emplace(name, f);
    return f;
  }
};

struct Ctrl {
  enum Kind { Block, Loop, If, Function } kind = Block;
  BasicBlock* label = nullptr;  // where a branch to this label goes
  BasicBlock* end = nullptr;    // the code after `end`
  BasicBlock* elseBB = nullptr; // if: the false arm, until `else` is seen
  std::vector<llvm::PHINode*> labelPhis;  // one per label value
  std::vector<llvm::PHINode*> endPhis;    // one per result
  std::vector<ir::ValType> params, results;
  std::vector<Value*> ifParams;  // if: the parameters, for the else arm
  size_t height = 0;             // operand stack height below the parameters
  bool unreachable = false;      // the rest of this block is dead code
};

class FunctionTranslator {
 public:
  FunctionTranslator(ModuleEnv& env, uint32_t definedIndex)
      : env_(env), wasm_(env.wasm), b_(env.ctx), definedIndex_(definedIndex),
        funcIndex_(wasm_.importedFuncs + definedIndex), fn_(env.funcs[definedIndex]) {}

  void translate();

 private:
  // ---- stack --------------------------------------------------------------
  void push(Value* v) { stack_.push_back(v); }
  Value* pop() {
    Value* v = stack_.back();
    stack_.pop_back();
    return v;
  }
  std::vector<Value*> popN(size_t n) {
    std::vector<Value*> out(stack_.end() - n, stack_.end());
    stack_.resize(stack_.size() - n);
    return out;
  }

  // ---- helpers ------------------------------------------------------------
  llvm::ConstantInt* c32(uint32_t v) { return llvm::ConstantInt::get(llvm::Type::getInt32Ty(env_.ctx), v); }
  llvm::Constant* c64(uint64_t v) { return llvm::ConstantInt::get(env_.i64, v); }
  BasicBlock* newBlock(const char* name) { return BasicBlock::Create(env_.ctx, name, fn_); }
  Value* vmField(WcVmField field) {
    Value* p = b_.CreateConstInBoundsGEP1_64(env_.ptr, vmctx_, field);
    auto* load = b_.CreateLoad(env_.ptr, p);
    load->setMetadata(llvm::LLVMContext::MD_invariant_load, llvm::MDNode::get(env_.ctx, {}));
    return load;
  }
  Value* loadPtrAt(Value* array, uint32_t index, bool invariant) {
    Value* p = b_.CreateConstInBoundsGEP1_64(env_.ptr, array, index);
    auto* load = b_.CreateLoad(env_.ptr, p);
    if (invariant) load->setMetadata(llvm::LLVMContext::MD_invariant_load, llvm::MDNode::get(env_.ctx, {}));
    return load;
  }
  Value* intrinsic(llvm::Intrinsic::ID id, llvm::Type* t, std::vector<Value*> args) {
    return b_.CreateIntrinsic(id, {t}, args);
  }
  // A block that traps with `kind` (one per kind and function).
  BasicBlock* trapBlock(TrapKind kind) {
    BasicBlock*& bb = trapBlocks_[static_cast<int>(kind)];
    if (!bb) {
      llvm::IRBuilderBase::InsertPointGuard guard(b_);
      bb = newBlock("trap");
      b_.SetInsertPoint(bb);
      llvm::FunctionCallee f = env_.helper("wc_trap", b_.getVoidTy(), {env_.i32}, true);
      b_.CreateCall(f, {c32(static_cast<uint32_t>(kind))})->setDoesNotReturn();
      b_.CreateUnreachable();
    }
    return bb;
  }
  // Trap with `kind` when `cond` holds; continue in a fresh block otherwise.
  void trapIf(Value* cond, TrapKind kind) {
    BasicBlock* cont = newBlock("ok");
    llvm::MDBuilder md(env_.ctx);
    b_.CreateCondBr(cond, trapBlock(kind), cont, md.createBranchWeights(1, 1 << 20));
    b_.SetInsertPoint(cont);
  }
  void trapNow(TrapKind kind) {
    b_.CreateBr(trapBlock(kind));
    markUnreachable();
  }
  void markUnreachable() {
    ctrls_.back().unreachable = true;
    stack_.resize(ctrls_.back().height);
  }

  // ---- control ------------------------------------------------------------
  void blockSignature(const binary::BlockType& bt, std::vector<ir::ValType>& params,
                      std::vector<ir::ValType>& results) {
    switch (bt.kind) {
      case binary::BlockType::Kind::Empty: break;
      case binary::BlockType::Kind::Value: results.push_back(bt.type); break;
      case binary::BlockType::Kind::Index: {
        const ir::FuncType& ft = wasm_.types[bt.index].func;
        params = ft.params;
        results = ft.results;
        break;
      }
    }
  }
  std::vector<llvm::PHINode*> makePhis(BasicBlock* bb, const std::vector<ir::ValType>& types) {
    llvm::IRBuilderBase::InsertPointGuard guard(b_);
    b_.SetInsertPoint(bb);
    std::vector<llvm::PHINode*> phis;
    for (ir::ValType t : types) phis.push_back(b_.CreatePHI(env_.type(t), 2));
    return phis;
  }
  // Feed the top values of the stack to `target`'s label phis from the current block.
  void addIncoming(Ctrl& target, BasicBlock* from) {
    size_t n = target.labelPhis.size();
    for (size_t i = 0; i < n; ++i) target.labelPhis[i]->addIncoming(stack_[stack_.size() - n + i], from);
  }
  Ctrl& ctrlAt(uint32_t depth) { return ctrls_[ctrls_.size() - 1 - depth]; }

  void beginBlock(const binary::Instr& in);
  void beginLoop(const binary::Instr& in);
  void beginIf(const binary::Instr& in);
  void doElse();
  void doEnd();
  void branch(uint32_t depth);
  void branchIf(uint32_t depth);
  void branchTable(const std::vector<uint32_t>& targets);

  // ---- calls --------------------------------------------------------------
  std::vector<Value*> unpackResults(Value* ret, const ir::FuncType& ft);
  Value* callThroughCells(llvm::FunctionCallee helper, std::vector<Value*> leading, const std::vector<Value*>& args,
                          const ir::FuncType& ft);
  void call(uint32_t funcIndex);
  void callIndirect(uint32_t typeIndex, uint32_t table);
  Value* cellsFromArgs(const std::vector<Value*>& args, size_t count);
  std::vector<Value*> resultsFromCells(Value* cells, const ir::FuncType& ft);

  // ---- memory -------------------------------------------------------------
  Value* address(const binary::Memarg& m, Value* index) {
    if (m.memory != 0) throw Unsupported{"memories other than memory 0"};
    Value* addr = b_.CreateZExt(index, env_.i64);
    if (m.offset) addr = b_.CreateAdd(addr, c64(m.offset));
    return b_.CreateGEP(env_.i8, memBase_, addr);
  }
  void load(const binary::Instr& in, llvm::Type* memType, llvm::Type* resultType, bool signExtend);
  void store(const binary::Instr& in, llvm::Type* memType);

  // ---- numerics -----------------------------------------------------------
  void binary(Opcode op);
  void unary(Opcode op);
  Value* opaque(Value* v);
  Value* hideIdentity(Value* v, double identity);
  void truncTrapping(Value* x, llvm::Type* to, bool isSigned);
  void instruction(const binary::Instr& in);

  ModuleEnv& env_;
  const ir::Module& wasm_;
  llvm::IRBuilder<> b_;
  uint32_t definedIndex_;
  uint32_t funcIndex_;
  llvm::Function* fn_;
  Value* vmctx_ = nullptr;
  Value* memBase_ = nullptr;
  Value* globals_ = nullptr;
  std::vector<llvm::AllocaInst*> locals_;
  std::vector<ir::ValType> localTypes_;
  std::vector<Value*> stack_;
  std::vector<Ctrl> ctrls_;
  std::map<int, BasicBlock*> trapBlocks_;
  uint32_t skipDepth_ = 0;  // nested blocks inside skipped dead code
  bool lastWasLoad_ = false;
};

// ---- the walk -----------------------------------------------------------------

void FunctionTranslator::translate() {
  const ir::Function& f = wasm_.function(funcIndex_);
  const ir::FuncType& ft = wasm_.funcType(funcIndex_);
  BasicBlock* entry = newBlock("entry");
  b_.SetInsertPoint(entry);
  auto argIt = fn_->arg_begin();
  vmctx_ = &*argIt++;
  // Locals live in allocas; mem2reg/SROA turn them into SSA values.
  localTypes_ = ft.params;
  localTypes_.insert(localTypes_.end(), f.locals.begin(), f.locals.end());
  for (size_t i = 0; i < localTypes_.size(); ++i) {
    llvm::Type* t = env_.type(localTypes_[i]);
    llvm::AllocaInst* a = b_.CreateAlloca(t);
    locals_.push_back(a);
    if (i < ft.params.size()) b_.CreateStore(&*argIt++, a);
    else b_.CreateStore(llvm::Constant::getNullValue(t), a);
  }
  // The stack-depth check: native recursion stops here with the usual trap.
  {
    Value* sp = b_.CreatePtrToInt(b_.CreateIntrinsic(llvm::Intrinsic::frameaddress, {env_.ptr}, {c32(0)}), env_.i64);
    Value* limit = b_.CreateLoad(env_.i64, vmField(kWcVmStackLimit));
    trapIf(b_.CreateICmpULT(sp, limit), TrapKind::CallStackExhausted);
  }
  if (!wasm_.memories.empty()) memBase_ = vmField(kWcVmMemBase);
  globals_ = vmField(kWcVmGlobals);

  Ctrl fc;
  fc.kind = Ctrl::Function;
  fc.results = ft.results;
  fc.end = newBlock("return");
  fc.label = fc.end;
  fc.endPhis = makePhis(fc.end, ft.results);
  fc.labelPhis = fc.endPhis;
  ctrls_.push_back(std::move(fc));

  binary::InstrReader reader(wasm_, f.body);
  binary::Instr in;
  while (!ctrls_.empty()) {
    if (reader.atEnd()) throw Unsupported{"truncated body"};
    auto r = reader.next(in);
    if (!r) throw Unsupported{"decoding: " + r.error().message};
    instruction(in);
  }
}

void FunctionTranslator::instruction(const binary::Instr& in) {
  Ctrl& cur = ctrls_.back();
  if (cur.unreachable) {
    switch (in.op) {
      case Opcode::Block: case Opcode::Loop: case Opcode::If: ++skipDepth_; return;
      case Opcode::Else: if (skipDepth_ == 0) doElse(); return;
      case Opcode::End:
        if (skipDepth_ > 0) --skipDepth_;
        else doEnd();
        return;
      default: return;
    }
  }
  bool wasLoad = lastWasLoad_;
  lastWasLoad_ = false;
  switch (in.op) {
    case Opcode::Unreachable: trapNow(TrapKind::Unreachable); return;
    case Opcode::Nop: return;
    case Opcode::Block: beginBlock(in); return;
    case Opcode::Loop: beginLoop(in); return;
    case Opcode::If: beginIf(in); return;
    case Opcode::Else: doElse(); return;
    case Opcode::End: doEnd(); return;
    case Opcode::Br: branch(in.index); return;
    case Opcode::BrIf: branchIf(in.index); return;
    case Opcode::BrTable: branchTable(*in.targets); return;
    case Opcode::Return: branch(static_cast<uint32_t>(ctrls_.size() - 1)); return;
    case Opcode::Call: call(in.index); return;
    case Opcode::CallIndirect: callIndirect(in.index, in.index2); return;
    case Opcode::Drop: {
      Value* v = pop();
      // A load whose value is dropped must still trap when out of bounds:
      // make it volatile so that the optimiser keeps it.
      if (wasLoad) {
        if (auto* l = llvm::dyn_cast<llvm::LoadInst>(v)) l->setVolatile(true);
        else if (auto* c = llvm::dyn_cast<llvm::CastInst>(v)) {
          if (auto* l2 = llvm::dyn_cast<llvm::LoadInst>(c->getOperand(0))) l2->setVolatile(true);
        }
      }
      return;
    }
    case Opcode::Select: case Opcode::SelectT: {
      Value* c = pop();
      Value* v2 = pop();
      Value* v1 = pop();
      push(b_.CreateSelect(b_.CreateICmpNE(c, c32(0)), v1, v2));
      return;
    }
    case Opcode::LocalGet: push(b_.CreateLoad(env_.type(localTypes_[in.index]), locals_[in.index])); return;
    case Opcode::LocalSet: b_.CreateStore(pop(), locals_[in.index]); return;
    case Opcode::LocalTee: b_.CreateStore(stack_.back(), locals_[in.index]); return;
    case Opcode::GlobalGet: {
      ir::GlobalType gt = wasm_.globalTypes[in.index];
      Value* cell = loadPtrAt(globals_, in.index, true);
      push(b_.CreateLoad(env_.type(gt.type), cell));
      return;
    }
    case Opcode::GlobalSet: {
      Value* cell = loadPtrAt(globals_, in.index, true);
      b_.CreateStore(pop(), cell);
      return;
    }
    case Opcode::TableGet: {
      Value* i = pop();
      auto f = env_.helper("wc_table_get", env_.ptr, {env_.ptr, env_.i32, env_.i32});
      push(b_.CreateCall(f, {vmctx_, c32(in.index), i}));
      return;
    }
    case Opcode::TableSet: {
      Value* r = pop();
      Value* i = pop();
      auto f = env_.helper("wc_table_set", b_.getVoidTy(), {env_.ptr, env_.i32, env_.i32, env_.ptr});
      b_.CreateCall(f, {vmctx_, c32(in.index), i, r});
      return;
    }
    case Opcode::I32Load: load(in, env_.i32, env_.i32, false); return;
    case Opcode::I64Load: load(in, env_.i64, env_.i64, false); return;
    case Opcode::F32Load: load(in, env_.f32, env_.f32, false); return;
    case Opcode::F64Load: load(in, env_.f64, env_.f64, false); return;
    case Opcode::I32Load8S: load(in, env_.i8, env_.i32, true); return;
    case Opcode::I32Load8U: load(in, env_.i8, env_.i32, false); return;
    case Opcode::I32Load16S: load(in, b_.getInt16Ty(), env_.i32, true); return;
    case Opcode::I32Load16U: load(in, b_.getInt16Ty(), env_.i32, false); return;
    case Opcode::I64Load8S: load(in, env_.i8, env_.i64, true); return;
    case Opcode::I64Load8U: load(in, env_.i8, env_.i64, false); return;
    case Opcode::I64Load16S: load(in, b_.getInt16Ty(), env_.i64, true); return;
    case Opcode::I64Load16U: load(in, b_.getInt16Ty(), env_.i64, false); return;
    case Opcode::I64Load32S: load(in, env_.i32, env_.i64, true); return;
    case Opcode::I64Load32U: load(in, env_.i32, env_.i64, false); return;
    case Opcode::I32Store: store(in, env_.i32); return;
    case Opcode::I64Store: store(in, env_.i64); return;
    case Opcode::F32Store: store(in, env_.f32); return;
    case Opcode::F64Store: store(in, env_.f64); return;
    case Opcode::I32Store8: case Opcode::I64Store8: store(in, env_.i8); return;
    case Opcode::I32Store16: case Opcode::I64Store16: store(in, b_.getInt16Ty()); return;
    case Opcode::I64Store32: store(in, env_.i32); return;
    case Opcode::MemorySize: {
      if (in.index != 0) throw Unsupported{"memories other than memory 0"};
      auto f = env_.helper("wc_memory_size", env_.i32, {env_.ptr});
      push(b_.CreateCall(f, {vmctx_}));
      return;
    }
    case Opcode::MemoryGrow: {
      if (in.index != 0) throw Unsupported{"memories other than memory 0"};
      auto f = env_.helper("wc_memory_grow", env_.i32, {env_.ptr, env_.i32});
      push(b_.CreateCall(f, {vmctx_, pop()}));
      return;
    }
    case Opcode::MemoryFill: {
      if (in.index != 0) throw Unsupported{"memories other than memory 0"};
      Value* n = pop();
      Value* v = pop();
      Value* d = pop();
      auto f = env_.helper("wc_memory_fill", b_.getVoidTy(), {env_.ptr, env_.i32, env_.i32, env_.i32});
      b_.CreateCall(f, {vmctx_, d, v, n});
      return;
    }
    case Opcode::MemoryCopy: {
      if (in.index != 0 || in.index2 != 0) throw Unsupported{"memories other than memory 0"};
      Value* n = pop();
      Value* s = pop();
      Value* d = pop();
      auto f = env_.helper("wc_memory_copy", b_.getVoidTy(), {env_.ptr, env_.i32, env_.i32, env_.i32});
      b_.CreateCall(f, {vmctx_, d, s, n});
      return;
    }
    case Opcode::MemoryInit: {
      if (in.index2 != 0) throw Unsupported{"memories other than memory 0"};
      Value* n = pop();
      Value* s = pop();
      Value* d = pop();
      auto f = env_.helper("wc_memory_init", b_.getVoidTy(), {env_.ptr, env_.i32, env_.i32, env_.i32, env_.i32});
      b_.CreateCall(f, {vmctx_, c32(in.index), d, s, n});
      return;
    }
    case Opcode::DataDrop: {
      auto f = env_.helper("wc_data_drop", b_.getVoidTy(), {env_.ptr, env_.i32});
      b_.CreateCall(f, {vmctx_, c32(in.index)});
      return;
    }
    case Opcode::TableInit: {
      Value* n = pop();
      Value* s = pop();
      Value* d = pop();
      auto f = env_.helper("wc_table_init", b_.getVoidTy(),
                           {env_.ptr, env_.i32, env_.i32, env_.i32, env_.i32, env_.i32});
      b_.CreateCall(f, {vmctx_, c32(in.index2), c32(in.index), d, s, n});
      return;
    }
    case Opcode::ElemDrop: {
      auto f = env_.helper("wc_elem_drop", b_.getVoidTy(), {env_.ptr, env_.i32});
      b_.CreateCall(f, {vmctx_, c32(in.index)});
      return;
    }
    case Opcode::TableCopy: {
      Value* n = pop();
      Value* s = pop();
      Value* d = pop();
      auto f = env_.helper("wc_table_copy", b_.getVoidTy(),
                           {env_.ptr, env_.i32, env_.i32, env_.i32, env_.i32, env_.i32});
      b_.CreateCall(f, {vmctx_, c32(in.index), c32(in.index2), d, s, n});
      return;
    }
    case Opcode::TableGrow: {
      Value* n = pop();
      Value* init = pop();
      auto f = env_.helper("wc_table_grow", env_.i32, {env_.ptr, env_.i32, env_.ptr, env_.i32});
      push(b_.CreateCall(f, {vmctx_, c32(in.index), init, n}));
      return;
    }
    case Opcode::TableSize: {
      auto f = env_.helper("wc_table_size", env_.i32, {env_.ptr, env_.i32});
      push(b_.CreateCall(f, {vmctx_, c32(in.index)}));
      return;
    }
    case Opcode::TableFill: {
      Value* n = pop();
      Value* r = pop();
      Value* i = pop();
      auto f = env_.helper("wc_table_fill", b_.getVoidTy(), {env_.ptr, env_.i32, env_.i32, env_.ptr, env_.i32});
      b_.CreateCall(f, {vmctx_, c32(in.index), i, r, n});
      return;
    }
    case Opcode::I32Const: push(c32(static_cast<uint32_t>(in.bits))); return;
    case Opcode::I64Const: push(c64(in.bits)); return;
    case Opcode::F32Const:
      push(llvm::ConstantFP::get(env_.ctx, llvm::APFloat(llvm::APFloat::IEEEsingle(),
                                                         llvm::APInt(32, static_cast<uint32_t>(in.bits)))));
      return;
    case Opcode::F64Const:
      push(llvm::ConstantFP::get(env_.ctx, llvm::APFloat(llvm::APFloat::IEEEdouble(), llvm::APInt(64, in.bits))));
      return;
    case Opcode::RefNull: push(llvm::ConstantPointerNull::get(env_.ptr)); return;
    case Opcode::RefIsNull: push(b_.CreateZExt(b_.CreateIsNull(pop()), env_.i32)); return;
    case Opcode::RefFunc: push(loadPtrAt(vmField(kWcVmFuncRefs), in.index, true)); return;
    default: break;
  }
  const std::string_view sig = in.info->sig;
  if (sig.size() == 4 && sig[2] == ':') return binary(in.op);
  if (sig.size() == 3 && sig[1] == ':') return unary(in.op);
  throw Unsupported{std::string(in.info->name)};
}

// ---- control --------------------------------------------------------------------

void FunctionTranslator::beginBlock(const binary::Instr& in) {
  Ctrl c;
  c.kind = Ctrl::Block;
  blockSignature(in.block, c.params, c.results);
  c.height = stack_.size() - c.params.size();
  c.end = newBlock("block.end");
  c.label = c.end;
  c.endPhis = makePhis(c.end, c.results);
  c.labelPhis = c.endPhis;
  ctrls_.push_back(std::move(c));
}

void FunctionTranslator::beginLoop(const binary::Instr& in) {
  Ctrl c;
  c.kind = Ctrl::Loop;
  blockSignature(in.block, c.params, c.results);
  c.height = stack_.size() - c.params.size();
  c.label = newBlock("loop");
  c.labelPhis = makePhis(c.label, c.params);
  c.end = newBlock("loop.end");
  c.endPhis = makePhis(c.end, c.results);
  addIncoming(c, b_.GetInsertBlock());
  b_.CreateBr(c.label);
  b_.SetInsertPoint(c.label);
  stack_.resize(c.height);
  for (llvm::PHINode* p : c.labelPhis) push(p);
  ctrls_.push_back(std::move(c));
}

void FunctionTranslator::beginIf(const binary::Instr& in) {
  Value* cond = pop();
  Ctrl c;
  c.kind = Ctrl::If;
  blockSignature(in.block, c.params, c.results);
  c.height = stack_.size() - c.params.size();
  c.ifParams.assign(stack_.end() - c.params.size(), stack_.end());
  c.end = newBlock("if.end");
  c.label = c.end;
  c.endPhis = makePhis(c.end, c.results);
  c.labelPhis = c.endPhis;
  BasicBlock* then = newBlock("if.then");
  c.elseBB = newBlock("if.else");
  b_.CreateCondBr(b_.CreateICmpNE(cond, c32(0)), then, c.elseBB);
  b_.SetInsertPoint(then);
  ctrls_.push_back(std::move(c));
}

void FunctionTranslator::doElse() {
  Ctrl& c = ctrls_.back();
  if (!c.unreachable) {
    addIncoming(c, b_.GetInsertBlock());
    b_.CreateBr(c.end);
  }
  b_.SetInsertPoint(c.elseBB);
  c.elseBB = nullptr;
  c.unreachable = false;
  stack_.resize(c.height);
  for (Value* v : c.ifParams) push(v);
}

void FunctionTranslator::doEnd() {
  Ctrl& c = ctrls_.back();
  if (!c.unreachable) {
    for (size_t i = 0; i < c.endPhis.size(); ++i)
      c.endPhis[i]->addIncoming(stack_[stack_.size() - c.endPhis.size() + i], b_.GetInsertBlock());
    b_.CreateBr(c.end);
  }
  if (c.elseBB) {  // an `if` without `else`: its parameters are its results
    b_.SetInsertPoint(c.elseBB);
    for (size_t i = 0; i < c.endPhis.size(); ++i) c.endPhis[i]->addIncoming(c.ifParams[i], c.elseBB);
    b_.CreateBr(c.end);
  }
  b_.SetInsertPoint(c.end);
  stack_.resize(c.height);
  for (llvm::PHINode* p : c.endPhis) push(p);
  Ctrl done = std::move(ctrls_.back());
  ctrls_.pop_back();
  if (done.kind == Ctrl::Function) {
    llvm::Type* rt = fn_->getReturnType();
    if (done.endPhis.empty()) {
      b_.CreateRetVoid();
    } else if (done.endPhis.size() == 1) {
      b_.CreateRet(done.endPhis[0]);
    } else {
      Value* agg = llvm::UndefValue::get(rt);
      for (unsigned i = 0; i < done.endPhis.size(); ++i) agg = b_.CreateInsertValue(agg, done.endPhis[i], {i});
      b_.CreateRet(agg);
    }
    return;
  }
  // A join nobody branches to is dead: so is what follows it, up to the
  // enclosing block's end.
  if (llvm::pred_empty(done.end)) {
    b_.CreateUnreachable();
    markUnreachable();
  }
}

void FunctionTranslator::branch(uint32_t depth) {
  Ctrl& target = ctrlAt(depth);
  addIncoming(target, b_.GetInsertBlock());
  b_.CreateBr(target.label);
  markUnreachable();
}

void FunctionTranslator::branchIf(uint32_t depth) {
  Value* cond = pop();
  Ctrl& target = ctrlAt(depth);
  addIncoming(target, b_.GetInsertBlock());
  BasicBlock* cont = newBlock("br_if.cont");
  b_.CreateCondBr(b_.CreateICmpNE(cond, c32(0)), target.label, cont);
  b_.SetInsertPoint(cont);
}

void FunctionTranslator::branchTable(const std::vector<uint32_t>& targets) {
  Value* index = pop();
  // One edge block per distinct target, so each label's phis see one
  // predecessor per br_table however many entries name it.
  std::map<uint32_t, BasicBlock*> edges;
  BasicBlock* from = b_.GetInsertBlock();
  for (uint32_t depth : targets) {
    if (edges.count(depth)) continue;
    BasicBlock* edge = newBlock("br_table.edge");
    b_.SetInsertPoint(edge);
    Ctrl& target = ctrlAt(depth);
    addIncoming(target, edge);
    b_.CreateBr(target.label);
    edges[depth] = edge;
  }
  b_.SetInsertPoint(from);
  llvm::SwitchInst* sw = b_.CreateSwitch(index, edges[targets.back()], static_cast<unsigned>(targets.size() - 1));
  for (size_t i = 0; i + 1 < targets.size(); ++i) sw->addCase(c32(static_cast<uint32_t>(i)), edges[targets[i]]);
  markUnreachable();
}

// ---- calls -----------------------------------------------------------------------

std::vector<Value*> FunctionTranslator::unpackResults(Value* ret, const ir::FuncType& ft) {
  if (ft.results.empty()) return {};
  if (ft.results.size() == 1) return {ret};
  std::vector<Value*> out;
  for (unsigned i = 0; i < ft.results.size(); ++i) out.push_back(b_.CreateExtractValue(ret, {i}));
  return out;
}

Value* FunctionTranslator::cellsFromArgs(const std::vector<Value*>& args, size_t count) {
  llvm::Type* cellArray = llvm::ArrayType::get(env_.i8, kWcCellSize * std::max<size_t>(count, 1));
  llvm::AllocaInst* cells;
  {
    llvm::IRBuilderBase::InsertPointGuard guard(b_);
    b_.SetInsertPoint(&fn_->getEntryBlock(), fn_->getEntryBlock().begin());
    cells = b_.CreateAlloca(cellArray);
    cells->setAlignment(llvm::Align(16));
  }
  for (size_t i = 0; i < args.size(); ++i)
    b_.CreateStore(args[i], b_.CreateConstInBoundsGEP1_64(env_.i8, cells, i * kWcCellSize));
  return cells;
}

std::vector<Value*> FunctionTranslator::resultsFromCells(Value* cells, const ir::FuncType& ft) {
  std::vector<Value*> out;
  for (size_t i = 0; i < ft.results.size(); ++i)
    out.push_back(b_.CreateLoad(env_.type(ft.results[i]), b_.CreateConstInBoundsGEP1_64(env_.i8, cells, i * kWcCellSize)));
  return out;
}

void FunctionTranslator::call(uint32_t funcIndex) {
  const ir::FuncType& ft = wasm_.funcType(funcIndex);
  std::vector<Value*> args = popN(ft.params.size());
  if (!wasm_.isImportedFunc(funcIndex)) {
    std::vector<Value*> callArgs{vmctx_};
    callArgs.insert(callArgs.end(), args.begin(), args.end());
    llvm::CallInst* ret = b_.CreateCall(env_.funcs[funcIndex - wasm_.importedFuncs], callArgs);
    // Never a loop: runaway recursion must reach the stack check and trap.
    ret->setTailCallKind(llvm::CallInst::TCK_NoTail);
    for (Value* v : unpackResults(ret, ft)) push(v);
    return;
  }
  // An import: straight to its code when it is compiled code, else through
  // the runtime's call path (host functions, interpreted code).
  Value* entry = loadPtrAt(vmField(kWcVmImportEntry), funcIndex, true);
  BasicBlock* direct = newBlock("import.direct");
  BasicBlock* slow = newBlock("import.slow");
  BasicBlock* join = newBlock("import.join");
  b_.CreateCondBr(b_.CreateIsNotNull(entry), direct, slow);

  b_.SetInsertPoint(direct);
  Value* calleeVm = loadPtrAt(vmField(kWcVmImportVmctx), funcIndex, true);
  std::vector<Value*> callArgs{calleeVm};
  callArgs.insert(callArgs.end(), args.begin(), args.end());
  Value* ret = b_.CreateCall(env_.funcType(ft), entry, callArgs);
  std::vector<Value*> fast = unpackResults(ret, ft);
  BasicBlock* directEnd = b_.GetInsertBlock();
  b_.CreateBr(join);

  b_.SetInsertPoint(slow);
  Value* cells = cellsFromArgs(args, std::max(ft.params.size(), ft.results.size()));
  auto f = env_.helper("wc_call_import", b_.getVoidTy(), {env_.ptr, env_.i32, env_.ptr});
  b_.CreateCall(f, {vmctx_, c32(funcIndex), cells});
  std::vector<Value*> slowResults = resultsFromCells(cells, ft);
  BasicBlock* slowEnd = b_.GetInsertBlock();
  b_.CreateBr(join);

  b_.SetInsertPoint(join);
  for (size_t i = 0; i < ft.results.size(); ++i) {
    llvm::PHINode* phi = b_.CreatePHI(env_.type(ft.results[i]), 2);
    phi->addIncoming(fast[i], directEnd);
    phi->addIncoming(slowResults[i], slowEnd);
    push(phi);
  }
}

void FunctionTranslator::callIndirect(uint32_t typeIndex, uint32_t table) {
  const ir::FuncType& ft = wasm_.types[typeIndex].func;
  Value* elem = pop();
  std::vector<Value*> args = popN(ft.params.size());
  // The helper checks bounds, null and the type id (trapping otherwise) and
  // returns the callee's entry with its context in `out`, or null with the
  // callee's FuncInst in `out` when it is not compiled code.
  llvm::AllocaInst* out;
  {
    llvm::IRBuilderBase::InsertPointGuard guard(b_);
    b_.SetInsertPoint(&fn_->getEntryBlock(), fn_->getEntryBlock().begin());
    out = b_.CreateAlloca(env_.ptr);
  }
  auto resolve = env_.helper("wc_resolve_indirect", env_.ptr, {env_.ptr, env_.i32, env_.i32, env_.i32, env_.ptr});
  Value* entry = b_.CreateCall(resolve, {vmctx_, c32(table), elem, c32(typeIndex), out});
  Value* outVal = b_.CreateLoad(env_.ptr, out);
  BasicBlock* direct = newBlock("indirect.direct");
  BasicBlock* slow = newBlock("indirect.slow");
  BasicBlock* join = newBlock("indirect.join");
  b_.CreateCondBr(b_.CreateIsNotNull(entry), direct, slow);

  b_.SetInsertPoint(direct);
  std::vector<Value*> callArgs{outVal};
  callArgs.insert(callArgs.end(), args.begin(), args.end());
  Value* ret = b_.CreateCall(env_.funcType(ft), entry, callArgs);
  std::vector<Value*> fast = unpackResults(ret, ft);
  BasicBlock* directEnd = b_.GetInsertBlock();
  b_.CreateBr(join);

  b_.SetInsertPoint(slow);
  Value* cells = cellsFromArgs(args, std::max(ft.params.size(), ft.results.size()));
  auto f = env_.helper("wc_call_ref", b_.getVoidTy(), {env_.ptr, env_.ptr, env_.ptr});
  b_.CreateCall(f, {vmctx_, outVal, cells});
  std::vector<Value*> slowResults = resultsFromCells(cells, ft);
  BasicBlock* slowEnd = b_.GetInsertBlock();
  b_.CreateBr(join);

  b_.SetInsertPoint(join);
  for (size_t i = 0; i < ft.results.size(); ++i) {
    llvm::PHINode* phi = b_.CreatePHI(env_.type(ft.results[i]), 2);
    phi->addIncoming(fast[i], directEnd);
    phi->addIncoming(slowResults[i], slowEnd);
    push(phi);
  }
}

// ---- memory ------------------------------------------------------------------------

void FunctionTranslator::load(const binary::Instr& in, llvm::Type* memType, llvm::Type* resultType,
                              bool signExtend) {
  Value* p = address(in.mem, pop());
  llvm::LoadInst* l = b_.CreateAlignedLoad(memType, p, llvm::Align(1));
  Value* v = l;
  if (memType != resultType) v = signExtend ? b_.CreateSExt(l, resultType) : b_.CreateZExt(l, resultType);
  push(v);
  lastWasLoad_ = true;
}

void FunctionTranslator::store(const binary::Instr& in, llvm::Type* memType) {
  Value* v = pop();
  Value* p = address(in.mem, pop());
  if (v->getType() != memType) v = b_.CreateTrunc(v, memType);
  b_.CreateAlignedStore(v, p, llvm::Align(1));
}

// ---- numerics ----------------------------------------------------------------------

void FunctionTranslator::binary(Opcode op) {
  Value* y = pop();
  Value* x = pop();
  auto cmp = [&](Value* c) { push(b_.CreateZExt(c, env_.i32)); };
  auto divCheck = [&](bool isSigned) {
    trapIf(b_.CreateICmpEQ(y, llvm::ConstantInt::get(y->getType(), 0)), TrapKind::IntegerDivideByZero);
    if (isSigned) {
      unsigned bits = y->getType()->getIntegerBitWidth();
      Value* minX = b_.CreateICmpEQ(x, llvm::ConstantInt::get(x->getType(), llvm::APInt::getSignedMinValue(bits)));
      Value* minusOne = b_.CreateICmpEQ(y, llvm::ConstantInt::getAllOnesValue(y->getType()));
      trapIf(b_.CreateAnd(minX, minusOne), TrapKind::IntegerOverflow);
    }
  };
  auto shiftMask = [&](Value* v) {
    return b_.CreateAnd(v, llvm::ConstantInt::get(v->getType(), v->getType()->getIntegerBitWidth() - 1));
  };
  switch (op) {
    case Opcode::I32Eq: case Opcode::I64Eq: return cmp(b_.CreateICmpEQ(x, y));
    case Opcode::I32Ne: case Opcode::I64Ne: return cmp(b_.CreateICmpNE(x, y));
    case Opcode::I32LtS: case Opcode::I64LtS: return cmp(b_.CreateICmpSLT(x, y));
    case Opcode::I32LtU: case Opcode::I64LtU: return cmp(b_.CreateICmpULT(x, y));
    case Opcode::I32GtS: case Opcode::I64GtS: return cmp(b_.CreateICmpSGT(x, y));
    case Opcode::I32GtU: case Opcode::I64GtU: return cmp(b_.CreateICmpUGT(x, y));
    case Opcode::I32LeS: case Opcode::I64LeS: return cmp(b_.CreateICmpSLE(x, y));
    case Opcode::I32LeU: case Opcode::I64LeU: return cmp(b_.CreateICmpULE(x, y));
    case Opcode::I32GeS: case Opcode::I64GeS: return cmp(b_.CreateICmpSGE(x, y));
    case Opcode::I32GeU: case Opcode::I64GeU: return cmp(b_.CreateICmpUGE(x, y));
    case Opcode::F32Eq: case Opcode::F64Eq: return cmp(b_.CreateFCmpOEQ(x, y));
    case Opcode::F32Ne: case Opcode::F64Ne: return cmp(b_.CreateFCmpUNE(x, y));
    case Opcode::F32Lt: case Opcode::F64Lt: return cmp(b_.CreateFCmpOLT(x, y));
    case Opcode::F32Gt: case Opcode::F64Gt: return cmp(b_.CreateFCmpOGT(x, y));
    case Opcode::F32Le: case Opcode::F64Le: return cmp(b_.CreateFCmpOLE(x, y));
    case Opcode::F32Ge: case Opcode::F64Ge: return cmp(b_.CreateFCmpOGE(x, y));
    case Opcode::I32Add: case Opcode::I64Add: return push(b_.CreateAdd(x, y));
    case Opcode::I32Sub: case Opcode::I64Sub: return push(b_.CreateSub(x, y));
    case Opcode::I32Mul: case Opcode::I64Mul: return push(b_.CreateMul(x, y));
    case Opcode::I32DivS: case Opcode::I64DivS: divCheck(true); return push(b_.CreateSDiv(x, y));
    case Opcode::I32DivU: case Opcode::I64DivU: divCheck(false); return push(b_.CreateUDiv(x, y));
    case Opcode::I32RemS: case Opcode::I64RemS: {
      divCheck(false);
      // INT_MIN % -1 is 0 in wasm but faults on x86: divide by 1 instead.
      Value* minusOne = b_.CreateICmpEQ(y, llvm::ConstantInt::getAllOnesValue(y->getType()));
      Value* safeY = b_.CreateSelect(minusOne, llvm::ConstantInt::get(y->getType(), 1), y);
      return push(b_.CreateSRem(x, safeY));
    }
    case Opcode::I32RemU: case Opcode::I64RemU: divCheck(false); return push(b_.CreateURem(x, y));
    case Opcode::I32And: case Opcode::I64And: return push(b_.CreateAnd(x, y));
    case Opcode::I32Or: case Opcode::I64Or: return push(b_.CreateOr(x, y));
    case Opcode::I32Xor: case Opcode::I64Xor: return push(b_.CreateXor(x, y));
    case Opcode::I32Shl: case Opcode::I64Shl: return push(b_.CreateShl(x, shiftMask(y)));
    case Opcode::I32ShrS: case Opcode::I64ShrS: return push(b_.CreateAShr(x, shiftMask(y)));
    case Opcode::I32ShrU: case Opcode::I64ShrU: return push(b_.CreateLShr(x, shiftMask(y)));
    case Opcode::I32Rotl: case Opcode::I64Rotl: return push(intrinsic(llvm::Intrinsic::fshl, x->getType(), {x, x, y}));
    case Opcode::I32Rotr: case Opcode::I64Rotr: return push(intrinsic(llvm::Intrinsic::fshr, x->getType(), {x, x, y}));
    case Opcode::F32Add: case Opcode::F64Add: return push(b_.CreateFAdd(hideIdentity(x, 0), hideIdentity(y, 0)));
    case Opcode::F32Sub: case Opcode::F64Sub: return push(b_.CreateFSub(hideIdentity(x, 0), hideIdentity(y, 0)));
    case Opcode::F32Mul: case Opcode::F64Mul: return push(b_.CreateFMul(hideIdentity(x, 1), hideIdentity(y, 1)));
    case Opcode::F32Div: case Opcode::F64Div: return push(b_.CreateFDiv(x, hideIdentity(y, 1)));
    // llvm.minimum/maximum: NaN if either is NaN, and -0 < +0, as wasm says;
    // but a NaN they return may be the signalling input, where wasm wants a
    // quiet one: the sum of the operands is that.
    case Opcode::F32Min: case Opcode::F64Min:
      return push(b_.CreateSelect(b_.CreateFCmpUNO(x, y), b_.CreateFAdd(x, y),
                                  intrinsic(llvm::Intrinsic::minimum, x->getType(), {x, y})));
    case Opcode::F32Max: case Opcode::F64Max:
      return push(b_.CreateSelect(b_.CreateFCmpUNO(x, y), b_.CreateFAdd(x, y),
                                  intrinsic(llvm::Intrinsic::maximum, x->getType(), {x, y})));
    case Opcode::F32Copysign: case Opcode::F64Copysign:
      return push(intrinsic(llvm::Intrinsic::copysign, x->getType(), {x, y}));
    default: throw Unsupported{std::string(ir::opInfo(op).name)};
  }
}

// The same value, through an empty inline-asm statement the optimiser cannot
// see through (one register move at most).
Value* FunctionTranslator::opaque(Value* v) {
  llvm::Triple triple(env_.mod.getTargetTriple());
  const char* constraint = triple.isX86() ? "=x,0" : triple.isAArch64() ? "=w,0" : nullptr;
  if (!constraint) return v;
  auto* type = llvm::FunctionType::get(v->getType(), {v->getType()}, false);
  return b_.CreateCall(llvm::InlineAsm::get(type, "", constraint, false), {v});
}

// LLVM folds x + 0, x * 1, x / 1, x / -1, -0 - x to x or -x, which is exact
// except that wasm wants a signalling NaN x quieted by the arithmetic. So a
// constant operand that makes the operation an identity (±identity) is
// hidden from the optimiser. Code compiled from C never has these.
Value* FunctionTranslator::hideIdentity(Value* v, double identity) {
  auto* c = llvm::dyn_cast<llvm::ConstantFP>(v);
  if (!c) return v;
  double d = c->getValueAPF().convertToDouble();
  if (d == identity || d == -identity) return opaque(v);
  return v;
}

// Trapping float → int truncation: NaN traps "invalid conversion", a value
// whose truncation is outside the target range traps "integer overflow".
// The bounds are exact in the source type: the range is (lo, hi) exclusive.
void FunctionTranslator::truncTrapping(Value* x, llvm::Type* to, bool isSigned) {
  trapIf(b_.CreateFCmpUNO(x, x), TrapKind::InvalidConversion);
  unsigned bits = to->getIntegerBitWidth();
  double lo, hi;
  if (isSigned) {
    hi = std::ldexp(1.0, bits - 1);  // 2^(n-1)
    lo = -hi;                        // -2^(n-1) is allowed: compare lo - 1 where exact
  } else {
    hi = std::ldexp(1.0, bits);
    lo = -1.0;
  }
  llvm::Type* ft = x->getType();
  Value* tooSmall;
  if (isSigned) {
    // x < -2^(n-1) traps; -2^(n-1) itself is exact in both float types.
    // For f64 → i32 a value in (-2^31 - 1, -2^31) truncates to -2^31: allowed.
    if (ft->isDoubleTy() && bits == 32) tooSmall = b_.CreateFCmpOLE(x, llvm::ConstantFP::get(ft, lo - 1.0));
    else tooSmall = b_.CreateFCmpOLT(x, llvm::ConstantFP::get(ft, lo));
  } else {
    tooSmall = b_.CreateFCmpOLE(x, llvm::ConstantFP::get(ft, lo));
  }
  Value* tooBig = b_.CreateFCmpOGE(x, llvm::ConstantFP::get(ft, hi));
  trapIf(b_.CreateOr(tooSmall, tooBig), TrapKind::IntegerOverflow);
  push(isSigned ? b_.CreateFPToSI(x, to) : b_.CreateFPToUI(x, to));
}

void FunctionTranslator::unary(Opcode op) {
  Value* x = pop();
  llvm::Type* t = x->getType();
  switch (op) {
    case Opcode::I32Eqz: case Opcode::I64Eqz:
      return push(b_.CreateZExt(b_.CreateICmpEQ(x, llvm::ConstantInt::get(t, 0)), env_.i32));
    case Opcode::I32Clz: case Opcode::I64Clz: return push(intrinsic(llvm::Intrinsic::ctlz, t, {x, b_.getFalse()}));
    case Opcode::I32Ctz: case Opcode::I64Ctz: return push(intrinsic(llvm::Intrinsic::cttz, t, {x, b_.getFalse()}));
    case Opcode::I32Popcnt: case Opcode::I64Popcnt: return push(intrinsic(llvm::Intrinsic::ctpop, t, {x}));
    case Opcode::F32Abs: case Opcode::F64Abs: return push(intrinsic(llvm::Intrinsic::fabs, t, {x}));
    case Opcode::F32Neg: case Opcode::F64Neg: return push(b_.CreateFNeg(x));
    case Opcode::F32Ceil: case Opcode::F64Ceil: return push(intrinsic(llvm::Intrinsic::ceil, t, {x}));
    case Opcode::F32Floor: case Opcode::F64Floor: return push(intrinsic(llvm::Intrinsic::floor, t, {x}));
    case Opcode::F32Trunc: case Opcode::F64Trunc: return push(intrinsic(llvm::Intrinsic::trunc, t, {x}));
    case Opcode::F32Nearest: case Opcode::F64Nearest: return push(intrinsic(llvm::Intrinsic::roundeven, t, {x}));
    case Opcode::F32Sqrt: case Opcode::F64Sqrt: return push(intrinsic(llvm::Intrinsic::sqrt, t, {x}));
    case Opcode::I32WrapI64: return push(b_.CreateTrunc(x, env_.i32));
    case Opcode::I64ExtendI32S: return push(b_.CreateSExt(x, env_.i64));
    case Opcode::I64ExtendI32U: return push(b_.CreateZExt(x, env_.i64));
    case Opcode::I32TruncF32S: case Opcode::I32TruncF64S: return truncTrapping(x, env_.i32, true);
    case Opcode::I32TruncF32U: case Opcode::I32TruncF64U: return truncTrapping(x, env_.i32, false);
    case Opcode::I64TruncF32S: case Opcode::I64TruncF64S: return truncTrapping(x, env_.i64, true);
    case Opcode::I64TruncF32U: case Opcode::I64TruncF64U: return truncTrapping(x, env_.i64, false);
    // The saturating intrinsics are exactly wasm's: NaN gives 0.
    case Opcode::I32TruncSatF32S: case Opcode::I32TruncSatF64S:
      return push(b_.CreateIntrinsic(llvm::Intrinsic::fptosi_sat, {env_.i32, t}, {x}));
    case Opcode::I32TruncSatF32U: case Opcode::I32TruncSatF64U:
      return push(b_.CreateIntrinsic(llvm::Intrinsic::fptoui_sat, {env_.i32, t}, {x}));
    case Opcode::I64TruncSatF32S: case Opcode::I64TruncSatF64S:
      return push(b_.CreateIntrinsic(llvm::Intrinsic::fptosi_sat, {env_.i64, t}, {x}));
    case Opcode::I64TruncSatF32U: case Opcode::I64TruncSatF64U:
      return push(b_.CreateIntrinsic(llvm::Intrinsic::fptoui_sat, {env_.i64, t}, {x}));
    case Opcode::F32ConvertI32S: case Opcode::F32ConvertI64S: return push(b_.CreateSIToFP(x, env_.f32));
    case Opcode::F32ConvertI32U: case Opcode::F32ConvertI64U: return push(b_.CreateUIToFP(x, env_.f32));
    case Opcode::F64ConvertI32S: case Opcode::F64ConvertI64S: return push(b_.CreateSIToFP(x, env_.f64));
    case Opcode::F64ConvertI32U: case Opcode::F64ConvertI64U: return push(b_.CreateUIToFP(x, env_.f64));
    case Opcode::F32DemoteF64:
      // fptrunc(fpext x) folds to x, which would not quiet a signalling NaN.
      if (llvm::isa<llvm::FPExtInst>(x)) x = opaque(x);
      return push(b_.CreateFPTrunc(x, env_.f32));
    case Opcode::F64PromoteF32: return push(b_.CreateFPExt(x, env_.f64));
    case Opcode::I32ReinterpretF32: return push(b_.CreateBitCast(x, env_.i32));
    case Opcode::I64ReinterpretF64: return push(b_.CreateBitCast(x, env_.i64));
    case Opcode::F32ReinterpretI32: return push(b_.CreateBitCast(x, env_.f32));
    case Opcode::F64ReinterpretI64: return push(b_.CreateBitCast(x, env_.f64));
    case Opcode::I32Extend8S: return push(b_.CreateSExt(b_.CreateTrunc(x, env_.i8), env_.i32));
    case Opcode::I32Extend16S: return push(b_.CreateSExt(b_.CreateTrunc(x, b_.getInt16Ty()), env_.i32));
    case Opcode::I64Extend8S: return push(b_.CreateSExt(b_.CreateTrunc(x, env_.i8), env_.i64));
    case Opcode::I64Extend16S: return push(b_.CreateSExt(b_.CreateTrunc(x, b_.getInt16Ty()), env_.i64));
    case Opcode::I64Extend32S: return push(b_.CreateSExt(b_.CreateTrunc(x, env_.i32), env_.i64));
    default: throw Unsupported{std::string(ir::opInfo(op).name)};
  }
}

// The host's way in: void t(entry, vmctx, cells) loads the parameters from
// the cells, calls, and stores the results over them.
void emitTrampoline(ModuleEnv& env, uint32_t definedIndex) {
  const ir::FuncType& ft = env.wasm.funcType(env.wasm.importedFuncs + definedIndex);
  auto* type = llvm::FunctionType::get(llvm::Type::getVoidTy(env.ctx), {env.ptr, env.ptr, env.ptr}, false);
  auto* fn = llvm::Function::Create(type, llvm::Function::ExternalLinkage, trampolineName(definedIndex), env.mod);
  llvm::IRBuilder<> b(BasicBlock::Create(env.ctx, "entry", fn));
  Value* entry = fn->getArg(0);
  Value* vmctx = fn->getArg(1);
  Value* cells = fn->getArg(2);
  std::vector<Value*> args{vmctx};
  for (size_t i = 0; i < ft.params.size(); ++i)
    args.push_back(b.CreateLoad(env.type(ft.params[i]), b.CreateConstInBoundsGEP1_64(env.i8, cells, i * kWcCellSize)));
  Value* ret = b.CreateCall(env.funcType(ft), entry, args);
  for (unsigned i = 0; i < ft.results.size(); ++i) {
    Value* v = ft.results.size() == 1 ? ret : b.CreateExtractValue(ret, {i});
    b.CreateStore(v, b.CreateConstInBoundsGEP1_64(env.i8, cells, i * kWcCellSize));
  }
  b.CreateRetVoid();
}

}  // namespace

bool translateModule(const ir::Module& module, llvm::Module& out, std::string& error) {
  ModuleEnv env(module, out);
  uint32_t current = 0;
  try {
    if (module.memories.size() > 1) throw Unsupported{"multiple memories"};
    if (!module.memories.empty() && module.memories[0].limits.is64) throw Unsupported{"64-bit memories"};
    if (!module.memories.empty() && module.memories[0].limits.shared) throw Unsupported{"shared memories"};
    for (const ir::TableType& t : module.tables)
      if (t.limits.is64) throw Unsupported{"64-bit tables"};
    for (const ir::GlobalType& g : module.globalTypes) env.type(g.type);
    for (uint32_t i = 0; i < module.functions.size(); ++i) {
      llvm::FunctionType* type = env.funcType(module.funcType(module.importedFuncs + i));
      auto* fn = llvm::Function::Create(type, llvm::Function::ExternalLinkage, entryName(i), out);
      fn->addFnAttr(llvm::Attribute::NoUnwind);
      env.funcs.push_back(fn);
    }
    for (current = 0; current < module.functions.size(); ++current) {
      FunctionTranslator(env, current).translate();
      emitTrampoline(env, current);
    }
  } catch (const Unsupported& u) {
    error = "function " + std::to_string(module.importedFuncs + current) + ": " + u.what + " is not supported yet";
    return false;
  }
  return true;
}

}  // namespace wasmcap::llvmtier
