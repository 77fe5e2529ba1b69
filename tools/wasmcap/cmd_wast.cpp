// `wasmcap wast`: run spec test scripts.
#include <cstdio>

#include "commands.h"
#include "script/expected_failures.h"
#include "script/script_runner.h"

namespace wasmcap::cli {

void addWastCommand(CLI::App& app, WastOptions& options) {
  CLI::App* cmd = app.add_subcommand("wast", "Run WebAssembly spec test scripts (.wast)");
  cmd->add_option("files", options.files, "Script files to run")->required()->check(CLI::ExistingFile);
  cmd->add_flag("-v,--verbose", options.verbose, "List every failure as file:line: reason");
  cmd->add_flag("--per-file", options.perFile, "Print passed/failed counts for each file");
  cmd->add_flag("--check-messages", options.checkMessages,
                "Also require the expected text of assert_malformed/invalid/unlinkable/uninstantiable "
                "to prefix the error message (traps are always checked)");
  cmd->add_option("--expected-failures", options.expectedFailures,
                  "List of known failures (`file.wast:LINE  reason` per line); listed failures are not "
                  "counted as failed, listed commands that pass fail the run")
      ->check(CLI::ExistingFile);
  cmd->footer(
      "The last line of output is always `N passed, N failed`; the exit status is 1 when anything failed.\n"
      "Examples:\n"
      "  wasmcap wast spec/i32.wast\n"
      "  wasmcap wast -v --per-file --expected-failures tests/spec/expected_failures.txt spec/*.wast");
}

int runWast(const WastOptions& options) {
  script::ExpectedFailures expected;
  if (!options.expectedFailures.empty()) {
    auto list = script::ExpectedFailures::load(options.expectedFailures);
    if (!list.ok()) {
      std::fprintf(stderr, "wasmcap wast: %s\n", list.error().message.c_str());
      return kExitFailure;
    }
    expected = std::move(*list);
  }

  auto executor = makeExecutor();
  script::RunnerOptions runnerOptions;
  runnerOptions.checkMessages = options.checkMessages;
  script::ScriptRunner runner(*executor, runnerOptions);
  std::vector<script::ScriptReport> reports;
  for (const auto& file : options.files) {
    reports.push_back(runner.runFile(file));
    if (options.perFile) {
      script::Verdict v = script::judge({reports.back()}, expected);
      std::printf("%s: %zu passed, %zu failed", file.c_str(), v.passed, v.failed);
      if (v.expectedFailures) std::printf(", %zu expected failures", v.expectedFailures);
      std::printf("\n");
      std::fflush(stdout);
    }
  }

  script::Verdict verdict = script::judge(reports, expected);
  if (options.verbose) {
    for (const auto& line : verdict.expectedFailureLines) std::printf("%s\n", line.c_str());
    for (const auto& line : verdict.failures) std::printf("%s\n", line.c_str());
  }
  if (verdict.expectedFailures || expected.size()) std::printf("%zu expected failures\n", verdict.expectedFailures);
  std::printf("%zu passed, %zu failed\n", verdict.passed, verdict.failed);
  return verdict.failed ? kExitFailure : kExitOk;
}

}  // namespace wasmcap::cli
