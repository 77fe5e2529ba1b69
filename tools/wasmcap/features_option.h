// `--wasm-features`, shared by the subcommands that load modules: which
// WebAssembly features beyond 2.0 a module may use.
#pragma once
#include <string>

#include <CLI/CLI.hpp>
#include <wasmcap/features.hpp>

namespace wasmcap::cli {

// Register --wasm-features on `cmd`, storing the list in `list`.
void addFeaturesOption(CLI::App* cmd, std::string& list);

// The features the list names, applied to the defaults (all of 3.0); a
// Usage error for an unknown name.
Result<Features> featuresFromOption(const std::string& list);

}  // namespace wasmcap::cli
