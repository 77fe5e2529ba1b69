#include "run_limits.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <utility>

namespace wasmcap::cli {

namespace {

// Splits "64MiB" into 64 and "MiB"; false when there is no leading number.
bool splitNumber(const std::string& spec, double& number, std::string& unit) {
  if (spec.empty() || !(std::isdigit(static_cast<unsigned char>(spec[0])) || spec[0] == '.')) return false;
  char* end = nullptr;
  number = std::strtod(spec.c_str(), &end);
  if (end == spec.c_str() || !std::isfinite(number)) return false;
  unit = std::string(end);
  return true;
}

Error usage(const std::string& flag, const std::string& spec, const std::string& why) {
  return Error(ErrorCode::Usage, flag + " \"" + spec + "\": " + why);
}

}  // namespace

Result<uint64_t> parseByteSize(const std::string& flag, const std::string& spec) {
  static const std::pair<const char*, double> units[] = {
      {"", 1},       {"B", 1},          {"K", 1024.0},        {"KiB", 1024.0},   {"M", 1048576.0},
      {"MiB", 1048576.0}, {"G", 1073741824.0}, {"GiB", 1073741824.0}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}};
  double number = 0;
  std::string unit;
  if (!splitNumber(spec, number, unit))
    return usage(flag, spec, "expected a size such as 65536, 64KiB, 64MiB or 1GiB");
  for (const auto& [name, scale] : units) {
    if (unit != name) continue;
    const double bytes = std::floor(number * scale);
    if (bytes >= 18446744073709551616.0) return usage(flag, spec, "the size is too large");
    return static_cast<uint64_t>(bytes);
  }
  return usage(flag, spec, "unknown unit \"" + unit + "\" (use B, KiB, MiB, GiB, KB, MB or GB)");
}

Result<std::chrono::nanoseconds> parseDuration(const std::string& flag, const std::string& spec) {
  static const std::pair<const char*, double> units[] = {{"", 1e9},  {"ns", 1},     {"us", 1e3}, {"ms", 1e6},
                                                          {"s", 1e9}, {"m", 60e9}, {"h", 3600e9}};
  double number = 0;
  std::string unit;
  if (!splitNumber(spec, number, unit)) return usage(flag, spec, "expected a duration such as 500ms, 2s or 1m");
  for (const auto& [name, scale] : units) {
    if (unit != name) continue;
    const double ns = std::round(number * scale);
    if (ns > 9.2e18) return usage(flag, spec, "the duration is too long");
    return std::chrono::nanoseconds(static_cast<int64_t>(ns));
  }
  return usage(flag, spec, "unknown unit \"" + unit + "\" (use ns, us, ms, s, m or h)");
}

}  // namespace wasmcap::cli
