// The LLVM tier as an Executor: compiles each module to native code through
// libwasmcap-llvm.so (loaded on the first compile) and runs it. A module the
// tier cannot compile yet (an instruction it does not support) is handed to
// the interpreter instead, and `onNote` says so; both kinds of code call
// each other through the Executor boundary.
#pragma once
#include <functional>
#include <string>

#include "interp/interpreter.h"
#include "runtime/executor.h"

namespace wasmcap::jit {

class LlvmExecutor final : public runtime::Executor {
 public:
  // `optLevel`: 0..3 (LLVM's -O levels). `onNote`: told about modules that
  // fall back to the interpreter (may be empty).
  LlvmExecutor(Features features, int optLevel = 2, std::function<void(const std::string&)> onNote = {});

  const Features& features() const override { return features_; }
  Result<std::unique_ptr<runtime::CompiledCode>> compile(const ir::Module& module) override;
  std::optional<runtime::Trap> call(runtime::Store& store, runtime::FuncInst& func,
                                    std::span<const runtime::Value> args,
                                    std::span<runtime::Value> results) override;

 private:
  Features features_;
  int optLevel_;
  std::function<void(const std::string&)> onNote_;
  interp::Interpreter fallback_;
};

}  // namespace wasmcap::jit
