// Binary format decoder: bytes -> ir::Module. Checks everything the binary
// grammar requires (section order and sizes, LEB128 encodings, counts, UTF-8
// names, function/code count agreement, data count) and reports the first
// problem as ErrorCode::Malformed with the section and byte offset. Function
// bodies are checked instruction by instruction by the validator.
#pragma once
#include <cstdint>
#include <vector>

#include "ir/module.h"
#include "util/result.h"
#include "wasmcap/features.hpp"

namespace wasmcap::binary {

// `features`: the encodings beyond 2.0 that are accepted (the default: 3.0).
Result<ir::Module> decodeModule(std::vector<uint8_t> bytes, const Features& features = Features());

}  // namespace wasmcap::binary
