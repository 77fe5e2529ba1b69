// Registers the preview1 functions as host functions of a runtime::Linker,
// bound to one Context. Each call uses the calling instance's exported
// "memory" (looked up per call, so memory.grow is seen); a caller without
// one gets `fault` for any pointer argument.
#pragma once
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "ir/module.h"
#include "ir/types.h"
#include "runtime/linker.h"
#include "runtime/store.h"
#include "wasi/call.h"
#include "wasmcap/wasi.hpp"

namespace wasmcap::wasi {

// kPreview1Module: in include/wasmcap/wasi.hpp.

// One preview1 function: its import name, wasm type and an adapter that
// unpacks wasm values into the C++ function's arguments.
struct FunctionSpec {
  const char* name;
  ir::FuncType type;
  std::optional<runtime::Trap> (*invoke)(Call& call, std::span<const runtime::Value> args,
                                         std::span<runtime::Value> results);
};

// All 46 functions, in the order of the preview1 witx.
const std::vector<FunctionSpec>& preview1Functions();

// The memory a host call should use: the caller's export named "memory".
GuestMemory callerMemory(const runtime::HostCallContext& hc);

// Defines every preview1 function under kPreview1Module. The functions keep
// `ctx` alive as long as the store holds them.
void addToLinker(runtime::Linker& linker, runtime::Store& store, std::shared_ptr<Context> ctx);

// The same for only the functions `module` imports from kPreview1Module: a
// command that uses five functions does not pay for creating all 46.
void addImportedToLinker(runtime::Linker& linker, runtime::Store& store, std::shared_ptr<Context> ctx,
                         const ir::Module& module);

}  // namespace wasmcap::wasi
