// The LLVM tier's code for one module as the runtime holds it, and the
// per-instance context compiled code runs with.
#pragma once
#include <cstdint>
#include <vector>

#include "jit/llvm_loader.h"
#include "llvm/abi.h"
#include "runtime/executor.h"
#include "runtime/instance.h"

namespace wasmcap::jit {

// What FuncInst::code points to for a compiled function.
struct NativeFunc {
  void* entry;       // R f(WcVmCtx*, params...)
  void* trampoline;  // void t(void* entry, WcVmCtx*, cells*)
};
using Trampoline = void (*)(void* entry, WcVmCtx* vm, void* cells);

class NativeModuleCode final : public runtime::CompiledCode {
 public:
  NativeModuleCode(const LlvmLibrary& library, const WcCompileResult& result, size_t functionCount);
  ~NativeModuleCode() override;
  const void* function(uint32_t definedIndex) const override { return &funcs_[definedIndex]; }
  bool isNative() const override { return true; }

 private:
  const LlvmLibrary& library_;
  void* session_;
  std::vector<NativeFunc> funcs_;
};

// The instance's context, created on first use (kept in Instance::tierState).
// Its imports' contexts are created along with it.
WcVmCtx* vmctxFor(runtime::Instance& instance);

// A value of type `t` from a cell compiled code wrote (the bytes beyond the
// type's size are left as they are there, so they are cleared here).
runtime::Value valueFromCell(ir::ValType t, const runtime::RawValue& cell);

// The runtime functions compiled code calls, by name.
const WcHelper* helperTable(size_t& count);

}  // namespace wasmcap::jit
