// Turning `wasmcap run` limit flags (--max-memory, --fuel, --timeout, ...)
// into values; each bad spec is one clear usage error.
#pragma once
#include <chrono>
#include <cstdint>
#include <string>

#include <wasmcap/result.hpp>

namespace wasmcap::cli {

// A size in bytes: a number with an optional unit, B, K/KiB, M/MiB, G/GiB
// (powers of 1024) or KB, MB, GB (powers of 1000): "65536", "64MiB", "1G".
Result<uint64_t> parseByteSize(const std::string& flag, const std::string& spec);

// A duration: a number with a unit, ns, us, ms, s, m or h: "500ms", "2s",
// "1.5s"; a bare number means seconds.
Result<std::chrono::nanoseconds> parseDuration(const std::string& flag, const std::string& spec);

}  // namespace wasmcap::cli
