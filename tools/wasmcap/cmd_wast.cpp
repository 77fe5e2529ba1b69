// `wasmcap wast`: run spec test scripts.
#include <cstdio>

#include <wasmcap/wast.hpp>

#include "commands.h"
#include "features_option.h"

namespace wasmcap::cli {

void addWastCommand(CLI::App& app, WastOptions& options) {
  CLI::App* cmd = app.add_subcommand("wast", "Run WebAssembly spec test scripts (.wast)");
  cmd->add_option("files", options.files, "Script files to run")->required()->check(CLI::ExistingFile);
  cmd->add_flag("-v,--verbose", options.verbose, "List every failure as file:line: reason");
  cmd->add_flag("--per-file", options.perFile, "Print passed/failed counts for each file");
  cmd->add_flag("--check-messages", options.checkMessages,
                "Also require the expected text of assert_malformed/invalid/unlinkable/uninstantiable "
                "to prefix the error message (traps are always checked)");
  cmd->add_flag("--with-checks", options.withChecks,
                "Compile with the fuel and interruption checks (fuel never runs out), to test that they change "
                "nothing else");
  cmd->add_option("--expected-failures", options.expectedFailures,
                  "List of known failures (`file.wast:LINE  reason` per line); listed failures are not "
                  "counted as failed, listed commands that pass fail the run")
      ->check(CLI::ExistingFile);
  addFeaturesOption(cmd, options.wasmFeatures);
  addTierOptions(cmd, options.tier);
  cmd->footer(
      "The last line of output is always `N passed, N failed`; the exit status is 1 when anything failed.\n"
      "Examples:\n"
      "  wasmcap wast spec/i32.wast\n"
      "  wasmcap wast -v --per-file --expected-failures tests/spec/expected_failures.txt spec/*.wast\n"
      "  wasmcap wast --wasm-features=-all spec/memory.wast   # as a WebAssembly 2.0 engine");
}

int runWast(const WastOptions& options) {
  wast::Options runnerOptions;
  runnerOptions.checkMessages = options.checkMessages;
  runnerOptions.expectedFailuresFile = options.expectedFailures;
  EngineConfig engineConfig;
  engineConfig.consumeFuel = engineConfig.interruptible = options.withChecks;
  Result<Features> features = featuresFromOption(options.wasmFeatures);
  if (!features) {
    std::fprintf(stderr, "wasmcap wast: %s\n", features.error().message.c_str());
    return kExitUsage;
  }
  engineConfig.features = *features;
  applyTierOptions(options.tier, options.verbose, engineConfig);
  Result<wast::Runner> runner = wast::Runner::create(Engine(engineConfig), runnerOptions);
  if (!runner) {
    std::fprintf(stderr, "wasmcap wast: %s\n", runner.error().message.c_str());
    return kExitFailure;
  }
  for (const auto& file : options.files) {
    wast::Summary s = runner->runFile(file);
    if (options.perFile) {
      std::printf("%s: %zu passed, %zu failed", file.c_str(), s.passed, s.failed);
      if (s.expectedFailures) std::printf(", %zu expected failures", s.expectedFailures);
      std::printf("\n");
      std::fflush(stdout);
    }
  }
  wast::Summary total = runner->total();
  if (options.verbose) {
    for (const auto& line : total.expectedFailureLines) std::printf("%s\n", line.c_str());
    for (const auto& line : total.failures) std::printf("%s\n", line.c_str());
  }
  if (total.expectedFailures || runner->expectedFailureCount())
    std::printf("%zu expected failures\n", total.expectedFailures);
  std::printf("%zu passed, %zu failed\n", total.passed, total.failed);
  return total.failed ? kExitFailure : kExitOk;
}

}  // namespace wasmcap::cli
