#include "run_limits.h"

#include <gtest/gtest.h>

namespace wasmcap::cli {
namespace {

TEST(ByteSize, PlainNumbersAreBytes) {
  EXPECT_EQ(*parseByteSize("--max-memory", "65536"), 65536u);
  EXPECT_EQ(*parseByteSize("--max-memory", "0"), 0u);
  EXPECT_EQ(*parseByteSize("--max-memory", "12B"), 12u);
}

TEST(ByteSize, BinaryAndDecimalUnits) {
  EXPECT_EQ(*parseByteSize("--max-memory", "64KiB"), 64u * 1024);
  EXPECT_EQ(*parseByteSize("--max-memory", "64K"), 64u * 1024);
  EXPECT_EQ(*parseByteSize("--max-memory", "64MiB"), 64u << 20);
  EXPECT_EQ(*parseByteSize("--max-memory", "1.5GiB"), 3u << 29);
  EXPECT_EQ(*parseByteSize("--max-memory", "2MB"), 2'000'000u);
  EXPECT_EQ(*parseByteSize("--max-memory", "1GB"), 1'000'000'000u);
}

TEST(ByteSize, BadSpecsNameTheFlagAndTheProblem) {
  for (const char* bad : {"", "MiB", "-1", "64 MiB", "64mb", "64XB", "1e30GiB"}) {
    auto r = parseByteSize("--max-memory", bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::Usage);
    EXPECT_NE(r.error().message.find("--max-memory \"" + std::string(bad) + "\""), std::string::npos)
        << r.error().message;
  }
}

TEST(Duration, Units) {
  using namespace std::chrono;
  EXPECT_EQ(*parseDuration("--timeout", "500ms"), milliseconds(500));
  EXPECT_EQ(*parseDuration("--timeout", "2s"), seconds(2));
  EXPECT_EQ(*parseDuration("--timeout", "2"), seconds(2));
  EXPECT_EQ(*parseDuration("--timeout", "1.5s"), milliseconds(1500));
  EXPECT_EQ(*parseDuration("--timeout", "250us"), microseconds(250));
  EXPECT_EQ(*parseDuration("--timeout", "7ns"), nanoseconds(7));
  EXPECT_EQ(*parseDuration("--timeout", "1m"), seconds(60));
  EXPECT_EQ(*parseDuration("--timeout", "1h"), seconds(3600));
}

TEST(Duration, BadSpecs) {
  for (const char* bad : {"", "ms", "-5s", "5 s", "5sec", "1e30h"}) {
    auto r = parseDuration("--timeout", bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::Usage);
    EXPECT_NE(r.error().message.find("--timeout"), std::string::npos);
  }
}

}  // namespace
}  // namespace wasmcap::cli
