// Every official spec script parses; every text module in it encodes; every
// quoted module of an assert_malformed is rejected and every other quoted
// module is accepted.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "testsuite_dir.h"
#include "text/script.h"
#include "text/wat.h"

namespace wasmcap::text {
namespace {

namespace fs = std::filesystem;

using ::wasmcap::test::specDir;
std::vector<std::string> specFiles() { return ::wasmcap::test::specScriptNames(); }

TEST(SpecCorpus, AllScriptsArePresent) {
  if (!fs::is_directory(specDir()))
    GTEST_SKIP() << "spec test data not found at " << specDir() << " (set WASMCAP_TESTSUITE)";
  EXPECT_EQ(specFiles().size(), 148u);
}

class SpecScript : public testing::TestWithParam<std::string> {};

TEST_P(SpecScript, ParsesAndEncodes) {
  fs::path path = specDir() / (GetParam() + ".wast");
  std::ifstream in(path, std::ios::binary);
  if (!in) GTEST_SKIP() << "cannot read " << path;
  std::stringstream text;
  text << in.rdbuf();
  auto script = parseWast(text.str());
  ASSERT_TRUE(script.ok()) << script.error().describe() << " at " << script.error().line << ":"
                           << script.error().column;
  size_t modules = 0, malformedQuotes = 0;
  for (const ScriptCommand& cmd : script->commands) {
    if (!cmd.hasModule) continue;
    ++modules;
    const ScriptModule& m = cmd.module;
    EXPECT_FALSE(m.textError.has_value())
        << "line " << cmd.line << ": " << m.textError->message << " at " << m.textError->line << ":"
        << m.textError->column;
    if (m.form != ScriptModule::Form::Quote) {
      if (cmd.kind != ScriptCommand::Kind::AssertMalformed) {
        ASSERT_GE(m.bytes.size(), 8u) << "line " << cmd.line;
        EXPECT_EQ(m.bytes[0], 0x00) << "line " << cmd.line;
      }
      continue;
    }
    auto bytes = watToBinary(m.quote);
    if (cmd.kind == ScriptCommand::Kind::AssertMalformed) {
      ++malformedQuotes;
      EXPECT_FALSE(bytes.ok()) << "line " << cmd.line << ": malformed module accepted (expected \""
                               << cmd.message << "\")";
    } else {
      EXPECT_TRUE(bytes.ok()) << "line " << cmd.line << ": " << bytes.error().message;
    }
  }
  EXPECT_GT(modules + malformedQuotes, 0u) << "no modules in " << path;
}

std::string paramName(const testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Spec, SpecScript, testing::ValuesIn(specFiles()), paramName);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(SpecScript);

}  // namespace
}  // namespace wasmcap::text
