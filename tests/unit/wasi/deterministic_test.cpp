// Config::deterministic: clocks that start at a fixed time and advance only
// by what the program sleeps, and a random_get fixed by its seed.
#include <chrono>

#include "harness.h"

namespace wasmcap::wasi {
namespace {

using namespace testing;
namespace det = preview1::deterministic;

constexpr uint64_t kStart = 946'684'800'000'000'000ull;  // 2000-01-01T00:00:00Z
constexpr uint32_t kSubs = kBuf, kEvents = kBuf + 2048;

Config deterministic(uint64_t seed) {
  Config config;
  config.deterministic = wasmcap::wasi::Deterministic{.seed = seed};
  return config;
}

uint64_t now(WasiHarness& h, uint32_t clock) {
  auto c = h.call();
  EXPECT_EQ(Errno::Success, det::clock_time_get(c, clock, 1, kResult));
  return h.u64(kResult);
}

// One subscription: `timeout` ns on `clock` (relative, or absolute with `abs`).
Errno sleep(WasiHarness& h, uint32_t clock, uint64_t timeout, bool abs = false) {
  std::fill(h.memory.begin() + kSubs, h.memory.begin() + kSubs + 48, 0);
  h.setU64(kSubs, 5);
  h.setU32(kSubs + 16, clock);
  h.setU64(kSubs + 24, timeout);
  h.setU16(kSubs + 40, abs ? 1 : 0);
  auto c = h.call();
  return preview1::poll_oneoff(c, kSubs, kEvents, 1, kResult);
}

TEST(WasiDeterministic, ClocksAdvanceOnlyByWhatTheProgramSleeps) {
  WasiHarness h(deterministic(0));
  EXPECT_EQ(kStart, now(h, 0));  // realtime
  EXPECT_EQ(0u, now(h, 1));      // monotonic
  EXPECT_EQ(kStart, now(h, 0));  // no time passes by itself

  const auto before = std::chrono::steady_clock::now();
  ASSERT_EQ(Errno::Success, sleep(h, 1, 3'600'000'000'000ull));  // an hour, at once
  EXPECT_LT(std::chrono::steady_clock::now() - before, std::chrono::seconds(5));
  EXPECT_EQ(1u, h.u32(kResult));
  EXPECT_EQ(5u, h.u64(kEvents));
  EXPECT_EQ(3'600'000'000'000ull, now(h, 1));
  EXPECT_EQ(kStart + 3'600'000'000'000ull, now(h, 0));
  // An absolute deadline on the realtime clock, one second ahead.
  ASSERT_EQ(Errno::Success, sleep(h, 0, kStart + 3'601'000'000'000ull, true));
  EXPECT_EQ(kStart + 3'601'000'000'000ull, now(h, 0));

  auto c = h.call();
  EXPECT_EQ(Errno::Success, det::clock_res_get(c, 1, kResult));
  EXPECT_GT(h.u64(kResult), 0u);
  EXPECT_EQ(Errno::Inval, det::clock_time_get(c, 9, 1, kResult));
}

std::string randomBytes(uint64_t seed, uint32_t n) {
  WasiHarness h(deterministic(seed));
  auto c = h.call();
  EXPECT_EQ(Errno::Success, det::random_get(c, kBuf, n));
  std::string first = h.get(kBuf, n);
  EXPECT_EQ(Errno::Success, det::random_get(c, kBuf, n));
  EXPECT_NE(first, h.get(kBuf, n));  // the sequence goes on
  return first;
}

TEST(WasiDeterministic, RandomGetIsFixedByItsSeed) {
  EXPECT_EQ(randomBytes(42, 37), randomBytes(42, 37));
  EXPECT_NE(randomBytes(42, 37), randomBytes(43, 37));
  WasiHarness h(deterministic(1));
  auto c = h.call();
  EXPECT_EQ(Errno::Fault, det::random_get(c, kMemSize - 4, 8));
}

}  // namespace
}  // namespace wasmcap::wasi
