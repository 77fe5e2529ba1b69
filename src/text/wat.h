// WebAssembly text format: a WAT module -> its binary encoding. Errors are
// ErrorCode::Malformed with line:column.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace wasmcap::text {

// Parse a whole module text, "(module ...)" or the bare module fields form.
Result<std::vector<uint8_t>> watToBinary(std::string_view text);

}  // namespace wasmcap::text
