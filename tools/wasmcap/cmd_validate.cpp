// `wasmcap validate`: decode and validate one module.
#include <cstdio>

#include <wasmcap/module.hpp>

#include "commands.h"
#include "features_option.h"

namespace wasmcap::cli {

void addValidateCommand(CLI::App& app, ValidateOptions& options) {
  CLI::App* cmd = app.add_subcommand("validate", "Check that a module (.wasm or .wat) is well-formed and valid");
  cmd->add_option("file", options.file, "Module file (binary, or text when it does not start with \\0asm)")
      ->required();
  addFeaturesOption(cmd, options.wasmFeatures);
  cmd->footer(
      "Prints nothing and exits 0 when the module is valid; otherwise prints the error with its\n"
      "section and byte offset (binary) or line:column (text) and exits 1.\n"
      "Examples:\n"
      "  wasmcap validate module.wasm\n"
      "  wasmcap validate module.wat\n"
      "  wasmcap validate --wasm-features=-gc,-exceptions module.wasm");
}

int runValidate(const ValidateOptions& options) {
  Result<Features> features = featuresFromOption(options.wasmFeatures);
  if (!features) {
    std::fprintf(stderr, "wasmcap validate: %s\n", features.error().message.c_str());
    return kExitUsage;
  }
  Result<std::vector<uint8_t>> bytes = readModuleFile(options.file);
  Result<void> valid = bytes ? Module::validate(*bytes, *features) : Result<void>(bytes.error());
  if (!valid) {
    std::fprintf(stderr, "%s: %s\n", options.file.c_str(), valid.error().describe().c_str());
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace wasmcap::cli
