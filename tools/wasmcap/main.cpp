// wasmcap: the command-line front end over the library.
#include <cstdio>

#include "commands.h"

#ifndef WASMCAP_VERSION
#define WASMCAP_VERSION "unknown"
#endif

int main(int argc, char** argv) {
  using namespace wasmcap::cli;
  CLI::App app{"wasmcap " WASMCAP_VERSION ": a WebAssembly runtime.", "wasmcap"};
  app.set_version_flag("--version", "wasmcap " WASMCAP_VERSION);
  app.require_subcommand(1, 1);
  app.footer(
      "Examples:\n"
      "  wasmcap run --invoke add add.wasm 1 2\n"
      "  wasmcap validate module.wat\n"
      "  wasmcap wast -v spec/i32.wast spec/i64.wast\n"
      "Use `wasmcap SUBCOMMAND --help` for the options of each subcommand.");

  WastOptions wast;
  ValidateOptions validate;
  RunOptions run;
  addWastCommand(app, wast);
  addValidateCommand(app, validate);
  addRunCommand(app, run);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Help and version requests exit 0; anything else is a usage error.
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  if (app.got_subcommand("wast")) return runWast(wast);
  if (app.got_subcommand("validate")) return runValidate(validate);
  if (app.got_subcommand("run")) return runRun(run);
  std::fprintf(stderr, "wasmcap: no subcommand given (see wasmcap --help)\n");
  return kExitUsage;
}
