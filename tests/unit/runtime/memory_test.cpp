#include "runtime/memory.h"

#include <gtest/gtest.h>

#include <memory>

namespace wasmcap::runtime {
namespace {

constexpr uint64_t kFail = ~uint64_t{0};

std::unique_ptr<Memory> makeMemory(uint64_t min, std::optional<uint64_t> max = std::nullopt,
                                   uint64_t cap = ir::kMaxPages32) {
  ir::MemoryType type;
  type.limits.min = min;
  type.limits.max = max;
  auto r = Memory::create(type, cap);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().describe());
  return std::unique_ptr<Memory>(r.ok() ? *r : nullptr);
}

TEST(Memory, InitialPagesAreZeroedAndWritable) {
  auto mem = makeMemory(2);
  ASSERT_TRUE(mem);
  EXPECT_EQ(mem->pages(), 2u);
  EXPECT_EQ(mem->sizeBytes(), 2u * ir::kPageSize);
  for (uint64_t i = 0; i < mem->sizeBytes(); i += 4093) EXPECT_EQ(mem->base()[i], 0);
  mem->base()[mem->sizeBytes() - 1] = 0xAB;
  EXPECT_EQ(mem->base()[mem->sizeBytes() - 1], 0xAB);
}

TEST(Memory, GrowReturnsOldSizeAndCommitsPages) {
  auto mem = makeMemory(1, 3);
  ASSERT_TRUE(mem);
  EXPECT_EQ(mem->grow(0), 1u);
  EXPECT_EQ(mem->grow(1), 1u);
  EXPECT_EQ(mem->pages(), 2u);
  mem->base()[2 * ir::kPageSize - 1] = 7;  // the new page is accessible
  EXPECT_EQ(mem->base()[2 * ir::kPageSize - 1], 7);
  EXPECT_EQ(mem->type().limits.min, 2u);  // the instance type follows the size
  EXPECT_EQ(mem->grow(2), kFail);         // beyond the declared max
  EXPECT_EQ(mem->grow(1), 2u);
  EXPECT_EQ(mem->grow(1), kFail);
  EXPECT_EQ(mem->grow(0), 3u);
}

TEST(Memory, GrowRespectsEmbedderCapAndFourGiB) {
  auto capped = makeMemory(0, std::nullopt, 4);
  ASSERT_TRUE(capped);
  EXPECT_EQ(capped->grow(5), kFail);
  EXPECT_EQ(capped->grow(4), 0u);

  auto unbounded = makeMemory(0);
  ASSERT_TRUE(unbounded);
  EXPECT_EQ(unbounded->grow(ir::kMaxPages32 + 1), kFail);
  EXPECT_EQ(unbounded->grow(~uint64_t{0}), kFail);  // no overflow in the check
}

TEST(Memory, FullFourGiBMemoryCanBeCreated) {
  auto mem = makeMemory(ir::kMaxPages32);
  ASSERT_TRUE(mem);
  EXPECT_EQ(mem->sizeBytes(), uint64_t{1} << 32);
  mem->base()[(uint64_t{1} << 32) - 1] = 1;  // touches only one page
  EXPECT_EQ(mem->grow(1), kFail);
}

TEST(Memory, MinimumAboveCapIsAnError) {
  ir::MemoryType type;
  type.limits.min = 10;
  auto r = Memory::create(type, 5);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::Exhaustion);
}

TEST(Memory, ReservationCoversAnyAddressPlusOffset) {
  auto mem = makeMemory(0);
  ASSERT_TRUE(mem);
  EXPECT_EQ(mem->sizeBytes(), 0u);
  const uint8_t* base = mem->base();
  EXPECT_TRUE(mem->containsAddress(base));
  // The furthest byte a 32-bit access can reach: max address + max offset + 15.
  uint64_t furthest = uint64_t{0xFFFFFFFF} + uint64_t{0xFFFFFFFF} + 15;
  EXPECT_TRUE(mem->containsAddress(base + furthest));
  EXPECT_FALSE(mem->containsAddress(base - 1));
}

// A 64-bit memory shares the 32-bit reservation: it grows to 4 GiB at most.
TEST(Memory, Memory64GrowsWithinFourGiB) {
  ir::MemoryType type;
  type.limits.is64 = true;
  type.limits.min = 1;
  auto r = Memory::create(type);
  ASSERT_TRUE(r.ok()) << r.error().describe();
  std::unique_ptr<Memory> mem(*r);
  EXPECT_EQ(mem->pages(), 1u);
  EXPECT_EQ(mem->grow(ir::kMaxPages32), ~uint64_t{0});  // would exceed 4 GiB
  EXPECT_EQ(mem->grow(1), 1u);
  EXPECT_EQ(mem->pages(), 2u);
  type.limits.min = ir::kMaxPages32 + 1;
  EXPECT_FALSE(Memory::create(type).ok());
}

}  // namespace
}  // namespace wasmcap::runtime
