#include "wasi/command.h"

#include "wasi/context.h"
#include "wasi/linker.h"

namespace wasmcap::wasi {

Result<CommandOutcome> runCommand(runtime::Store& store, runtime::Linker& linker,
                                  std::shared_ptr<const runtime::CompiledModule> module, const Config& config) {
  WASMCAP_TRY_ASSIGN(std::unique_ptr<Context> created, Context::create(config));
  std::shared_ptr<Context> ctx = std::move(created);
  addImportedToLinker(linker, store, ctx, module->module);

  auto instance = linker.instantiate(store, std::move(module), "main");
  if (!instance.ok()) {
    // A start function that calls proc_exit ends the program during instantiation.
    if (ctx->exitCode) return CommandOutcome{*ctx->exitCode, std::nullopt};
    return std::move(instance).error();
  }
  const runtime::Extern* start = (*instance)->findExport("_start");
  runtime::FuncInst* func = start ? start->asFunc() : nullptr;
  if (!func) return Error(ErrorCode::Usage, "the module exports no _start function: not a WASI command");
  if (!func->type.params.empty() || !func->type.results.empty())
    return Error(ErrorCode::Usage, "_start must take and return nothing");

  std::vector<runtime::Value> results;
  std::optional<runtime::Trap> trap = runtime::invoke(store, *func, {}, results);
  if (!trap) return CommandOutcome{0, std::nullopt};
  if (trap->kind == runtime::TrapKind::Exit) return CommandOutcome{trap->exitCode, std::nullopt};
  return CommandOutcome{kTrapExitCode, std::move(trap)};
}

Result<CommandOutcome> runCommandBytes(runtime::Store& store, std::vector<uint8_t> bytes, const Config& config) {
  WASMCAP_TRY_ASSIGN(auto module, runtime::loadModule(store.executor(), std::move(bytes)));
  runtime::Linker linker;
  return runCommand(store, linker, std::move(module), config);
}

}  // namespace wasmcap::wasi
