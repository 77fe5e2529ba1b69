// `wasmcap run`: instantiate a module without WASI and call one export.
#include <cstdio>

#include "commands.h"
#include "runtime/linker.h"
#include "runtime/store.h"
#include "script/module_file.h"
#include "script/value_text.h"

namespace wasmcap::cli {

void addRunCommand(CLI::App& app, RunOptions& options) {
  CLI::App* cmd = app.add_subcommand("run", "Instantiate a module (no WASI) and call an exported function");
  cmd->add_option("--invoke", options.invoke,
                  "Exported function to call; without it the module is only instantiated (its start "
                  "function runs)");
  cmd->add_option("file", options.file, "Module file (.wasm or .wat)")->required();
  cmd->add_option("args", options.args, "Arguments, parsed by the function's parameter types");
  cmd->footer(
      "Arguments: i32/i64 as decimal or 0x hex (negative values wrap), f32/f64 as decimal, hex float,\n"
      "inf, -inf, nan or nan:0xPAYLOAD, v128 as 0x + 32 hex digits, references as null. Put `--`\n"
      "before arguments such as -inf or -nan that look like options.\n"
      "Results are printed one per line as TYPE:VALUE, e.g. i32:42, f64:-1.5, f32:nan.\n"
      "A trap prints `trap: MESSAGE` and the wasm backtrace to stderr and exits 132;\n"
      "bad input exits 1, a bad command line 2.\n"
      "Examples:\n"
      "  wasmcap run --invoke add add.wasm 1 2\n"
      "  wasmcap run --invoke sqrt math.wat -- -inf");
}

int runRun(const RunOptions& options) {
  auto bytes = script::loadModuleFile(options.file);
  if (!bytes.ok()) {
    std::fprintf(stderr, "%s: %s\n", options.file.c_str(), bytes.error().describe().c_str());
    return kExitFailure;
  }
  auto executor = makeExecutor();
  runtime::Store store(*executor);
  auto compiled = runtime::loadModule(*executor, std::move(*bytes));
  if (!compiled.ok()) {
    std::fprintf(stderr, "%s: %s\n", options.file.c_str(), compiled.error().describe().c_str());
    return kExitFailure;
  }
  runtime::Linker linker;
  auto instance = linker.instantiate(store, std::move(*compiled), "main");
  if (!instance.ok()) {
    std::fprintf(stderr, "%s: %s\n", options.file.c_str(), instance.error().describe().c_str());
    return instance.error().code == ErrorCode::Trap ? kExitTrap : kExitFailure;
  }
  if (options.invoke.empty()) {
    if (!options.args.empty()) {
      std::fprintf(stderr, "wasmcap run: arguments given without --invoke\n");
      return kExitUsage;
    }
    return kExitOk;
  }

  const runtime::Extern* ext = (*instance)->findExport(options.invoke);
  runtime::FuncInst* func = ext ? ext->asFunc() : nullptr;
  if (!func) {
    std::fprintf(stderr, "%s: no exported function \"%s\"\n", options.file.c_str(), options.invoke.c_str());
    return kExitFailure;
  }
  const auto& params = func->type.params;
  if (options.args.size() != params.size()) {
    std::fprintf(stderr, "wasmcap run: \"%s\" %s takes %zu argument(s), %zu given\n", options.invoke.c_str(),
                 ir::funcTypeToString(func->type).c_str(), params.size(), options.args.size());
    return kExitUsage;
  }
  std::vector<runtime::Value> args;
  for (size_t i = 0; i < params.size(); ++i) {
    auto value = script::parseValue(params[i], options.args[i]);
    if (!value.ok()) {
      std::fprintf(stderr, "wasmcap run: argument %zu: %s\n", i + 1, value.error().message.c_str());
      return kExitUsage;
    }
    args.push_back(*value);
  }
  std::vector<runtime::Value> results;
  for (const auto& t : func->type.results) results.push_back(runtime::Value::zero(t));
  if (auto trap = runtime::invoke(store, *func, args, results)) {
    std::fprintf(stderr, "trap: %s\n", trap->describe().c_str());
    return kExitTrap;
  }
  for (const auto& v : results) std::printf("%s\n", script::formatValue(v).c_str());
  return kExitOk;
}

}  // namespace wasmcap::cli
