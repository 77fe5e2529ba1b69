// Modules produced by real toolchains (the compiled programs of the
// wasi-testsuite: Rust, C, AssemblyScript) must all validate.
#include <gtest/gtest.h>

#include "testsuite_dir.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include "binary/decoder.h"
#include "validate/validator.h"

namespace wasmcap::validate {
namespace {

namespace fs = std::filesystem;

using ::wasmcap::test::wasiDir;

TEST(ValidateRealModules, WasiTestsuiteProgramsValidate) {
  std::error_code ec;
  if (!fs::is_directory(wasiDir(), ec)) GTEST_SKIP() << "wasi-testsuite not found in " << wasiDir();
  int validated = 0;
  for (const auto& entry : fs::recursive_directory_iterator(wasiDir(), ec)) {
    if (entry.path().extension() != ".wasm") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto module = binary::decodeModule(std::move(bytes));
    ASSERT_TRUE(module.ok()) << entry.path() << ": " << module.error().describe();
    Result<void> r = validateModule(*module);
    EXPECT_TRUE(r.ok()) << entry.path() << ": " << (r.ok() ? "" : r.error().describe());
    ++validated;
  }
  if (validated == 0) GTEST_SKIP() << "no .wasm files under " << wasiDir();
  std::cout << "[ counts   ] " << validated << " wasi-testsuite modules validated\n";
}

}  // namespace
}  // namespace wasmcap::validate
