// The subcommands of the `wasmcap` CLI. Each registers its options on the
// CLI11 app and runs once parsing succeeded; run functions return the exit code.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "tier_option.h"


namespace wasmcap::cli {

// Exit codes shared by the subcommands.
constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;  // bad input, an invalid module, failing tests
constexpr int kExitUsage = 2;    // a bad command line
constexpr int kExitTrap = 128 + 4;  // a trap, reported like a process killed by SIGILL

struct WastOptions {
  std::vector<std::string> files;
  std::string expectedFailures;
  bool verbose = false;
  bool perFile = false;
  bool checkMessages = false;
  bool withChecks = false;
  std::string wasmFeatures;
  TierOptions tier;
};
void addWastCommand(CLI::App& app, WastOptions& options);
int runWast(const WastOptions& options);

struct ValidateOptions {
  std::string file;
  std::string wasmFeatures;
};
void addValidateCommand(CLI::App& app, ValidateOptions& options);
int runValidate(const ValidateOptions& options);

struct InspectOptions {
  std::string file;
  bool policy = false;
};
void addInspectCommand(CLI::App& app, InspectOptions& options);
int runInspect(const InspectOptions& options);

struct RunOptions {
  std::string file;
  std::string invoke;
  std::vector<std::string> args;
  // WASI capabilities (see run_capabilities.h); nothing is granted by default.
  std::vector<std::string> dirs;
  std::vector<std::string> env;
  bool inheritEnv = false;
  std::vector<std::string> tcpListen;
  // The call policy, standard streams, audit trail (see run_policy.h).
  std::vector<std::string> allowWasi;
  std::vector<std::string> denyWasi;
  std::string denyMode;
  std::string stdinSpec, stdoutSpec, stderrSpec;
  std::string audit;
  bool auditAll = false;
  bool deterministic = false;
  // Nanoprocesses (see run_nanoprocess.h): NAME=FILE modules linked to the
  // program, and a policy file granting each instance its authority.
  std::vector<std::string> links;
  std::string policyFile;
  // Limits (see run_limits.h); empty: no limit beyond the defaults.
  std::string maxMemory;
  std::optional<uint64_t> maxTableElements;
  std::optional<uint64_t> fuel;
  std::string timeout;
  std::optional<uint32_t> maxCallDepth;
  std::string maxStack;
  std::string wasmFeatures;
  TierOptions tier;
  bool verbose = false;
};
void addRunCommand(CLI::App& app, RunOptions& options);
int runRun(const RunOptions& options);

}  // namespace wasmcap::cli
