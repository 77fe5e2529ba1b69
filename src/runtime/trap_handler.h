// Turns hardware faults in linear-memory guard regions into wasm traps.
//
// 32-bit memories are reserved with guard pages (runtime/memory.h), so compiled
// or interpreted code accesses them without bounds checks. A stray access
// raises SIGSEGV/SIGBUS; the process-wide handler checks that the fault address
// lies in a registered guard region and that this thread is inside runGuarded,
// then siglongjmps back to runGuarded, which returns a MemoryOutOfBounds trap.
// Any other fault is passed on to the previous handler (a real crash stays one).
#pragma once
#include <cstddef>
#include <optional>

#include "runtime/trap.h"

namespace wasmcap::runtime {

// Install the handler (idempotent, thread-safe). Memory::create calls it.
void installTrapHandler();

// Faults inside [begin, begin + size) become traps while running guarded code.
void registerGuardRegion(const void* begin, size_t size);
void unregisterGuardRegion(const void* begin);

// Runs fn(ctx). If a guarded fault happens on this thread meanwhile, the
// frames of fn are abandoned (no destructors run: fn must keep its state in
// memory the caller owns) and MemoryOutOfBounds is returned. Nestable.
using GuardedFn = std::optional<Trap> (*)(void* ctx);
std::optional<Trap> runGuarded(GuardedFn fn, void* ctx);

// The one way out of native code that traps (the LLVM tier's code and the
// runtime functions it calls): abandons the frames up to this thread's
// innermost runGuarded, which returns `trap`. Like a fault, it runs no
// destructors on the way: callers hold no objects that own anything. Must
// be called inside runGuarded.
[[noreturn]] void raiseTrap(Trap&& trap);

}  // namespace wasmcap::runtime
