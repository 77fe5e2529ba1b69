// wasi::runCommand: a WASI command's life, from instantiation to exit status.
#include "api/impl.h"
#include "wasi/command.h"
#include "wasi/threads.h"

namespace wasmcap::wasi {

namespace {

// proc_exit ends the program with a status; it arrives as a trap of kind Exit.
std::optional<int32_t> exitStatus(const Error& error) {
  if (error.trap && error.trap->kind == TrapKind::Exit) return error.trap->exitCode;
  return std::nullopt;
}

}  // namespace

Result<int32_t> runCommand(Linker& linker, const Module& module) {
  Result<Instance> instance = linker.instantiate(module, "main");
  if (!instance) {
    // A start function may end the program before _start.
    if (auto status = exitStatus(instance.error())) return *status;
    return std::move(instance).error();
  }
  std::shared_ptr<ThreadGroup> group = threadGroupOf(linker, *instance);
  Result<int32_t> status = runCommand(*instance);
  if (!group) return status;
  // wasi-threads: the first ending of any thread counts; the others are
  // stopped and waited for.
  ThreadGroup::Ending ending;
  if (status) {
    ending.exitCode = *status;
  } else if (const auto& trap = status.error().trap) {
    ending.exitCode = kTrapExitCode;
    ending.trap = runtime::fromPublicTrap(*trap);
  } else {
    return status;  // not an ending of the program (no _start, say)
  }
  ThreadGroup::Ending first = group->finish(std::move(ending));
  if (first.trap) return trapToError(*first.trap);
  return first.exitCode;
}

Result<int32_t> runCommand(const Instance& instance) {
  Result<Func> start = instance.func("_start");
  if (!start) return Error(ErrorCode::Usage, "the module exports no _start function: not a WASI command");
  Result<TypedFunc<void()>> typed = start->typed<void()>();
  if (!typed) return Error(ErrorCode::Usage, "_start must take and return nothing");
  Result<void> ran = (*typed)();
  if (ran) return 0;
  if (auto status = exitStatus(ran.error())) return *status;
  return std::move(ran).error();
}

}  // namespace wasmcap::wasi
