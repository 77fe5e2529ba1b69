// Runs the validator over the official spec scripts: every module of an
// assert_invalid must decode and then fail validation with the expected
// message; every module the script instantiates or expects to link or trap
// must validate. Binary assert_malformed modules must not be accepted.
#include <gtest/gtest.h>

#include "testsuite_dir.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "binary/decoder.h"
#include "text/script.h"
#include "text/wat.h"
#include "validate/validator.h"

namespace wasmcap::validate {
namespace {

namespace fs = std::filesystem;

using ::wasmcap::test::specDir;
// The scripts are WebAssembly 2.0's: some assert what 3.0 relaxes.
const Features kWasm2 = Features::wasm2();

std::vector<std::string> wastFiles() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(specDir(), ec)) {
    if (entry.path().extension() == ".wast") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

struct Counts {
  int invalidOk = 0, invalidTotal = 0;
  int validOk = 0, validTotal = 0;
  int malformedRejected = 0, malformedTotal = 0;
  int skippedText = 0;  // text modules the text parser could not encode
};

// The binary of a script module, or nullopt when its text did not encode.
std::optional<std::vector<uint8_t>> moduleBytes(const text::ScriptModule& mod) {
  if (mod.textError) return std::nullopt;
  if (mod.form == text::ScriptModule::Form::Quote) {
    auto bytes = text::watToBinary(mod.quote);
    if (!bytes) return std::nullopt;
    return std::move(*bytes);
  }
  return mod.bytes;
}

class SpecValidate : public ::testing::TestWithParam<std::string> {};

TEST_P(SpecValidate, Script) {
  const fs::path path = specDir() / (GetParam() + ".wast");
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "cannot read " << path;
  std::stringstream text;
  text << in.rdbuf();
  Result<text::Script> script = text::parseWast(text.str());
  if (!script.ok()) GTEST_SKIP() << "script does not parse: " << script.error().describe();

  Counts n;
  using Kind = text::ScriptCommand::Kind;
  for (const text::ScriptCommand& cmd : script->commands) {
    const bool mustValidate = cmd.kind == Kind::Module || cmd.kind == Kind::AssertUnlinkable ||
                              cmd.kind == Kind::AssertUninstantiable || (cmd.kind == Kind::AssertTrap && cmd.hasModule);
    if (!mustValidate && cmd.kind != Kind::AssertInvalid && cmd.kind != Kind::AssertMalformed) continue;
    if (cmd.kind == Kind::AssertMalformed && cmd.module.form != text::ScriptModule::Form::Binary) continue;
    auto bytes = moduleBytes(cmd.module);
    if (!bytes) {
      if (cmd.kind != Kind::AssertMalformed) ++n.skippedText;
      continue;
    }
    const std::string where = path.filename().string() + ":" + std::to_string(cmd.line);
    auto decoded = binary::decodeModule(std::move(*bytes), kWasm2);

    if (cmd.kind == Kind::AssertMalformed) {
      ++n.malformedTotal;
      bool rejected = !decoded.ok() || !validateModule(*decoded, kWasm2).ok();
      if (rejected) ++n.malformedRejected;
      else ADD_FAILURE() << where << ": malformed module accepted (expected \"" << cmd.message << "\")";
      continue;
    }
    if (cmd.kind == Kind::AssertInvalid) {
      ++n.invalidTotal;
      if (!decoded.ok()) {
        ADD_FAILURE() << where << ": expected invalid (\"" << cmd.message
                      << "\") but decoding failed: " << decoded.error().describe();
        continue;
      }
      Result<void> r = validateModule(*decoded, kWasm2);
      if (r.ok()) {
        ADD_FAILURE() << where << ": module validated, expected \"" << cmd.message << "\"";
      } else if (r.error().code != ErrorCode::Invalid || r.error().message.rfind(cmd.message, 0) != 0) {
        ADD_FAILURE() << where << ": expected invalid \"" << cmd.message << "\", got " << r.error().describe();
      } else {
        ++n.invalidOk;
      }
      continue;
    }
    ++n.validTotal;
    if (!decoded.ok()) {
      ADD_FAILURE() << where << ": module does not decode: " << decoded.error().describe();
      continue;
    }
    Result<void> r = validateModule(*decoded, kWasm2);
    if (r.ok()) ++n.validOk;
    else ADD_FAILURE() << where << ": valid module rejected: " << r.error().describe();
  }
  std::cout << "[ counts   ] " << GetParam() << ": assert_invalid " << n.invalidOk << "/" << n.invalidTotal
            << ", valid modules " << n.validOk << "/" << n.validTotal << ", binary assert_malformed rejected "
            << n.malformedRejected << "/" << n.malformedTotal << ", text modules not encoded " << n.skippedText
            << "\n";
}

INSTANTIATE_TEST_SUITE_P(Spec, SpecValidate, ::testing::ValuesIn(wastFiles()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           for (char& c : name)
                             if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           return name;
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(SpecValidate);

TEST(SpecValidateSuite, Available) {
  if (wastFiles().empty())
    GTEST_SKIP() << "spec test data not found in " << specDir() << " (set WASMCAP_TESTSUITE or WASMCAP_TESTSUITE_DIR)";
  EXPECT_GE(wastFiles().size(), 100u);
}

}  // namespace
}  // namespace wasmcap::validate
