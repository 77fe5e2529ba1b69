// Kept apart from linker.cpp so code that only links modules does not pull
// in the decoder and validator.
#include "binary/decoder.h"
#include "runtime/linker.h"
#include "validate/validator.h"

namespace wasmcap::runtime {

Result<std::shared_ptr<const CompiledModule>> loadModule(Executor& executor, std::vector<uint8_t> bytes) {
  WASMCAP_TRY_ASSIGN(ir::Module module, binary::decodeModule(std::move(bytes), executor.features()));
  WASMCAP_TRY(validate::validateModule(module, executor.features()));
  auto compiled = std::make_shared<CompiledModule>();
  compiled->module = std::move(module);
  WASMCAP_TRY_ASSIGN(compiled->code, executor.compile(compiled->module));
  return std::shared_ptr<const CompiledModule>(std::move(compiled));
}

}  // namespace wasmcap::runtime
