// The decoder against the binary modules of the official spec scripts:
// every module the scripts define or expect to be invalid, unlinkable or
// uninstantiable is well formed and decodes; every binary module of an
// assert_malformed is rejected by the decoder as Malformed.
#include <gtest/gtest.h>

#include "testsuite_dir.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "binary/decoder.h"
#include "text/script.h"

namespace wasmcap::binary::test {
namespace {

namespace fs = std::filesystem;
using text::ScriptCommand;

std::string specDir() { return ::wasmcap::test::specDir().string(); }

std::vector<fs::path> wastFiles() {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(specDir(), ec)) {
    if (entry.path().extension() == ".wast") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(SpecDecode, BinaryModulesOfAllScripts) {
  auto files = wastFiles();
  if (files.empty()) GTEST_SKIP() << "spec test suite not found under " << specDir();
  size_t wellFormed = 0, malformed = 0, scripts = 0;
  for (const fs::path& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::string source((std::istreambuf_iterator<char>(in)), {});
    auto script = text::parseWast(source);
    if (!script.ok()) continue;  // the text parser's own tests cover scripts it cannot read
    ++scripts;
    const std::string file = path.filename().string();
    for (const ScriptCommand& cmd : script->commands) {
      bool hasModule = cmd.kind == ScriptCommand::Kind::Module || cmd.hasModule;
      if (!hasModule || cmd.module.textError || cmd.module.form != text::ScriptModule::Form::Binary) continue;
      auto decoded = decodeModule(cmd.module.bytes, Features::wasm2());  // the 2.0 suite
      const std::string where = file + ":" + std::to_string(cmd.line);
      if (cmd.kind == ScriptCommand::Kind::AssertMalformed) {
        ++malformed;
        EXPECT_FALSE(decoded.ok()) << where << ": decoded, expected malformed \"" << cmd.message << "\"";
        if (!decoded.ok()) {
          EXPECT_EQ(decoded.error().code, ErrorCode::Malformed) << where;
        }
      } else {
        ++wellFormed;
        EXPECT_TRUE(decoded.ok()) << where << ": " << decoded.error().describe();
      }
    }
  }
  std::printf("%zu scripts: %zu well-formed modules decoded, %zu malformed rejected\n", scripts, wellFormed,
              malformed);
  EXPECT_GT(scripts, 100u);
  EXPECT_GT(malformed, 600u);  // binary.wast, binary-leb128.wast, custom.wast, utf8-*.wast, ...
}

}  // namespace
}  // namespace wasmcap::binary::test
