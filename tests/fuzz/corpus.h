// Real modules to mutate: the wasi-testsuite binaries and (when the text
// parser is built) the binary of every module in the spec .wast scripts.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace wasmcap::fuzz {

struct CorpusModule {
  std::string origin;  // file (and line) it came from, for failure messages
  std::vector<uint8_t> bytes;
  bool wellFormed = true;  // false for the modules of assert_malformed
};

// The test-suite directory: $WASMCAP_TESTSUITE, else the compiled-in
// WASMCAP_TESTSUITE_DIR. Empty when neither names an existing directory.
std::string testsuiteDir();

// The .wasm files under <dir>/wasi, sorted by path: all those smaller than
// `largeBytes`, and every `largeStride`-th of the larger ones.
std::vector<CorpusModule> wasiModules(const std::string& dir, uintmax_t largeBytes, size_t largeStride);

// Whether spec modules can be collected (the text parser is linked in).
bool haveSpecModules();
// Modules of every `stride`-th .wast under <dir>/<suite> (sorted by name;
// suite "spec" is 2.0's, "spec-3.0" 3.0's): binary and text modules,
// including those of assertions.
std::vector<CorpusModule> specModules(const std::string& dir, size_t stride, const std::string& suite = "spec");

}  // namespace wasmcap::fuzz
