// Registers the preview1 functions as host functions of a runtime::Linker,
// bound to one Context. Each call uses the calling instance's exported
// "memory" (looked up per call, so memory.grow is seen); a caller without
// one gets `fault` for any pointer argument.
//
// How each function is linked is decided here, once: a function the
// Context's policy allows entirely, in a program without an audit log, is
// the bare function; anything else goes through checkedCall.
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
#include "wasi/checked_call.h"
#include "wasi/fd_give.h"
#include "wasmcap/wasi.hpp"

namespace wasmcap::wasi {

// kPreview1Module: in include/wasmcap/wasi.hpp.

// One preview1 function: its import name, wasm type and an adapter that
// unpacks wasm values into the C++ function's arguments.
struct FunctionSpec {
  const char* name;
  ir::FuncType type;
  Invoke invoke;
};

// All 46 functions, in the order of the preview1 witx (functionTraits()'s).
const std::vector<FunctionSpec>& preview1Functions();

// The memory a host call should use: the caller's export named "memory".
GuestMemory callerMemory(const runtime::HostCallContext& hc);

// Defines every preview1 function under kPreview1Module. The functions keep
// `ctx` alive as long as the store holds them.
void addToLinker(runtime::Linker& linker, runtime::Store& store, std::shared_ptr<Context> ctx);

// The same for only the functions `module` imports from kPreview1Module (a
// command that uses five functions does not pay for creating all 46), and
// wasmcap.fd_give if it imports that, handing descriptors to the contexts
// of `registry` (none when null).
void addImportedToLinker(runtime::Linker& linker, runtime::Store& store, std::shared_ptr<Context> ctx,
                         const ir::Module& module, std::shared_ptr<const ContextRegistry> registry = nullptr);

}  // namespace wasmcap::wasi
