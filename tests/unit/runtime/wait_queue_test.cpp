// memory.atomic.wait/notify as the runtime implements them, with real host
// threads on one shared memory.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "runtime/memory.h"

namespace wasmcap::runtime {
namespace {

using namespace std::chrono_literals;

std::unique_ptr<Memory> sharedMemory() {
  ir::MemoryType type;
  type.limits.min = 1;
  type.limits.max = 1;
  type.limits.shared = true;
  Result<Memory*> m = Memory::create(type);
  EXPECT_TRUE(m.ok());
  return std::unique_ptr<Memory>(m.ok() ? *m : nullptr);
}

uint32_t* word(Memory& m, uint64_t address) { return reinterpret_cast<uint32_t*>(m.base() + address); }

TEST(WaitQueue, NotifyWakesAWaiterOnAnotherThread) {
  auto mem = sharedMemory();
  ASSERT_TRUE(mem);
  std::atomic<int> result{-2};
  std::thread waiter([&] { result = static_cast<int>(mem->atomicWait(8, 0, 4, -1, nullptr).result); });
  // Notify until it reaches the waiter (it may not be queued yet).
  uint32_t woken = 0;
  auto deadline = std::chrono::steady_clock::now() + 10s;
  while (woken == 0 && std::chrono::steady_clock::now() < deadline) {
    woken = mem->atomicNotify(8, 1).result;
    if (woken == 0) std::this_thread::sleep_for(1ms);
  }
  waiter.join();
  EXPECT_EQ(woken, 1u);
  EXPECT_EQ(result.load(), 0) << "0: woken by notify";
}

TEST(WaitQueue, AChangedValueIsNotEqualAndATimeoutTimesOut) {
  auto mem = sharedMemory();
  ASSERT_TRUE(mem);
  __atomic_store_n(word(*mem, 16), 7u, __ATOMIC_SEQ_CST);
  EXPECT_EQ(mem->atomicWait(16, 6, 4, -1, nullptr).result, 1u);  // not-equal: returns at once
  auto start = std::chrono::steady_clock::now();
  Memory::WaitOutcome r = mem->atomicWait(16, 7, 4, 20'000'000, nullptr);  // 20 ms
  EXPECT_FALSE(r.trap);
  EXPECT_EQ(r.result, 2u);
  EXPECT_GE(std::chrono::steady_clock::now() - start, 20ms);
  // wait64 compares all eight bytes.
  EXPECT_EQ(mem->atomicWait(16, 7, 8, 0, nullptr).result, 2u);
  EXPECT_EQ(mem->atomicWait(16, 0x100000007ull, 8, 0, nullptr).result, 1u);
}

TEST(WaitQueue, NotifyWakesAtMostCountAndOnlyAtItsAddress) {
  auto mem = sharedMemory();
  ASSERT_TRUE(mem);
  constexpr int kWaiters = 4;
  std::atomic<int> wokenOrder[kWaiters];
  std::atomic<int> next{0};
  std::atomic<int> other{-2};
  std::vector<std::thread> threads;
  for (int i = 0; i < kWaiters; ++i) wokenOrder[i] = -1;
  // One waiter on another address, which no notify below reaches.
  threads.emplace_back([&] { other = static_cast<int>(mem->atomicWait(4, 0, 4, 200'000'000, nullptr).result); });
  for (int i = 0; i < kWaiters; ++i) {
    threads.emplace_back([&, i] {
      if (mem->atomicWait(0, 0, 4, -1, nullptr).result == 0) wokenOrder[i] = next++;
    });
  }
  // Wake them two at a time until all four were woken.
  uint32_t total = 0;
  auto deadline = std::chrono::steady_clock::now() + 10s;
  while (total < kWaiters && std::chrono::steady_clock::now() < deadline) {
    uint32_t n = mem->atomicNotify(0, 2).result;
    EXPECT_LE(n, 2u);
    total += n;
    std::this_thread::sleep_for(1ms);
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(total, static_cast<uint32_t>(kWaiters));
  for (int i = 0; i < kWaiters; ++i) EXPECT_GE(wokenOrder[i].load(), 0) << "waiter " << i;
  EXPECT_EQ(other.load(), 2) << "the waiter at another address timed out";
}

TEST(WaitQueue, AnInterruptionEndsAWait) {
  auto mem = sharedMemory();
  ASSERT_TRUE(mem);
  InterruptState interrupt;
  std::optional<TrapKind> trap;
  std::thread waiter([&] { trap = mem->atomicWait(0, 0, 4, -1, &interrupt).trap; });
  std::this_thread::sleep_for(10ms);
  interrupt.requestInterrupt();
  mem->wakeWaitersForInterrupt();
  waiter.join();
  ASSERT_TRUE(trap);
  EXPECT_EQ(*trap, TrapKind::Interrupted);
}

TEST(WaitQueue, ChecksOfWaitAndNotify) {
  auto mem = sharedMemory();
  ASSERT_TRUE(mem);
  EXPECT_EQ(mem->atomicWait(2, 0, 4, 0, nullptr).trap, TrapKind::UnalignedAtomic);
  EXPECT_EQ(mem->atomicWait(4, 0, 8, 0, nullptr).trap, TrapKind::UnalignedAtomic);
  EXPECT_EQ(mem->atomicWait(ir::kPageSize, 0, 4, 0, nullptr).trap, TrapKind::MemoryOutOfBounds);
  EXPECT_EQ(mem->atomicNotify(ir::kPageSize - 2, 1).trap, TrapKind::MemoryOutOfBounds);
  EXPECT_EQ(mem->atomicNotify(2, 1).trap, TrapKind::UnalignedAtomic);
  ir::MemoryType unshared;
  unshared.limits.min = 1;
  Result<Memory*> plain = Memory::create(unshared);
  ASSERT_TRUE(plain.ok());
  std::unique_ptr<Memory> owned(*plain);
  EXPECT_EQ(owned->atomicWait(0, 0, 4, 0, nullptr).trap, TrapKind::ExpectedSharedMemory);
  Memory::WaitOutcome n = owned->atomicNotify(0, 1);
  EXPECT_FALSE(n.trap);
  EXPECT_EQ(n.result, 0u);
}

TEST(WaitQueue, SharedMemoryGrowsWhileAnotherThreadReadsItsSize) {
  ir::MemoryType type;
  type.limits.min = 1;
  type.limits.max = 64;
  type.limits.shared = true;
  Result<Memory*> m = Memory::create(type);
  ASSERT_TRUE(m.ok());
  std::unique_ptr<Memory> mem(*m);
  std::atomic<bool> done{false};
  std::thread reader([&] {
    uint64_t last = 0;
    while (!done) {
      uint64_t now = mem->pages();
      EXPECT_GE(now, last);
      last = now;
    }
  });
  std::vector<std::thread> growers;
  for (int i = 0; i < 3; ++i)
    growers.emplace_back([&] {
      for (int k = 0; k < 21; ++k) (void)mem->grow(1);
    });
  for (auto& g : growers) g.join();
  done = true;
  reader.join();
  EXPECT_EQ(mem->pages(), 64u);
  EXPECT_EQ(mem->grow(1), ~uint64_t{0});
}

}  // namespace
}  // namespace wasmcap::runtime
