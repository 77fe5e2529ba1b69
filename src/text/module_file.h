// Reading module and script files: whole files as bytes, and
// modules given either as binary (.wasm) or text (.wat).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "util/result.h"

namespace wasmcap::text {

// The whole file; ErrorCode::Io naming the path when it cannot be read.
Result<std::vector<uint8_t>> readFileBytes(const std::string& path);
Result<std::string> readFileText(const std::string& path);

// True when `bytes` start with the binary magic "\0asm".
bool hasWasmMagic(const std::vector<uint8_t>& bytes);

// A module file as binary bytes: files starting with "\0asm" or named *.wasm
// are returned as they are, anything else (normally .wat) is parsed as text
// and encoded.
Result<std::vector<uint8_t>> loadModuleFile(const std::string& path);

}  // namespace wasmcap::text
