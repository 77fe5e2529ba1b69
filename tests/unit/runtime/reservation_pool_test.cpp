// A memory built on a reused reservation must be indistinguishable from a
// fresh one: all zeros, and inaccessible (trapping) beyond its size, however
// the previous owner used and grew it.
#include "runtime/reservation_pool.h"

#include <gtest/gtest.h>
#include <sys/mman.h>

#include <cstring>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include "runtime/memory.h"
#include "runtime/trap_handler.h"

namespace wasmcap::runtime {
namespace {

constexpr uint64_t kPage = ir::kPageSize;

std::unique_ptr<Memory> makeMemory(uint64_t pages) {
  ir::MemoryType type;
  type.limits.min = pages;
  auto r = Memory::create(type);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().describe());
  return std::unique_ptr<Memory>(r.ok() ? *r : nullptr);
}

struct Access {
  volatile uint8_t* addr;
};

std::optional<Trap> readByte(void* p) {
  (void)*static_cast<Access*>(p)->addr;
  return std::nullopt;
}

std::optional<Trap> writeByte(void* p) {
  *static_cast<Access*>(p)->addr = 1;
  return std::nullopt;
}

// Both a read and a write at `addr` trap as out of bounds.
void expectTraps(uint8_t* addr) {
  Access a{addr};
  auto r = runGuarded(readByte, &a);
  ASSERT_TRUE(r.has_value()) << "read did not trap";
  EXPECT_EQ(r->kind, TrapKind::MemoryOutOfBounds);
  auto w = runGuarded(writeByte, &a);
  ASSERT_TRUE(w.has_value()) << "write did not trap";
  EXPECT_EQ(w->kind, TrapKind::MemoryOutOfBounds);
}

// Index of the first non-zero byte of the memory, or its size.
uint64_t firstNonZero(const Memory& mem) {
  for (uint64_t i = 0; i < mem.sizeBytes(); ++i)
    if (mem.base()[i] != 0) return i;
  return mem.sizeBytes();
}

void fill(Memory& mem, uint8_t value) {
  for (uint64_t i = 0; i < mem.sizeBytes(); ++i) mem.base()[i] = value;
}

TEST(ReservationPool, SmallerMemoryOnAReusedReservationIsZeroAndGuarded) {
  uint8_t* firstBase = nullptr;
  {
    auto used = makeMemory(2);
    ASSERT_TRUE(used);
    ASSERT_EQ(used->grow(2), 2u);  // the previous owner grew to 4 pages
    fill(*used, 0xA5);
    firstBase = used->base();
  }
  auto mem = makeMemory(1);
  ASSERT_TRUE(mem);
  ASSERT_EQ(mem->base(), firstBase) << "the reservation was not reused";
  EXPECT_EQ(firstNonZero(*mem), mem->sizeBytes());
  // Everything the previous owner could reach beyond one page traps now.
  expectTraps(mem->base() + kPage);
  expectTraps(mem->base() + 2 * kPage + 7);
  expectTraps(mem->base() + 4 * kPage - 1);
  expectTraps(mem->base() + 4 * kPage);
  // Growing back over the old pages gives zeros, not the old contents.
  ASSERT_EQ(mem->grow(3), 1u);
  EXPECT_EQ(firstNonZero(*mem), mem->sizeBytes());
  expectTraps(mem->base() + 4 * kPage);
}

TEST(ReservationPool, LargerMemoryOnAReusedReservationIsZeroAndGuarded) {
  uint8_t* firstBase = nullptr;
  {
    auto used = makeMemory(1);
    ASSERT_TRUE(used);
    fill(*used, 0x5A);
    firstBase = used->base();
  }
  auto mem = makeMemory(3);
  ASSERT_TRUE(mem);
  ASSERT_EQ(mem->base(), firstBase) << "the reservation was not reused";
  EXPECT_EQ(firstNonZero(*mem), mem->sizeBytes());
  mem->base()[3 * kPage - 1] = 9;  // the whole new size is writable
  expectTraps(mem->base() + 3 * kPage);
}

TEST(ReservationPool, EmptyMemoryOnAReusedReservationTrapsEverywhere) {
  {
    auto used = makeMemory(2);
    ASSERT_TRUE(used);
    fill(*used, 1);
  }
  auto mem = makeMemory(0);
  ASSERT_TRUE(mem);
  expectTraps(mem->base());
  expectTraps(mem->base() + kPage + 3);
  ASSERT_EQ(mem->grow(2), 0u);
  EXPECT_EQ(firstNonZero(*mem), mem->sizeBytes());
}

TEST(ReservationPool, SameSizeReuseIsZeroAndGuarded) {
  for (int round = 0; round < 3; ++round) {
    auto mem = makeMemory(1);
    ASSERT_TRUE(mem);
    EXPECT_EQ(firstNonZero(*mem), mem->sizeBytes()) << "round " << round;
    expectTraps(mem->base() + kPage);
    fill(*mem, static_cast<uint8_t>(round + 1));
  }
}

TEST(ReservationPool, KeepsAtMostItsBoundAndUnmapsTheRest) {
  ReservationPool pool(2);
  std::vector<uint8_t*> bases;
  for (int i = 0; i < 3; ++i) {
    auto base = pool.acquire(kPage);
    ASSERT_TRUE(base.ok());
    bases.push_back(*base);
  }
  for (uint8_t* b : bases) pool.release(b, kPage);
  EXPECT_EQ(pool.idleCount(), 2u);
  auto again = pool.acquire(kPage);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(pool.idleCount(), 1u);
  pool.release(*again, kPage);
  EXPECT_EQ(pool.idleCount(), 2u);
}

TEST(ReservationPool, PrefersAReservationOpenedToTheWantedSize) {
  ReservationPool pool;
  auto small = pool.acquire(kPage);
  auto large = pool.acquire(3 * kPage);
  ASSERT_TRUE(small.ok() && large.ok());
  uint8_t* smallBase = *small;
  pool.release(smallBase, kPage);
  pool.release(*large, 3 * kPage);
  auto again = pool.acquire(kPage);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, smallBase);
  pool.release(*again, kPage);
}

