// How much of this thread's native stack is left.
//
// Wasm-to-wasm calls never grow the native stack (the interpreter keeps wasm
// frames in its own stack), but every host-to-wasm entry does: a host function
// that calls back into wasm, which calls the host again, nests one interpreter
// loop per level. Each entry checks the headroom first so that unbounded
// re-entrancy becomes a "call stack exhausted" trap instead of a crash.
#pragma once
#include <cstddef>
#include <cstdint>

namespace wasmcap::runtime {

// Bytes an entry into wasm insists on having left: enough for one interpreter
// loop plus a host function and the libc calls it may make. Sanitizer builds
// have much larger frames.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
inline constexpr size_t kNativeStackReserve = 1024 * 1024;
#else
inline constexpr size_t kNativeStackReserve = 256 * 1024;
#endif

// True when fewer than kNativeStackReserve bytes are left below the caller's
// frame on this thread's stack (false when the bounds are unknown).
bool nativeStackLow();

// The lowest address compiled code (the LLVM tier) may grow this thread's
// stack to: kNativeStackReserve above the stack's end, so that a host
// function it calls still has that much. 0 when the bounds are unknown.
uintptr_t compiledCodeStackLimit();

}  // namespace wasmcap::runtime
