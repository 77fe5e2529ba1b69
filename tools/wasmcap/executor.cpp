// The CLI runs code with the interpreter tier.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "commands.h"
#include "interp/interpreter.h"

namespace wasmcap::cli {

namespace {

// Development hook, not an interface: WASMCAP_DEV_CODE_OPTIONS=fuel,interrupt
// compiles with those resource checks on, fuel refilled to the maximum on
// every call, so that the spec suite can run through the checks.
class DevExecutor final : public runtime::Executor {
 public:
  explicit DevExecutor(runtime::CodeOptions options) : interp_(options) {}
  const runtime::CodeOptions& options() const override { return interp_.options(); }
  Result<std::unique_ptr<runtime::CompiledCode>> compile(const ir::Module& module) override {
    return interp_.compile(module);
  }
  std::optional<runtime::Trap> call(runtime::Store& store, runtime::FuncInst& func,
                                    std::span<const runtime::Value> args,
                                    std::span<runtime::Value> results) override {
    store.fuel = UINT64_MAX;
    return interp_.call(store, func, args, results);
  }

 private:
  interp::Interpreter interp_;
};

}  // namespace

std::unique_ptr<runtime::Executor> makeExecutor() {
  const char* dev = std::getenv("WASMCAP_DEV_CODE_OPTIONS");
  if (dev == nullptr) return std::make_unique<interp::Interpreter>();
  std::string_view names(dev);
  return std::make_unique<DevExecutor>(runtime::CodeOptions{.consumeFuel = names.find("fuel") != names.npos,
                                                            .interruptible = names.find("interrupt") != names.npos});
}

}  // namespace wasmcap::cli
