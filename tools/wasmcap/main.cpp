// wasmcap: the command-line front end over the library.
#include <cstdio>
#include <cstring>

#include <string>

#include <wasmcap/engine.hpp>

#include "commands.h"
#include "llvm_binary.h"

int main(int argc, char** argv) {
  using namespace wasmcap::cli;
  const std::string version = std::string("wasmcap ") + wasmcap::version();
  CLI::App app{version + ": a WebAssembly runtime.", "wasmcap"};
  app.set_version_flag("--version", [&version] {
    return version + (llvmTierAvailable() ? " (tiers: interpreter, llvm)"
                                          : " (tiers: interpreter; the LLVM tier is not available)");
  });
  app.require_subcommand(1, 1);
  app.footer(
      "Examples:\n"
      "  wasmcap run --invoke add add.wasm 1 2\n"
      "  wasmcap validate module.wat\n"
      "  wasmcap inspect --policy app.wasm\n"
      "  wasmcap wast -v spec/i32.wast spec/i64.wast\n"
      "Use `wasmcap SUBCOMMAND --help` for the options of each subcommand.");

  // Setting up a subcommand's options costs about as much as instantiating
  // a small module, so when the first word names a subcommand only that one
  // is registered (its parsing, help and errors do not involve the others).
  const char* first = argc > 1 ? argv[1] : "";
  const bool all = std::strcmp(first, "wast") != 0 && std::strcmp(first, "validate") != 0 &&
                   std::strcmp(first, "run") != 0 && std::strcmp(first, "inspect") != 0;
  WastOptions wast;
  ValidateOptions validate;
  RunOptions run;
  InspectOptions inspect;
  if (all || std::strcmp(first, "wast") == 0) addWastCommand(app, wast);
  if (all || std::strcmp(first, "validate") == 0) addValidateCommand(app, validate);
  if (all || std::strcmp(first, "run") == 0) addRunCommand(app, run);
  if (all || std::strcmp(first, "inspect") == 0) addInspectCommand(app, inspect);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Help and version requests exit 0; anything else is a usage error.
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  // (got_subcommand throws for a subcommand that was not registered.)
  if (app.get_subcommands().size() == 1) {
    const std::string& name = app.get_subcommands().front()->get_name();
    if ((name == "wast" && wast.tier.tier == "llvm") || (name == "run" && run.tier.tier == "llvm")) {
      if (int failed = switchToLlvmBinary(argv)) return failed;  // returns only if it could not
    }
    if (name == "wast") return runWast(wast);
    if (name == "validate") return runValidate(validate);
    if (name == "run") return runRun(run);
    if (name == "inspect") return runInspect(inspect);
  }
  std::fprintf(stderr, "wasmcap: no subcommand given (see wasmcap --help)\n");
  return kExitUsage;
}
