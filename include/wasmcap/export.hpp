// Symbol visibility: the shared library exports only what is marked
// WASMCAP_API (the public API); everything else is hidden.
#pragma once

#if defined(_WIN32)
#define WASMCAP_API
#else
#define WASMCAP_API __attribute__((visibility("default")))
#endif

namespace wasmcap {
// The library's own access to the private parts of API objects.
struct ApiAccess;
}  // namespace wasmcap
