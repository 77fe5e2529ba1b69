// `wasmcap run --link NAME=FILE ... [--policy FILE] app.wasm`: the program
// and the modules linked to it, each its own instance (a nanoprocess) with
// its own memory, WASI context and policy. A linked module's exports
// satisfy the imports from module NAME; it gets no authority beyond
// random_get, sched_yield and proc_exit unless the policy file grants it.
// The program itself is "main", with the command line's grants and the
// [main] table's.
#pragma once
#include <string>
#include <utility>

#include <wasmcap/wasmcap.hpp>

#include "commands.h"

namespace wasmcap::cli {

// --link NAME=FILE.
Result<std::pair<std::string, std::string>> parseLinkSpec(const std::string& spec);

// Builds every instance's Config, instantiates them in dependency order and
// runs the program's _start: its exit status, or the error (a trap of the
// program or of a module it calls is an Error carrying the trap).
// `program` holds the command line's grants for the program.
Result<int32_t> runNanoprocesses(const RunOptions& options, Store& store, const Module& app,
                                 const wasi::Config& program);

}  // namespace wasmcap::cli
