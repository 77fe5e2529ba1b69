// Running a WASI command: instantiate with the preview1 functions, call
// `_start`, and turn the ending into an exit status.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "runtime/instance.h"
#include "runtime/linker.h"
#include "runtime/store.h"
#include "util/result.h"
#include "wasi/config.h"

namespace wasmcap::wasi {

// The exit status of a trap that is not proc_exit (as 128 + SIGABRT, what a
// native program that aborts reports).
constexpr int32_t kTrapExitCode = 134;

struct CommandOutcome {
  int32_t exitCode = 0;                // 0 when _start returns, else the proc_exit code or kTrapExitCode
  std::optional<runtime::Trap> trap;   // the trap, when the program trapped (not for proc_exit)
};

// Links the preview1 functions `module` imports, bound to a Context for
// `config`, into `linker` (which may already hold other definitions),
// instantiates `module` and runs `_start`. Errors are failures before the
// program ran: a bad Config (Io/Usage), unlinkable imports, or a module
// without a `_start` function (Usage). Output is written straight to the
// host descriptors, so nothing is left to flush.
Result<CommandOutcome> runCommand(runtime::Store& store, runtime::Linker& linker,
                                  std::shared_ptr<const runtime::CompiledModule> module, const Config& config);

// The same from module bytes: decodes, validates and compiles with the
// store's executor, then runs in a fresh Linker.
Result<CommandOutcome> runCommandBytes(runtime::Store& store, std::vector<uint8_t> bytes, const Config& config);

}  // namespace wasmcap::wasi
