#include "tier_option.h"

#include <cstdio>

namespace wasmcap::cli {

void addTierOptions(CLI::App* cmd, TierOptions& options) {
  cmd->add_option("--tier", options.tier,
                  "Execution tier: interp (the default: starts at once) or llvm (compiles to native code "
                  "first; a module it cannot compile yet runs in the interpreter, noted under -v)")
      ->check(CLI::IsMember({"interp", "llvm"}));
  cmd->add_option("-O,--opt-level", options.optLevel, "LLVM tier optimisation level (0-3, default 2)")
      ->check(CLI::Range(0, 3));
}

void applyTierOptions(const TierOptions& options, bool verbose, EngineConfig& config) {
  config.tier = options.tier == "llvm" ? Tier::Llvm : Tier::Interpreter;
  config.optLevel = options.optLevel;
  if (verbose) config.onNote = [](const std::string& note) { std::fprintf(stderr, "wasmcap: note: %s\n", note.c_str()); };
}

}  // namespace wasmcap::cli
