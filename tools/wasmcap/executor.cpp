// The CLI runs code with the interpreter tier.
#include "commands.h"
#include "interp/interpreter.h"

namespace wasmcap::cli {

std::unique_ptr<runtime::Executor> makeExecutor() { return std::make_unique<interp::Interpreter>(); }

}  // namespace wasmcap::cli
