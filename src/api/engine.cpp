#include "api/impl.h"
#include "interp/interpreter.h"
#include "jit/llvm_executor.h"
#include "jit/llvm_loader.h"

#ifndef WASMCAP_VERSION
#define WASMCAP_VERSION "unknown"
#endif

namespace wasmcap {

namespace {

std::unique_ptr<runtime::Executor> makeExecutor(const EngineConfig& config) {
  runtime::CodeOptions options{.consumeFuel = config.consumeFuel, .interruptible = config.interruptible};
  if (config.tier == Tier::Llvm) {
    if (options.consumeFuel || options.interruptible) {
      if (config.onNote) config.onNote("the LLVM tier has no fuel or interruption checks yet: using the interpreter");
    } else if (!tierAvailable(Tier::Llvm)) {
      if (config.onNote) config.onNote("the LLVM tier is not available here: using the interpreter");
    } else {
      return std::make_unique<jit::LlvmExecutor>(config.features, config.optLevel, config.onNote);
    }
  }
  return std::make_unique<interp::Interpreter>(options, config.features);
}

}  // namespace

Engine::Engine(EngineConfig config) : impl_(std::make_shared<Impl>()) {
  impl_->config = config;
  impl_->executor = makeExecutor(config);
}

const EngineConfig& Engine::config() const { return impl_->config; }

const char* version() { return WASMCAP_VERSION; }

bool tierAvailable(Tier tier) {
  switch (tier) {
    case Tier::Interpreter: return true;
    case Tier::Llvm: return jit::llvmTierBuilt() && !jit::findLlvmLibrary().empty();
  }
  return false;
}

}  // namespace wasmcap
