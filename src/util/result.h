// Result<T> is part of the public API (include/wasmcap/result.hpp); the
// components use the same type, so errors pass through the API unchanged.
#pragma once
#include "util/error.h"
#include "wasmcap/result.hpp"
