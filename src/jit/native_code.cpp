#include "jit/native_code.h"

#include "runtime/store.h"

namespace wasmcap::jit {

NativeModuleCode::NativeModuleCode(const LlvmLibrary& library, const WcCompileResult& result, size_t functionCount)
    : library_(library), session_(result.session) {
  funcs_.reserve(functionCount);
  for (size_t i = 0; i < functionCount; ++i) funcs_.push_back({result.entries[i], result.trampolines[i]});
}

NativeModuleCode::~NativeModuleCode() { library_.release(session_); }

runtime::Value valueFromCell(ir::ValType t, const runtime::RawValue& cell) {
  runtime::Value v = runtime::Value::zero(t);
  switch (t.code) {
    case ir::TypeCode::I32: case ir::TypeCode::F32: v.raw.i32 = cell.i32; break;
    case ir::TypeCode::I64: case ir::TypeCode::F64: v.raw.i64 = cell.i64; break;
    case ir::TypeCode::FuncRef: case ir::TypeCode::ExternRef: v.raw.ref = cell.ref; break;
    default: v.raw = cell; break;
  }
  return v;
}

namespace {

// The context and the arrays it points into.
struct VmCtxStorage {
  WcVmCtx ctx{};
  std::vector<void*> globals;
  std::vector<void*> importEntry;
  std::vector<void*> importVmctx;
};

}  // namespace

WcVmCtx* vmctxFor(runtime::Instance& inst) {
  if (inst.tierState) return &static_cast<VmCtxStorage*>(inst.tierState.get())->ctx;
  auto storage = std::make_shared<VmCtxStorage>();
  const ir::Module& m = inst.module();
  for (runtime::Global* g : inst.globals) storage->globals.push_back(&g->value);
  storage->importEntry.assign(m.importedFuncs, nullptr);
  storage->importVmctx.assign(m.importedFuncs, nullptr);
  for (uint32_t i = 0; i < m.importedFuncs; ++i) {
    runtime::FuncInst* f = inst.funcs[i];
    if (f->isHost() || !f->nativeCode) continue;
    storage->importEntry[i] = static_cast<const NativeFunc*>(f->code)->entry;
    storage->importVmctx[i] = vmctxFor(*f->instance);
  }
  WcVmCtx& c = storage->ctx;
  c.memBase = inst.memories.empty() ? nullptr : inst.memories[0]->base();
  c.globals = storage->globals.data();
  c.funcRefs = reinterpret_cast<void**>(inst.funcs.data());
  c.importEntry = storage->importEntry.data();
  c.importVmctx = storage->importVmctx.data();
  c.stackLimit = &inst.store->nativeStackLimit;
  c.instance = &inst;
  inst.tierState = storage;
  return &c;
}

}  // namespace wasmcap::jit
