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
  Result<std::unique_ptr<runtime::CompiledCode>> compile(const ir::Module& module) override;
  std::optional<runtime::Trap> call(runtime::Store& store, runtime::FuncInst& func,
                                    std::span<const runtime::Value> args,
                                    std::span<runtime::Value> results) override;
};

}  // namespace wasmcap::interp
