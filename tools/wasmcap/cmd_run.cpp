// `wasmcap run`: run a WASI command like a native program, or instantiate a
// module (a plain module or a WASI reactor) and call one export.
#include <fcntl.h>

#include <algorithm>
#include <cstdio>

#include "commands.h"
#include "run_capabilities.h"
#include "runtime/linker.h"
#include "runtime/store.h"
#include "script/module_file.h"
#include "script/value_text.h"
#include "wasi/command.h"
#include "wasi/context.h"
#include "wasi/linker.h"

namespace wasmcap::cli {

namespace {

// A trap in a WASI command ends it like a native program killed by SIGABRT.
constexpr int kExitCommandTrap = wasi::kTrapExitCode;

int fail(const std::string& what, const Error& error) {
  std::fprintf(stderr, "wasmcap run: %s: %s\n", what.c_str(), error.describe().c_str());
  return error.code == ErrorCode::Usage ? kExitUsage : kExitFailure;
}

// The capabilities named on the command line; the listening sockets stay
// open (owned here) until the program ends.
struct Capabilities {
  wasi::Config config;
  std::vector<ListenSocket> sockets;
};

Result<Capabilities> buildCapabilities(const RunOptions& options) {
  Capabilities caps;
  caps.config.args.push_back(options.file);
  caps.config.args.insert(caps.config.args.end(), options.args.begin(), options.args.end());
  caps.config.inheritEnv = options.inheritEnv;
  // A stdio descriptor the host itself was started without stays closed in
  // the guest too, as it would for a native program.
  auto openOrClosed = [](int fd) { return ::fcntl(fd, F_GETFD) == -1 ? -1 : fd; };
  caps.config.stdinFd = openOrClosed(0);
  caps.config.stdoutFd = openOrClosed(1);
  caps.config.stderrFd = openOrClosed(2);
  for (const auto& spec : options.env) {
    WASMCAP_TRY_ASSIGN(auto kv, parseEnvSpec(spec));
    caps.config.env.push_back(std::move(kv));
  }
  for (const auto& spec : options.dirs) {
    WASMCAP_TRY_ASSIGN(auto dir, parseDirSpec(spec));
    caps.config.preopens.push_back(std::move(dir));
  }
  for (const auto& spec : options.tcpListen) {
    WASMCAP_TRY_ASSIGN(auto socket, ListenSocket::open(spec));
    caps.config.listenSockets.push_back(socket.fd());
    caps.sockets.push_back(std::move(socket));
  }
  return caps;
}

bool importsWasi(const ir::Module& module) {
  return std::any_of(module.imports.begin(), module.imports.end(),
                     [](const ir::Import& i) { return i.module == wasi::kPreview1Module; });
}

// Why `module` cannot run as a WASI command, or an empty string.
std::string notACommandReason(const ir::Module& module) {
  for (const auto& import : module.imports)
    if (import.module != wasi::kPreview1Module)
      return "it imports \"" + import.module + "\" \"" + import.name +
             "\", which wasmcap cannot provide (only wasi_snapshot_preview1 is available)";
  const bool hasStart = std::any_of(module.exports.begin(), module.exports.end(), [](const ir::Export& e) {
    return e.name == "_start" && e.kind == ir::ExternKind::Func;
  });
  if (!hasStart) return "it exports no _start function (use --invoke NAME to call an export)";
  return {};
}

int runCommand(const RunOptions& options, runtime::Store& store, std::shared_ptr<const runtime::CompiledModule> module,
               Capabilities& caps) {
  if (std::string reason = notACommandReason(module->module); !reason.empty()) {
    std::fprintf(stderr, "wasmcap run: %s: not a WASI command: %s\n",
                 options.file.c_str(), reason.c_str());
    return kExitFailure;
  }
  runtime::Linker linker;
  auto outcome = wasi::runCommand(store, linker, std::move(module), caps.config);
  if (!outcome.ok()) return fail(options.file, outcome.error());
  if (outcome->trap) {
    std::fprintf(stderr, "wasmcap: trap: %s\n", outcome->trap->describe().c_str());
    return kExitCommandTrap;
  }
  return outcome->exitCode;
}

int invokeExport(const RunOptions& options, runtime::Store& store,
                 std::shared_ptr<const runtime::CompiledModule> module, Capabilities& caps) {
  runtime::Linker linker;
  std::shared_ptr<wasi::Context> ctx;
  const bool reactor = importsWasi(module->module);
  if (reactor) {
    auto created = wasi::Context::create(caps.config);
    if (!created.ok()) return fail(options.file, created.error());
    ctx = std::move(*created);
    wasi::addImportedToLinker(linker, store, ctx, module->module);
  }
  auto exitCodeOf = [&](const runtime::Trap& trap) -> std::optional<int> {
    if (trap.kind == runtime::TrapKind::Exit) return trap.exitCode;
    return std::nullopt;
  };

  auto instance = linker.instantiate(store, std::move(module), "main");
  if (!instance.ok()) {
    if (ctx && ctx->exitCode) return *ctx->exitCode;
    std::fprintf(stderr, "%s: %s\n", options.file.c_str(), instance.error().describe().c_str());
    return instance.error().code == ErrorCode::Trap ? kExitTrap : kExitFailure;
  }
  if (reactor) {
    // A reactor sets itself up in _initialize before any other export is called.
    const runtime::Extern* init = (*instance)->findExport("_initialize");
    if (runtime::FuncInst* initFunc = init ? init->asFunc() : nullptr) {
      std::vector<runtime::Value> none;
      if (auto trap = runtime::invoke(store, *initFunc, {}, none)) {
        if (auto code = exitCodeOf(*trap)) return *code;
        std::fprintf(stderr, "trap: in _initialize: %s\n", trap->describe().c_str());
        return kExitTrap;
      }
    }
  }

  const runtime::Extern* ext = (*instance)->findExport(options.invoke);
  runtime::FuncInst* func = ext ? ext->asFunc() : nullptr;
  if (!func) {
    std::fprintf(stderr, "%s: no exported function \"%s\"\n", options.file.c_str(), options.invoke.c_str());
    return kExitFailure;
  }
  // A leading "--" (once needed before arguments such as -inf) is not an argument.
  std::vector<std::string> words = options.args;
  if (!words.empty() && words.front() == "--") words.erase(words.begin());
  const auto& params = func->type.params;
  if (words.size() != params.size()) {
    std::fprintf(stderr, "wasmcap run: \"%s\" %s takes %zu argument(s), %zu given\n", options.invoke.c_str(),
                 ir::funcTypeToString(func->type).c_str(), params.size(), words.size());
    return kExitUsage;
  }
  std::vector<runtime::Value> args;
  for (size_t i = 0; i < params.size(); ++i) {
    auto value = script::parseValue(params[i], words[i]);
    if (!value.ok()) {
      std::fprintf(stderr, "wasmcap run: argument %zu: %s\n", i + 1, value.error().message.c_str());
      return kExitUsage;
    }
    args.push_back(*value);
  }
  std::vector<runtime::Value> results;
  for (const auto& t : func->type.results) results.push_back(runtime::Value::zero(t));
  if (auto trap = runtime::invoke(store, *func, args, results)) {
    if (auto code = exitCodeOf(*trap)) return *code;
    std::fflush(stdout);
    std::fprintf(stderr, "trap: %s\n", trap->describe().c_str());
    return kExitTrap;
  }
  for (const auto& v : results) std::printf("%s\n", script::formatValue(v).c_str());
  return kExitOk;
}

}  // namespace

void addRunCommand(CLI::App& app, RunOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "run", "Run a WASI command (its _start), or call one export of a module with --invoke");
  // Everything after FILE belongs to the program, even words that look like flags.
  cmd->positionals_at_end(true);
  cmd->add_option("--invoke", options.invoke,
                  "Call this exported function instead of _start; ARGS are its arguments, results are printed");
  cmd->add_option("--dir", options.dirs,
                  "Grant a host directory: HOST[::GUEST][:ro] (GUEST defaults to HOST; :ro forbids every write "
                  "beneath it)")
      ->type_name("HOST[::GUEST][:ro]")
      ->allow_extra_args(false);
  cmd->add_option("--env", options.env, "Set an environment variable for the program (repeatable)")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  cmd->add_flag("--inherit-env", options.inheritEnv, "Pass the whole host environment (before any --env)");
  cmd->add_option("--tcplisten", options.tcpListen,
                  "Listen on a TCP address and hand the socket to the program as a preopened descriptor")
      ->type_name("HOST:PORT")
      ->allow_extra_args(false);
  cmd->add_option("file", options.file, "Module file (.wasm or .wat)")->required();
  cmd->add_option("args", options.args, "The program's arguments (argv[1...]), or the --invoke arguments");
  cmd->footer(
      "Sandbox: a program gets nothing it was not handed: no directory, environment variable or socket\n"
      "unless granted by --dir, --env/--inherit-env or --tcplisten; paths never lead out of a granted\n"
      "directory (not through .., absolute paths or symlinks).\n"
      "Exit status: the program's proc_exit code (0 when _start returns). A trap prints\n"
      "`wasmcap: trap: MESSAGE` and the wasm backtrace to stderr and exits 134, like a native\n"
      "program ending on SIGABRT. A module that is not a WASI command (no _start, or imports other\n"
      "than wasi_snapshot_preview1) exits 1 and suggests --invoke. Bad input exits 1, a bad command\n"
      "line 2.\n"
      "--invoke: a module importing WASI is a reactor (its _initialize runs first). Arguments: i32/i64\n"
      "as decimal or 0x hex (negative values wrap), f32/f64 as decimal, hex float, inf, -inf, nan or\n"
      "nan:0xPAYLOAD, v128 as 0x + 32 hex digits, references as null. Results are printed one per\n"
      "line as TYPE:VALUE, e.g. i32:42, f64:-1.5. A trap prints `trap: MESSAGE` and exits 132.\n"
      "Examples:\n"
      "  wasmcap run hello.wasm                       # no files, no env, no network\n"
      "  wasmcap run --dir examples::/data:ro hello.wasm /data\n"
      "  wasmcap run --dir out --env LANG=C app.wasm --verbose   # --verbose goes to app.wasm\n"
      "  wasmcap run --tcplisten 127.0.0.1:8080 server.wasm\n"
      "  wasmcap run --invoke add add.wasm 1 2\n"
      "  wasmcap run --invoke sqrt math.wat -inf");
}

int runRun(const RunOptions& options) {
  auto caps = buildCapabilities(options);
  if (!caps.ok()) {
    const Error& e = caps.error();
    std::fprintf(stderr, "wasmcap run: %s\n", e.message.c_str());
    return e.code == ErrorCode::Usage ? kExitUsage : kExitFailure;
  }
  auto bytes = script::loadModuleFile(options.file);
  if (!bytes.ok()) {
    std::fprintf(stderr, "wasmcap run: %s: %s\n", options.file.c_str(), bytes.error().describe().c_str());
    return kExitFailure;
  }
  auto executor = makeExecutor();
  runtime::Store store(*executor);
  auto compiled = runtime::loadModule(*executor, std::move(*bytes));
  if (!compiled.ok()) {
    std::fprintf(stderr, "wasmcap run: %s: %s\n", options.file.c_str(), compiled.error().describe().c_str());
    return kExitFailure;
  }
  if (options.invoke.empty()) return runCommand(options, store, std::move(*compiled), *caps);
  return invokeExport(options, store, std::move(*compiled), *caps);
}

}  // namespace wasmcap::cli
