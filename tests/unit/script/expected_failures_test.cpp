#include "script/expected_failures.h"

#include <gtest/gtest.h>

using namespace wasmcap;
using script::CommandOutcome;
using script::ExpectedFailures;
using script::ScriptReport;

namespace {

ScriptReport report(std::string file, std::vector<CommandOutcome> outcomes) {
  ScriptReport r;
  r.file = std::move(file);
  r.outcomes = std::move(outcomes);
  return r;
}

ExpectedFailures listOf(std::string_view text) {
  auto list = ExpectedFailures::parse(text);
  EXPECT_TRUE(list.ok()) << (list.ok() ? "" : list.error().message);
  return list.ok() ? *list : ExpectedFailures();
}

}  // namespace

TEST(ExpectedFailures, ParsesEntriesCommentsAndBlankLines) {
  ExpectedFailures list = listOf(
      "# known failures\n"
      "\n"
      "i32.wast:12  interp: wrong rotl result\n"
      "simd_lane.wast:300\tvalidator rejects a valid lane index  \n");
  EXPECT_EQ(list.size(), 2u);
  ASSERT_NE(list.find("i32.wast", 12), nullptr);
  EXPECT_EQ(*list.find("i32.wast", 12), "interp: wrong rotl result");
  // Entries match on the base name of the script path.
  ASSERT_NE(list.find("/data/spec/simd_lane.wast", 300), nullptr);
  EXPECT_EQ(*list.find("simd_lane.wast", 300), "validator rejects a valid lane index");
  EXPECT_EQ(list.find("i32.wast", 13), nullptr);
  EXPECT_EQ(list.find("i64.wast", 12), nullptr);
}

TEST(ExpectedFailures, MalformedEntriesAreErrors) {
  EXPECT_FALSE(ExpectedFailures::parse("i32.wast  no line number\n").ok());
  EXPECT_FALSE(ExpectedFailures::parse("i32.wast:12x  bad number\n").ok());
  EXPECT_FALSE(ExpectedFailures::parse("i32.wast:12\n").ok());  // a reason is required
  auto bad = ExpectedFailures::parse("# ok\ni32.wast:\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().line, 2u);
}

TEST(ExpectedFailures, WithoutListFailuresCount) {
  auto v = script::judge({report("a.wast", {{1, true, {}}, {2, false, "boom"}, {3, true, {}}})}, ExpectedFailures());
  EXPECT_EQ(v.passed, 2u);
  EXPECT_EQ(v.failed, 1u);
  EXPECT_EQ(v.expectedFailures, 0u);
  ASSERT_EQ(v.failures.size(), 1u);
  EXPECT_EQ(v.failures[0], "a.wast:2: boom");
}

TEST(ExpectedFailures, ListedFailureIsExpectedNotFailed) {
  ExpectedFailures list = listOf("a.wast:2  known bug\n");
  auto v = script::judge({report("dir/a.wast", {{1, true, {}}, {2, false, "boom"}})}, list);
  EXPECT_EQ(v.passed, 1u);
  EXPECT_EQ(v.failed, 0u);
  EXPECT_EQ(v.expectedFailures, 1u);
  ASSERT_EQ(v.expectedFailureLines.size(), 1u);
  EXPECT_NE(v.expectedFailureLines[0].find("expected failure: boom"), std::string::npos);
}

TEST(ExpectedFailures, ListedPassIsAFailure) {
  ExpectedFailures list = listOf("a.wast:1  was broken\n");
  auto v = script::judge({report("a.wast", {{1, true, {}}, {2, true, {}}})}, list);
  EXPECT_EQ(v.passed, 1u);
  EXPECT_EQ(v.failed, 1u);
  EXPECT_EQ(v.expectedFailures, 0u);
  ASSERT_EQ(v.failures.size(), 1u);
  EXPECT_NE(v.failures[0].find("a.wast:1: unexpectedly passed: remove it from the list"), std::string::npos);
}

TEST(ExpectedFailures, StaleEntryForAScriptThatRanIsAFailure) {
  ExpectedFailures list = listOf("a.wast:99  no such command\nother.wast:5  script not run\n");
  auto v = script::judge({report("a.wast", {{1, true, {}}})}, list);
  EXPECT_EQ(v.passed, 1u);
  EXPECT_EQ(v.failed, 1u);  // other.wast did not run, so its entry is not judged
  ASSERT_EQ(v.failures.size(), 1u);
  EXPECT_NE(v.failures[0].find("a.wast:99"), std::string::npos);
}

TEST(ExpectedFailures, OutcomesOnOneLineCountOnce) {
  auto v = script::judge({report("a.wast", {{4, true, {}}, {4, false, "second"}, {5, true, {}}})}, ExpectedFailures());
  EXPECT_EQ(v.passed, 1u);
  EXPECT_EQ(v.failed, 1u);
  ASSERT_EQ(v.failures.size(), 1u);
  EXPECT_EQ(v.failures[0], "a.wast:4: second");
}

TEST(ExpectedFailures, EntriesWithFoldersTellScriptsOfOneNameApart) {
  ExpectedFailures list = listOf(
      "extra/memory_grow.wast:7  only in the extra copy\n"
      "suite/memory_grow.wast:9  only in the suite\n"
      "i32.wast:3  any i32.wast\n");
  EXPECT_EQ(script::pathSuffixes("/t/extra/memory_grow.wast"),
            (std::vector<std::string>{"memory_grow.wast", "extra/memory_grow.wast", "t/extra/memory_grow.wast"}));
  ASSERT_NE(list.find("/t/extra/memory_grow.wast", 7), nullptr);
  EXPECT_EQ(list.find("/t/extra/memory_grow.wast", 9), nullptr);
  EXPECT_EQ(list.find("/t/suite/memory_grow.wast", 7), nullptr);
  EXPECT_NE(list.find("/t/suite/memory_grow.wast", 9), nullptr);
  EXPECT_EQ(list.find("memory_grow.wast", 7), nullptr);  // a bare name does not say which one
  EXPECT_NE(list.find("./x/i32.wast", 3), nullptr);
  auto extra = list.entriesFor("/t/extra/memory_grow.wast");
  ASSERT_EQ(extra.size(), 1u);
  EXPECT_EQ(extra[0].first, 7u);
  // The suite's entry is not judged against the extra script.
  auto v = script::judge({report("/t/extra/memory_grow.wast", {{7, false, "boom"}})}, list);
  EXPECT_EQ(v.failed, 0u);
  EXPECT_EQ(v.expectedFailures, 1u);
}
