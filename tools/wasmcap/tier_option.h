// `--tier` and `-O`, shared by `run` and `wast`: which execution tier runs
// the modules, and how hard the LLVM tier optimises.
#pragma once
#include <string>

#include <CLI/CLI.hpp>
#include <wasmcap/engine.hpp>

namespace wasmcap::cli {

struct TierOptions {
  std::string tier = "interp";
  int optLevel = 2;
};

void addTierOptions(CLI::App* cmd, TierOptions& options);

// Set the tier and optimisation level in `config`; `verbose`: print the
// engine's notes (a module falling back to the interpreter) to stderr.
void applyTierOptions(const TierOptions& options, bool verbose, EngineConfig& config);

}  // namespace wasmcap::cli
