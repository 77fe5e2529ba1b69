#include "runtime/trap_handler.h"

#include <gtest/gtest.h>

#include <signal.h>
#include <memory>
#include <thread>
#include <vector>

#include "runtime/memory.h"

namespace wasmcap::runtime {
namespace {

std::unique_ptr<Memory> makeMemory(uint64_t pages) {
  ir::MemoryType type;
  type.limits.min = pages;
  auto r = Memory::create(type);
  return std::unique_ptr<Memory>(r.ok() ? *r : nullptr);
}

struct Access {
  volatile uint8_t* addr;
  int reached = 0;  // set after the access; stays 0 when the access faults
};

std::optional<Trap> readByte(void* p) {
  auto* a = static_cast<Access*>(p);
  (void)*a->addr;
  a->reached = 1;
  return std::nullopt;
}

std::optional<Trap> writeByte(void* p) {
  auto* a = static_cast<Access*>(p);
  *a->addr = 1;
  a->reached = 1;
  return std::nullopt;
}

TEST(TrapHandler, InBoundsAccessRunsNormally) {
  auto mem = makeMemory(1);
  ASSERT_TRUE(mem);
  Access a{mem->base() + ir::kPageSize - 1};
  EXPECT_FALSE(runGuarded(writeByte, &a).has_value());
  EXPECT_EQ(a.reached, 1);
  EXPECT_EQ(mem->base()[ir::kPageSize - 1], 1);
}

TEST(TrapHandler, OutOfBoundsAccessBecomesTrap) {
  auto mem = makeMemory(1);
  ASSERT_TRUE(mem);
  Access a{mem->base() + ir::kPageSize};
  auto trap = runGuarded(readByte, &a);
  ASSERT_TRUE(trap.has_value());
  EXPECT_EQ(trap->kind, TrapKind::MemoryOutOfBounds);
  EXPECT_EQ(trap->message, "out of bounds memory access");
  EXPECT_EQ(a.reached, 0);
  // The process keeps going and further traps work too.
  Access b{mem->base() + 5 * ir::kPageSize};
  auto again = runGuarded(writeByte, &b);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->kind, TrapKind::MemoryOutOfBounds);
}

TEST(TrapHandler, ZeroSizeMemoryTrapsOnEveryAccess) {
  auto mem = makeMemory(0);
  ASSERT_TRUE(mem);
  Access a{mem->base()};
  auto trap = runGuarded(readByte, &a);
  ASSERT_TRUE(trap.has_value());
  EXPECT_EQ(trap->kind, TrapKind::MemoryOutOfBounds);
}

TEST(TrapHandler, FaultAtTheVeryEndOfTheReservation) {
  auto mem = makeMemory(1);
  ASSERT_TRUE(mem);
  // The last byte a 32-bit access can touch: max address + max offset + 15.
  uint64_t furthest = uint64_t{0xFFFFFFFF} + uint64_t{0xFFFFFFFF} + 15;
  ASSERT_TRUE(mem->containsAddress(mem->base() + furthest));
  Access a{mem->base() + furthest};
  auto trap = runGuarded(writeByte, &a);
  ASSERT_TRUE(trap.has_value());
  EXPECT_EQ(trap->kind, TrapKind::MemoryOutOfBounds);
}

TEST(TrapHandler, GrownPagesStopTrapping) {
  auto mem = makeMemory(1);
  ASSERT_TRUE(mem);
  Access a{mem->base() + ir::kPageSize};
  EXPECT_TRUE(runGuarded(writeByte, &a).has_value());
  ASSERT_EQ(mem->grow(1), 1u);
  EXPECT_FALSE(runGuarded(writeByte, &a).has_value());
  EXPECT_EQ(a.reached, 1);
}

struct Nested {
  Memory* mem;
  std::optional<Trap> inner;
  int afterInner = 0;
};

std::optional<Trap> nestedOuter(void* p) {
  auto* n = static_cast<Nested*>(p);
  Access a{n->mem->base() + ir::kPageSize * 3};
  n->inner = runGuarded(readByte, &a);
  n->afterInner = 1;
  // A fault after the inner call returns must unwind to this (outer) frame.
  Access b{n->mem->base() + ir::kPageSize * 2};
  return readByte(&b);
}

TEST(TrapHandler, NestedRunGuardedUnwindsToTheInnermostFrame) {
  auto mem = makeMemory(1);
  ASSERT_TRUE(mem);
  Nested n{mem.get(), std::nullopt, 0};
  auto outer = runGuarded(nestedOuter, &n);
  ASSERT_TRUE(n.inner.has_value());
  EXPECT_EQ(n.inner->kind, TrapKind::MemoryOutOfBounds);
  EXPECT_EQ(n.afterInner, 1);
  ASSERT_TRUE(outer.has_value());
  EXPECT_EQ(outer->kind, TrapKind::MemoryOutOfBounds);
}

std::optional<Trap> returnsHostTrap(void*) { return Trap(TrapKind::Host, "custom"); }

TEST(TrapHandler, TrapsReturnedByTheFunctionPassThrough) {
  auto trap = runGuarded(returnsHostTrap, nullptr);
  ASSERT_TRUE(trap.has_value());
  EXPECT_EQ(trap->kind, TrapKind::Host);
  EXPECT_EQ(trap->message, "custom");
}

TEST(TrapHandler, EachThreadHasItsOwnGuardedFrames) {
  auto mem = makeMemory(1);
  ASSERT_TRUE(mem);
  constexpr int kThreads = 4;
  std::vector<std::optional<Trap>> traps(kThreads);
  std::vector<int> altStackEnabled(kThreads, 0);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      Access a{mem->base() + ir::kPageSize * (i + 1)};
      traps[i] = runGuarded(readByte, &a);
      stack_t ss{};
      altStackEnabled[i] = sigaltstack(nullptr, &ss) == 0 && !(ss.ss_flags & SS_DISABLE);
    });
  }
  for (auto& t : threads) t.join();
  for (int i = 0; i < kThreads; ++i) {
    ASSERT_TRUE(traps[i].has_value()) << i;
    EXPECT_EQ(traps[i]->kind, TrapKind::MemoryOutOfBounds);
    EXPECT_TRUE(altStackEnabled[i]) << "the handler needs an alternate stack on every guarded thread";
  }
}

TEST(TrapHandlerDeathTest, FaultOutsideGuardRegionIsNotSwallowed) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      {
        auto mem = makeMemory(1);  // ensures the handler is installed
        Access a{reinterpret_cast<volatile uint8_t*>(uintptr_t{8})};
        (void)runGuarded(readByte, &a);
      },
      "");
}

TEST(TrapHandlerDeathTest, GuardFaultOutsideRunGuardedIsNotSwallowed) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      {
        auto mem = makeMemory(1);
        Access a{mem->base() + ir::kPageSize};
        (void)readByte(&a);
      },
      "");
}

TEST(TrapHandlerDeathTest, UnregisteredMemoryIsNotSwallowed) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      {
        auto mem = makeMemory(1);
        unregisterGuardRegion(mem->base());
        Access a{mem->base() + ir::kPageSize};
        (void)runGuarded(readByte, &a);
      },
      "");
}

}  // namespace
}  // namespace wasmcap::runtime
