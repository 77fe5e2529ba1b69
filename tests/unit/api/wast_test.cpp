// wast::Runner, the spec-script runner behind `wasmcap wast`.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <wasmcap/wast.hpp>

namespace wasmcap {
namespace {

std::string writeFile(const std::string& name, const std::string& text) {
  const std::string path = ::testing::TempDir() + "/" + std::to_string(::getpid()) + "-" + name;
  std::ofstream(path) << text;
  return path;
}

// Line 3 passes, line 4 fails (wrong expected value).
constexpr const char* kScript = R"((module
  (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))
(assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))
(assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 4))
)";

TEST(WastRunner, CountsPassesAndFailuresWithFileAndLine) {
  const std::string script = writeFile("runner.wast", kScript);
  Result<wast::Runner> runner = wast::Runner::create(Engine(), {});
  ASSERT_TRUE(runner) << runner.error().describe();
  wast::Summary s = runner->runFile(script);
  EXPECT_EQ(s.passed, 2u);  // the module and line 3
  EXPECT_EQ(s.failed, 1u);
  ASSERT_EQ(s.failures.size(), 1u);
  EXPECT_NE(s.failures[0].find("runner.wast:4:"), std::string::npos) << s.failures[0];
  EXPECT_EQ(runner->total().failed, 1u);
  std::remove(script.c_str());
}

TEST(WastRunner, ExpectedFailuresAreEnforcedBothWays) {
  const std::string script = writeFile("listed.wast", kScript);
  const std::string base = script.substr(script.rfind('/') + 1);
  const std::string list = writeFile("expected.txt", base + ":4  the test expects the wrong sum\n");
  Result<wast::Runner> runner = wast::Runner::create(Engine(), {.expectedFailuresFile = list});
  ASSERT_TRUE(runner) << runner.error().describe();
  EXPECT_EQ(runner->expectedFailureCount(), 1u);
  wast::Summary s = runner->runFile(script);
  EXPECT_EQ(s.failed, 0u);
  EXPECT_EQ(s.expectedFailures, 1u);

  // A listed command that passes is a failure.
  const std::string stale = writeFile("stale.txt", base + ":3  no longer fails\n");
  Result<wast::Runner> strict = wast::Runner::create(Engine(), {.expectedFailuresFile = stale});
  ASSERT_TRUE(strict);
  EXPECT_EQ(strict->runFile(script).failed, 2u);
  for (const std::string& f : {script, list, stale}) std::remove(f.c_str());
}

TEST(WastRunner, UnreadableListAndFile) {
  Result<wast::Runner> bad = wast::Runner::create(Engine(), {.expectedFailuresFile = "/nonexistent/list.txt"});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::Io);
  Result<wast::Runner> runner = wast::Runner::create(Engine(), {});
  ASSERT_TRUE(runner);
  EXPECT_EQ(runner->runFile("/nonexistent/script.wast").failed, 1u);
}

}  // namespace
}  // namespace wasmcap
