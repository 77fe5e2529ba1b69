// args/environ, clocks, random_get and the proc functions.
#include <time.h>

#include <set>

#include "harness.h"

namespace wasmcap::wasi {
namespace {

using namespace testing;
using namespace preview1;

TEST(WasiArgsEnv, SizesAndStrings) {
  Config config;
  config.arg("prog").arg("two words").arg("\xc3\xbc");  // "ü": two bytes
  config.setEnv("A", "1").setEnv("EMPTY", "");
  WasiHarness h(config);
  auto c = h.call();
  ASSERT_EQ(Errno::Success, args_sizes_get(c, kResult, kResult2));
  EXPECT_EQ(3u, h.u32(kResult));
  EXPECT_EQ(5u + 10u + 3u, h.u32(kResult2));
  ASSERT_EQ(Errno::Success, args_get(c, kBuf, kBuf + 64));
  EXPECT_EQ(kBuf + 64, h.u32(kBuf));
  EXPECT_EQ(std::string("prog", 5), h.get(h.u32(kBuf), 5));
  EXPECT_EQ(std::string("two words", 10), h.get(h.u32(kBuf + 4), 10));
  EXPECT_EQ(std::string("\xc3\xbc", 3), h.get(h.u32(kBuf + 8), 3));

  ASSERT_EQ(Errno::Success, environ_sizes_get(c, kResult, kResult2));
  EXPECT_EQ(2u, h.u32(kResult));
  EXPECT_EQ(4u + 7u, h.u32(kResult2));
  ASSERT_EQ(Errno::Success, environ_get(c, kBuf, kBuf + 64));
  EXPECT_EQ(std::string("EMPTY=", 7), h.get(h.u32(kBuf + 4), 7));
}

TEST(WasiArgsEnv, OutOfBoundsPointersFault) {
  Config config;
  config.arg("prog");
  WasiHarness h(config);
  auto c = h.call();
  EXPECT_EQ(Errno::Fault, args_sizes_get(c, kMemSize - 2, kResult));
  EXPECT_EQ(Errno::Fault, args_get(c, kBuf, kMemSize - 3));      // "prog\0" does not fit
  EXPECT_EQ(Errno::Fault, args_get(c, 0xFFFFFFFFu, kBuf));        // ptr + 4 wraps in 32 bits
  EXPECT_EQ(Errno::Fault, environ_sizes_get(c, 0xFFFFFFFEu, kResult));
  EXPECT_EQ(0u, h.u32(kBuf));  // nothing written by the failed call
}

TEST(WasiClocks, RealtimeMonotonicAndCputime) {
  WasiHarness h;
  auto c = h.call();
  ASSERT_EQ(Errno::Success, clock_time_get(c, 0, 1, kResult));
  const uint64_t wasiNow = h.u64(kResult);
  const uint64_t hostNow = static_cast<uint64_t>(::time(nullptr)) * 1'000'000'000ull;
  EXPECT_LT(wasiNow > hostNow ? wasiNow - hostNow : hostNow - wasiNow, 5'000'000'000ull);
  ASSERT_EQ(Errno::Success, clock_time_get(c, 1, 0, kResult));
  const uint64_t m1 = h.u64(kResult);
  ASSERT_EQ(Errno::Success, clock_time_get(c, 1, 0, kResult));
  EXPECT_GE(h.u64(kResult), m1);
  for (uint32_t id = 0; id < 4; ++id) {
    ASSERT_EQ(Errno::Success, clock_res_get(c, id, kResult)) << id;
    EXPECT_GT(h.u64(kResult), 0u);
    EXPECT_EQ(Errno::Success, clock_time_get(c, id, 0, kResult)) << id;
  }
  EXPECT_EQ(Errno::Inval, clock_time_get(c, 4, 0, kResult));
  EXPECT_EQ(Errno::Inval, clock_res_get(c, 99, kResult));
  EXPECT_EQ(Errno::Fault, clock_time_get(c, 0, 0, kMemSize - 4));
}

TEST(WasiRandom, FillsTheBuffer) {
  WasiHarness h;
  auto c = h.call();
  ASSERT_EQ(Errno::Success, random_get(c, kBuf, 4096));
  std::set<uint8_t> distinct(h.memory.begin() + kBuf, h.memory.begin() + kBuf + 4096);
  EXPECT_GT(distinct.size(), 200u);  // 4 KiB of random bytes use nearly all values
  const std::string first = h.get(kBuf, 64);
  ASSERT_EQ(Errno::Success, random_get(c, kBuf, 64));
  EXPECT_NE(first, h.get(kBuf, 64));
  EXPECT_EQ(Errno::Success, random_get(c, kMemSize, 0));
  EXPECT_EQ(Errno::Fault, random_get(c, kMemSize - 10, 11));
  EXPECT_EQ(Errno::Fault, random_get(c, 0xFFFFFFF0u, 0x20));
}

TEST(WasiProc, ExitRaiseYield) {
  WasiHarness h;
  auto c = h.call();
  proc_exit(c, 42);
  ASSERT_TRUE(c.trap.has_value());
  EXPECT_EQ(runtime::TrapKind::Exit, c.trap->kind);
  EXPECT_EQ(42, c.trap->exitCode);
  EXPECT_EQ(42, h.ctx->exitCode.value_or(-1));
  auto d = h.call();
  EXPECT_EQ(Errno::NotSup, proc_raise(d, 9));
  EXPECT_EQ(Errno::Success, sched_yield(d));
  EXPECT_FALSE(d.trap.has_value());
}

TEST(WasiGuestMemory, ChecksRangesWithoutWrapping) {
  std::vector<uint8_t> buf(100);
  GuestMemory mem(buf.data(), buf.size());
  EXPECT_TRUE(mem.valid(0, 100));
  EXPECT_TRUE(mem.valid(100, 0));
  EXPECT_FALSE(mem.valid(101, 0));
  EXPECT_FALSE(mem.valid(50, 51));
  EXPECT_FALSE(mem.valid(1, UINT64_MAX));
  uint32_t v;
  EXPECT_FALSE(mem.load(97, v));
  GuestMemory none;
  EXPECT_FALSE(none.valid(0, 1));
  EXPECT_TRUE(isValidUtf8("plain \xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"));
  EXPECT_FALSE(isValidUtf8("\xff"));
  EXPECT_FALSE(isValidUtf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(isValidUtf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(isValidUtf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(isValidUtf8("\xe2\x82"));          // truncated
}

}  // namespace
}  // namespace wasmcap::wasi
