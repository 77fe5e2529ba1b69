// wasmcap: a WebAssembly runtime as a library. Include this one header.
//
//   wasmcap::Engine engine;
//   wasmcap::Result<wasmcap::Module> module = wasmcap::Module::fromFile(engine, "plugin.wasm");
//   wasmcap::Store store(engine, {.maxMemoryBytes = 64 << 20});
//   wasmcap::Linker linker(store);
//   linker.func("env", "log", [](wasmcap::Caller& caller, int32_t ptr, int32_t len) { ... });
//   wasmcap::Result<wasmcap::Instance> instance = linker.instantiate(*module);
//   auto run = instance->typedFunc<int32_t(int32_t)>("run");
//   wasmcap::Result<int32_t> result = (*run)(42);
//
// Errors are values (Result, Error); a trap is an Error whose `trap` field
// holds its kind, message and backtrace. See docs/embedding.md.
#pragma once
#include "wasmcap/caller.hpp"
#include "wasmcap/engine.hpp"
#include "wasmcap/error.hpp"
#include "wasmcap/extern.hpp"
#include "wasmcap/features.hpp"
#include "wasmcap/func.hpp"
#include "wasmcap/global.hpp"
#include "wasmcap/instance.hpp"
#include "wasmcap/linker.hpp"
#include "wasmcap/memory.hpp"
#include "wasmcap/module.hpp"
#include "wasmcap/shared_memory.hpp"
#include "wasmcap/nanoprocess.hpp"
#include "wasmcap/result.hpp"
#include "wasmcap/store.hpp"
#include "wasmcap/table.hpp"
#include "wasmcap/trap.hpp"
#include "wasmcap/types.hpp"
#include "wasmcap/value.hpp"
#include "wasmcap/wasi.hpp"
