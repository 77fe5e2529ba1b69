// `wasmcap run`: run a WASI command like a native program, or instantiate a
// module (a plain module or a WASI reactor) and call one export. A client of
// the public API only.
#include <algorithm>
#include <cstdio>
#include <tuple>

#include <wasmcap/wasmcap.hpp>

#include "commands.h"
#include "features_option.h"
#include "run_capabilities.h"
#include "run_limits.h"
#include "run_nanoprocess.h"
#include "run_policy.h"

namespace wasmcap::cli {

namespace {

// A trap in a WASI command ends it like a native program killed by SIGABRT.
constexpr int kExitCommandTrap = 134;

int fail(const std::string& what, const Error& error) {
  std::fprintf(stderr, "wasmcap run: %s: %s\n", what.c_str(), error.describe().c_str());
  return error.code == ErrorCode::Usage ? kExitUsage : kExitFailure;
}

// The capabilities named on the command line; the listening sockets stay
// open (owned here) until the program ends.
struct Capabilities {
  wasi::Config config;
  std::vector<ListenSocket> sockets;
  std::vector<HostFile> stdioFiles;
};

Result<Capabilities> buildCapabilities(const RunOptions& options) {
  Capabilities caps;
  caps.config.args.push_back(options.file);
  caps.config.args.insert(caps.config.args.end(), options.args.begin(), options.args.end());
  caps.config.inheritEnv = options.inheritEnv;
  WASMCAP_TRY_ASSIGN(caps.config.stdinStream, parseStdioSpec("--stdin", options.stdinSpec, 0, caps.stdioFiles));
  WASMCAP_TRY_ASSIGN(caps.config.stdoutStream, parseStdioSpec("--stdout", options.stdoutSpec, 1, caps.stdioFiles));
  WASMCAP_TRY_ASSIGN(caps.config.stderrStream, parseStdioSpec("--stderr", options.stderrSpec, 2, caps.stdioFiles));
  WASMCAP_TRY_ASSIGN(caps.config.policy, buildPolicy(options.allowWasi, options.denyWasi, options.denyMode));
  if (!options.audit.empty()) {
    WASMCAP_TRY_ASSIGN(caps.config.audit, openAuditLog(options.audit, options.auditAll));
  } else if (options.auditAll) {
    return Error(ErrorCode::Usage, "--audit-all needs --audit FILE");
  }
  if (options.deterministic) caps.config.deterministic = wasi::Deterministic{};
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

// The limits named on the command line.
struct RunLimits {
  StoreLimits store;
  std::optional<uint64_t> fuel;
  std::optional<std::chrono::nanoseconds> timeout;
};

Result<RunLimits> buildLimits(const RunOptions& options) {
  RunLimits limits;
  if (!options.maxMemory.empty()) {
    WASMCAP_TRY_ASSIGN(limits.store.maxMemoryBytes, parseByteSize("--max-memory", options.maxMemory));
  }
  if (options.maxTableElements) limits.store.maxTableElements = *options.maxTableElements;
  if (options.maxCallDepth) {
    if (*options.maxCallDepth == 0) return Error(ErrorCode::Usage, "--max-call-depth must be at least 1");
    limits.store.maxCallDepth = *options.maxCallDepth;
  }
  if (!options.maxStack.empty()) {
    WASMCAP_TRY_ASSIGN(limits.store.maxStackBytes, parseByteSize("--max-stack", options.maxStack));
  }
  limits.fuel = options.fuel;
  if (!options.timeout.empty()) {
    WASMCAP_TRY_ASSIGN(limits.timeout, parseDuration("--timeout", options.timeout));
  }
  return limits;
}

bool importsWasi(const Module& module) {
  const auto imports = module.imports();
  return std::any_of(imports.begin(), imports.end(),
                     [](const ImportType& i) { return i.module == wasi::kPreview1Module; });
}

// Why `module` cannot run as a WASI command, or an empty string.
std::string notACommandReason(const Module& module) {
  // wasi-threads: thread-spawn, and the shared memory such a program imports
  // (wasi::runCommand provides both; see docs/architecture.md).
  const auto imports = module.imports();
  const bool threads = std::any_of(imports.begin(), imports.end(), [](const ImportType& i) {
    return i.module == "wasi" && i.name == "thread-spawn" && i.type.kind() == ExternKind::Func;
  });
  for (const ImportType& import : imports) {
    if (threads && import.module == "wasi" && import.name == "thread-spawn") continue;
    if (threads && import.type.memory() && import.type.memory()->shared) continue;
    if (import.module != wasi::kPreview1Module)
      return "it imports \"" + import.module + "\" \"" + import.name +
             "\", which wasmcap cannot provide (only wasi_snapshot_preview1 is available, or a module linked "
             "with --link " + import.module + "=FILE)";
  }
  const auto exports = module.exports();
  const bool hasStart = std::any_of(exports.begin(), exports.end(), [](const ExportType& e) {
    return e.name == "_start" && e.type.kind() == ExternKind::Func;
  });
  if (!hasStart) return "it exports no _start function (use --invoke NAME to call an export)";
  return {};
}

// proc_exit ends the program with a status; it arrives as a trap of kind Exit.
std::optional<int> exitStatus(const Error& error) {
  if (error.trap && error.trap->kind == TrapKind::Exit) return error.trap->exitCode;
  return std::nullopt;
}

int runCommand(const RunOptions& options, Store& store, const Module& module, Capabilities& caps) {
  if (std::string reason = notACommandReason(module); !reason.empty()) {
    std::fprintf(stderr, "wasmcap run: %s: not a WASI command: %s\n", options.file.c_str(), reason.c_str());
    return kExitFailure;
  }
  Linker linker(store);
  if (Result<void> r = linker.defineWasi(caps.config); !r) return fail(options.file, r.error());
  Result<int32_t> status = wasi::runCommand(linker, module);
  if (status) return *status;
  if (const auto& trap = status.error().trap) {
    std::fprintf(stderr, "wasmcap: trap: %s\n", trap->describe().c_str());
    return kExitCommandTrap;
  }
  return fail(options.file, status.error());
}

// The program with the modules linked to it, each its own instance.
int runLinked(const RunOptions& options, Store& store, const Module& module, Capabilities& caps) {
  Result<int32_t> status = runNanoprocesses(options, store, module, caps.config);
  if (status) return *status;
  const Error& e = status.error();
  if (e.trap && e.trap->kind == TrapKind::Exit) return e.trap->exitCode;
  if (e.trap) {
    std::fprintf(stderr, "wasmcap: trap: %s\n", e.trap->describe().c_str());
    return kExitCommandTrap;
  }
  std::fprintf(stderr, "wasmcap run: %s\n", e.describe().c_str());
  return e.code == ErrorCode::Usage ? kExitUsage : kExitFailure;
}

int invokeExport(const RunOptions& options, Store& store, const Module& module, Capabilities& caps) {
  Linker linker(store);
  const bool reactor = importsWasi(module);
  if (reactor) {
    if (Result<void> r = linker.defineWasi(caps.config); !r) return fail(options.file, r.error());
  }
  Result<Instance> instance = linker.instantiate(module, "main");
  if (!instance) {
    if (auto code = exitStatus(instance.error())) return *code;
    std::fprintf(stderr, "%s: %s\n", options.file.c_str(), instance.error().describe().c_str());
    return kExitFailure;
  }
  if (reactor) {
    // A reactor sets itself up in _initialize before any other export is called.
    if (Result<Func> init = instance->func("_initialize")) {
      if (Result<std::vector<Value>> r = init->call({}); !r) {
        if (auto code = exitStatus(r.error())) return *code;
        std::fprintf(stderr, "trap: in _initialize: %s\n", r.error().trap ? r.error().trap->describe().c_str()
                                                                          : r.error().describe().c_str());
        return kExitTrap;
      }
    }
  }

  Result<Func> func = instance->func(options.invoke);
  if (!func) {
    std::fprintf(stderr, "%s: no exported function \"%s\"\n", options.file.c_str(), options.invoke.c_str());
    return kExitFailure;
  }
  // A leading "--" (once needed before arguments such as -inf) is not an argument.
  std::vector<std::string> words = options.args;
  if (!words.empty() && words.front() == "--") words.erase(words.begin());
  const FuncType type = func->type();
  if (words.size() != type.params.size()) {
    std::fprintf(stderr, "wasmcap run: \"%s\" %s takes %zu argument(s), %zu given\n", options.invoke.c_str(),
                 type.toString().c_str(), type.params.size(), words.size());
    return kExitUsage;
  }
  std::vector<Value> args;
  for (size_t i = 0; i < type.params.size(); ++i) {
    Result<Value> value = Value::parse(type.params[i], words[i]);
    if (!value) {
      std::fprintf(stderr, "wasmcap run: argument %zu: %s\n", i + 1, value.error().message.c_str());
      return kExitUsage;
    }
    args.push_back(*value);
  }
  Result<std::vector<Value>> results = func->call(args);
  if (!results) {
    if (auto code = exitStatus(results.error())) return *code;
    std::fflush(stdout);
    const Error& e = results.error();
    std::fprintf(stderr, "trap: %s\n", e.trap ? e.trap->describe().c_str() : e.describe().c_str());
    return kExitTrap;
  }
  for (const Value& v : *results) std::printf("%s\n", v.toString().c_str());
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
                  "Grant a host directory: HOST[::GUEST][:MODE] (GUEST defaults to HOST; MODE is rw, the default, "
                  "ro, which refuses every write beneath it, or create, which may create and write new files but "
                  "leaves existing ones untouched)")
      ->type_name("HOST[::GUEST][:MODE]")
      ->allow_extra_args(false);
  cmd->add_option("--env", options.env, "Set an environment variable for the program (repeatable)")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  cmd->add_flag("--inherit-env", options.inheritEnv, "Pass the whole host environment (before any --env)");
  cmd->add_option("--tcplisten", options.tcpListen,
                  "Listen on a TCP address and hand the socket to the program as a preopened descriptor")
      ->type_name("HOST:PORT")
      ->allow_extra_args(false);
  cmd->add_option("--allow-wasi", options.allowWasi,
                  "Allow only these WASI functions and groups (comma-separated; repeatable): args, env, clock, "
                  "random, stdio, fs-read, fs-write, poll, sched, sock, proc, or function names")
      ->type_name("LIST")
      ->allow_extra_args(false);
  cmd->add_option("--deny-wasi", options.denyWasi, "Deny these WASI functions and groups (after --allow-wasi)")
      ->type_name("LIST")
      ->allow_extra_args(false);
  cmd->add_option("--deny-mode", options.denyMode,
                  "What a denied call does: errno (returns ENOTCAPABLE, 76; the default) or trap")
      ->type_name("errno|trap");
  for (auto [flag, spec, what] : {std::tuple{"--stdin", &options.stdinSpec, "Standard input"},
                                  std::tuple{"--stdout", &options.stdoutSpec, "Standard output"},
                                  std::tuple{"--stderr", &options.stderrSpec, "Standard error"}})
    cmd->add_option(flag, *spec, std::string(what) + ": inherit (the default), null, or a host file")
        ->type_name("inherit|null|FILE");
  cmd->add_option("--audit", options.audit,
                  "Write one JSON line per refused capability check to FILE (- for stderr)")
      ->type_name("FILE");
  cmd->add_flag("--audit-all", options.auditAll, "Also log granted file system and socket operations");
  cmd->add_flag("--deterministic", options.deterministic,
                "Reproducible runs: clocks start at 2000-01-01 and advance only by what the program sleeps; "
                "random_get is a fixed sequence");
  cmd->add_option("--link", options.links,
                  "Link a module as its own instance NAME (a nanoprocess): its exports satisfy imports from "
                  "module NAME; it gets no authority unless --policy grants it (repeatable)")
      ->type_name("NAME=FILE")
      ->allow_extra_args(false);
  cmd->add_option("--policy", options.policyFile,
                  "A TOML file granting each instance its authority: one [NAME] table per instance, [main] "
                  "for FILE (see below)")
      ->type_name("FILE.toml");
  cmd->add_option("--max-memory", options.maxMemory,
                  "Cap each linear memory: memory.grow fails beyond it, a larger initial memory is refused "
                  "(default 4GiB)")
      ->type_name("SIZE");
  cmd->add_option("--max-table-elements", options.maxTableElements, "Cap each table (default 10000000)")
      ->type_name("N");
  cmd->add_option("--fuel", options.fuel,
                  "Stop the program with a trap after about N wasm instructions (counted per loop iteration "
                  "and function call)")
      ->type_name("N");
  cmd->add_option("--timeout", options.timeout, "Stop the program with a trap after this wall-clock time")
      ->type_name("DURATION");
  cmd->add_option("--max-call-depth", options.maxCallDepth, "Nested wasm calls before a trap (default 10000)")
      ->type_name("N");
  cmd->add_option("--max-stack", options.maxStack, "The interpreter's value stack (default 8MiB)")
      ->type_name("SIZE");
  addFeaturesOption(cmd, options.wasmFeatures);
  addTierOptions(cmd, options.tier);
  cmd->add_flag("-v,--verbose", options.verbose, "Notes from the engine (e.g. a module the LLVM tier runs in the interpreter)");
  cmd->add_option("file", options.file, "Module file (.wasm or .wat)")->required();
  cmd->add_option("args", options.args, "The program's arguments (argv[1...]), or the --invoke arguments");
  cmd->footer(
      "Sandbox: a program gets nothing it was not handed: no directory, environment variable or socket\n"
      "unless granted by --dir, --env/--inherit-env or --tcplisten; paths never lead out of a granted\n"
      "directory (not through .., absolute paths or symlinks).\n"
      "Call policy: --allow-wasi/--deny-wasi limit which WASI calls it may make at all, by function or\n"
      "group (args env clock random stdio fs-read fs-write poll sched sock proc). A denied call returns\n"
      "ENOTCAPABLE (76) without touching the host, or traps with --deny-mode trap. Beneath a :ro\n"
      "directory every write, including opening for writing, fails with ENOTCAPABLE; beneath :create\n"
      "new files may be created and written, existing ones stay untouched. --audit writes one JSON line\n"
      "per refusal (time, instance, function, fd, path, rights, rule, errno).\n"
      "Nanoprocesses: each --link NAME=FILE module runs as its own instance with its own memory and\n"
      "WASI context, and gets nothing but random_get, sched_yield and proc_exit unless granted. An\n"
      "instance may hand one of its descriptors to one it calls (import \"wasmcap\" \"fd_give\"), with\n"
      "no more rights than its own. A policy file grants each instance its authority:\n"
      "  [main]                                  # FILE, with the command line's grants\n"
      "  dirs = [\"data::/data:ro\"]\n"
      "  [logger]\n"
      "  module = \"logger.wasm\"                  # paths are relative to the policy file\n"
      "  dirs = [\"logs::/logs:create\"]\n"
      "  allow = [\"fs-read\", \"fs-write\"]\n"
      "  [text]                                  # nothing granted\n"
      "  module = \"text.wasm\"\n"
      "  Keys: module, dirs, env, allow, deny, deny-mode, stdin, stdout, stderr.\n"
      "Limits: SIZE is bytes with an optional unit (64KiB, 64MiB, 1GiB; KB/MB/GB are powers of 1000);\n"
      "DURATION has a unit (500ms, 2s, 1m). Running out of fuel traps \"all fuel consumed\", the timeout\n"
      "traps \"interrupted\", too deep a recursion traps \"call stack exhausted\".\n"
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
      "  wasmcap run --allow-wasi stdio,args --audit - filter.wasm < in.txt\n"
      "  wasmcap run --policy app.toml --audit audit.jsonl app.wasm\n"
      "  wasmcap run --max-memory 64MiB --fuel 1000000000 --timeout 2s untrusted.wasm\n"
      "  wasmcap run --invoke add add.wasm 1 2\n"
      "  wasmcap run --invoke sqrt math.wat -inf");
}

int runRun(const RunOptions& options) {
  Result<Capabilities> caps = buildCapabilities(options);
  Result<RunLimits> limits = caps ? buildLimits(options) : Result<RunLimits>(caps.error());
  if (!limits) {
    const Error& e = limits.error();
    std::fprintf(stderr, "wasmcap run: %s\n", e.message.c_str());
    return e.code == ErrorCode::Usage ? kExitUsage : kExitFailure;
  }
  Result<Features> features = featuresFromOption(options.wasmFeatures);
  if (!features) {
    std::fprintf(stderr, "wasmcap run: %s\n", features.error().message.c_str());
    return kExitUsage;
  }
  EngineConfig engineConfig;
  engineConfig.features = *features;
  engineConfig.consumeFuel = limits->fuel.has_value();
  engineConfig.interruptible = limits->timeout.has_value();
  applyTierOptions(options.tier, options.verbose, engineConfig);
  Engine engine(engineConfig);
  Result<Module> module = Module::fromFile(engine, options.file);
  if (!module) {
    std::fprintf(stderr, "wasmcap run: %s: %s\n", options.file.c_str(), module.error().describe().c_str());
    return kExitFailure;
  }
  Store store(engine, limits->store);
  if (limits->fuel) (void)store.setFuel(*limits->fuel);
  if (limits->timeout) (void)store.interruptAfter(*limits->timeout);
  if (!options.links.empty() || !options.policyFile.empty()) {
    if (!options.invoke.empty()) {
      std::fprintf(stderr, "wasmcap run: --invoke cannot be combined with --link or --policy\n");
      return kExitUsage;
    }
    return runLinked(options, store, *module, *caps);
  }
  if (options.invoke.empty()) return runCommand(options, store, *module, *caps);
  return invokeExport(options, store, *module, *caps);
}

}  // namespace wasmcap::cli