// The first pages are zeroed in place, not discarded: the next memory does
// not pay a page fault for them. Pages beyond kKeepResidentBytes are
// discarded, and every byte reads as zero either way.
TEST(ReservationPool, KeepsTheFirstPagesResidentAndZeroesThem) {
  ReservationPool pool;
  const uint64_t bytes = ReservationPool::kKeepResidentBytes + 2 * kPage;
  auto base = pool.acquire(bytes);
  ASSERT_TRUE(base.ok());
  uint8_t* b = *base;
  std::memset(b, 0xab, bytes);
  pool.release(b, bytes);
  auto again = pool.acquire(bytes);
  ASSERT_TRUE(again.ok());
  ASSERT_EQ(*again, b);
  unsigned char first = 0, beyond = 0;
  ASSERT_EQ(mincore(b, 4096, &first), 0);
  ASSERT_EQ(mincore(b + ReservationPool::kKeepResidentBytes, 4096, &beyond), 0);
  EXPECT_EQ(first & 1, 1) << "the first page was discarded";
  EXPECT_EQ(beyond & 1, 0) << "a page beyond the resident prefix was kept";
  for (uint64_t i = 0; i < bytes; ++i) ASSERT_EQ(b[i], 0) << "at " << i;
  pool.release(b, bytes);
}

TEST(ReservationPool, AReservationOfUnknownProtectionIsNotKept) {
  ReservationPool pool;
  auto base = pool.acquire(kPage);
  ASSERT_TRUE(base.ok());
  pool.release(*base, kPage, /*exact=*/false);
  EXPECT_EQ(pool.idleCount(), 0u);
}

TEST(ReservationPool, ConcurrentMemoriesAreEachZeroAndPrivate) {
  constexpr int kThreads = 4;
  constexpr int kRounds = 150;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t, &failures] {
      for (int round = 0; round < kRounds; ++round) {
        ir::MemoryType type;
        type.limits.min = 1 + (round + t) % 3;
        auto r = Memory::create(type);
        if (!r.ok()) {
          ++failures;
          continue;
        }
        std::unique_ptr<Memory> mem(*r);
        const auto mark = static_cast<uint8_t>(t + 1);
        for (uint64_t i = 0; i < mem->sizeBytes(); i += 4096) {
          if (mem->base()[i] != 0) ++failures;
          mem->base()[i] = mark;
        }
        for (uint64_t i = 0; i < mem->sizeBytes(); i += 4096)
          if (mem->base()[i] != mark) ++failures;  // no other thread writes here
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_LE(ReservationPool::shared().idleCount(), ReservationPool::kDefaultMaxIdle);
}

}  // namespace
}  // namespace wasmcap::runtime
