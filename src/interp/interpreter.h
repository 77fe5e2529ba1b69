// The interpreter tier: lowers validated modules to register-style internal
// code (interp/code.h) and runs it with a computed-goto dispatch loop.
#pragma once
#include <memory>
#include <optional>
#include <span>

#include "runtime/executor.h"
#include "runtime/store.h"

namespace wasmcap::interp {

class Interpreter final : public runtime::Executor {
 public:
  // `options`: the resource checks lowering puts in every function (none by
  // default: the code is then exactly the code without them).
  // `features`: what modules may use beyond 2.0.
  explicit Interpreter(runtime::CodeOptions options = {}, Features features = {})
      : options_(options), features_(features) {}

  const runtime::CodeOptions& options() const override { return options_; }
  const Features& features() const override { return features_; }
  Result<std::unique_ptr<runtime::CompiledCode>> compile(const ir::Module& module) override;
  std::optional<runtime::Trap> call(runtime::Store& store, runtime::FuncInst& func,
                                    std::span<const runtime::Value> args,
                                    std::span<runtime::Value> results) override;

 private:
  runtime::CodeOptions options_;
  Features features_;
};

}  // namespace wasmcap::interp
