// `wasmcap validate`: decode and validate one module.
#include <cstdio>

#include "binary/decoder.h"
#include "commands.h"
#include "script/module_file.h"
#include "validate/validator.h"

namespace wasmcap::cli {

void addValidateCommand(CLI::App& app, ValidateOptions& options) {
  CLI::App* cmd = app.add_subcommand("validate", "Check that a module (.wasm or .wat) is well-formed and valid");
  cmd->add_option("file", options.file, "Module file (binary, or text when it does not start with \\0asm)")
      ->required();
  cmd->footer(
      "Prints nothing and exits 0 when the module is valid; otherwise prints the error with its\n"
      "section and byte offset (binary) or line:column (text) and exits 1.\n"
      "Examples:\n"
      "  wasmcap validate module.wasm\n"
      "  wasmcap validate module.wat");
}

int runValidate(const ValidateOptions& options) {
  auto bytes = script::loadModuleFile(options.file);
  if (!bytes.ok()) {
    std::fprintf(stderr, "%s: %s\n", options.file.c_str(), bytes.error().describe().c_str());
    return kExitFailure;
  }
  auto module = binary::decodeModule(std::move(*bytes));
  if (!module.ok()) {
    std::fprintf(stderr, "%s: %s\n", options.file.c_str(), module.error().describe().c_str());
    return kExitFailure;
  }
  auto valid = validate::validateModule(*module);
  if (!valid.ok()) {
    std::fprintf(stderr, "%s: %s\n", options.file.c_str(), valid.error().describe().c_str());
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace wasmcap::cli
