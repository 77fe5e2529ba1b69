#include "api/impl.h"
#include "interp/interpreter.h"

#ifndef WASMCAP_VERSION
#define WASMCAP_VERSION "unknown"
#endif

namespace wasmcap {

Engine::Engine(EngineConfig config) : impl_(std::make_shared<Impl>()) {
  impl_->config = config;
  impl_->executor = std::make_unique<interp::Interpreter>(
      runtime::CodeOptions{.consumeFuel = config.consumeFuel, .interruptible = config.interruptible},
      config.features);
}

const EngineConfig& Engine::config() const { return impl_->config; }

const char* version() { return WASMCAP_VERSION; }

}  // namespace wasmcap
