// Where the official test data lives: $WASMCAP_TESTSUITE when set and
// non-empty, else the directory configured at build time
// (WASMCAP_TESTSUITE_DIR, which every unit test is compiled with).
#pragma once
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

namespace wasmcap::test {

inline std::filesystem::path testsuiteDir() {
  if (const char* env = std::getenv("WASMCAP_TESTSUITE"); env && *env) return env;
  return WASMCAP_TESTSUITE_DIR;
}

inline std::filesystem::path specDir() { return testsuiteDir() / "spec"; }
inline std::filesystem::path wasiDir() { return testsuiteDir() / "wasi"; }

// The spec scripts' names without ".wast", sorted; empty when the data is absent.
inline std::vector<std::string> specScriptNames() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(specDir(), ec))
    if (entry.path().extension() == ".wast") names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace wasmcap::test
