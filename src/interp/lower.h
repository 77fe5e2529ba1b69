// Lowering: one validated function body -> internal code (see code.h).
#pragma once
#include <memory>

#include "interp/code.h"
#include "ir/module.h"
#include "util/result.h"

namespace wasmcap::interp {

// `handlers` is the dispatch loop's handler table (dispatch.h), indexed by
// handlerIndex(). The module must already be valid. `options` adds the
// resource checks (fuel, interruption) at function entry and loop headers.
Result<std::unique_ptr<CompiledFunction>> lowerFunction(const ir::Module& module, uint32_t funcIndex,
                                                        const void* const* handlers,
                                                        const runtime::CodeOptions& options = {});

}  // namespace wasmcap::interp
