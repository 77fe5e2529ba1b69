// Error and ErrorCode are part of the public API (include/wasmcap/error.hpp);
// the components use the same types, so errors pass through the API unchanged.
#pragma once
#include "wasmcap/error.hpp"
