// wasm → LLVM IR: one LLVM function per defined wasm function, each taking
// the instance context (WcVmCtx*, src/llvm/abi.h) first, plus one trampoline
// per function through which the host calls it with arguments in cells.
#pragma once
#include <string>

#include "ir/module.h"

namespace llvm {
class LLVMContext;
class Module;
}  // namespace llvm

namespace wasmcap::llvmtier {

// The symbol names of defined function `definedIndex` and of its trampoline.
std::string entryName(uint32_t definedIndex);
std::string trampolineName(uint32_t definedIndex);

// Translate every defined function of a validated module into `out`. On
// failure (an instruction this tier does not support yet) returns false with
// the reason in `error`; `out` is then unusable.
bool translateModule(const ir::Module& module, llvm::Module& out, std::string& error);

}  // namespace wasmcap::llvmtier
