// A preview1 call that is checked against the call policy or recorded in
// the audit trail. Only functions that need it are linked through here
// (wasi/linker.cpp decides once, when linking): a function the policy
// allows entirely, in a program without an audit log, runs as if neither
// existed.
#pragma once
#include <cstddef>
#include <optional>
#include <span>

#include "runtime/objects.h"
#include "wasi/call.h"

namespace wasmcap::wasi {

// How a preview1 function is called from wasm values (see linker.h).
using Invoke = std::optional<runtime::Trap> (*)(Call& call, std::span<const runtime::Value> args,
                                                std::span<runtime::Value> results);

// Calls function `fn` (index into functionTraits()) through `invoke` unless
// the policy refuses this call: then it returns ENOTCAPABLE without
// touching the host, or traps under DenyMode::Trap. With an audit log, a
// refusal noted by any check (or, when the log asks, a granted file system
// or socket operation) is recorded.
std::optional<runtime::Trap> checkedCall(Call& call, const runtime::HostCallContext& hc, size_t fn, Invoke invoke,
                                         std::span<const runtime::Value> args, std::span<runtime::Value> results);

}  // namespace wasmcap::wasi
