#include "runtime/memory.h"

#include <sys/mman.h>

#include <algorithm>
#include <string>

#include "runtime/reservation_pool.h"
#include "runtime/trap_handler.h"

namespace wasmcap::runtime {

Result<Memory*> Memory::create(const ir::MemoryType& type, uint64_t maxPagesCap) {
  // A 64-bit memory lives in the same reservation as a 32-bit one, so it
  // grows to 4 GiB at most (a larger memory.grow fails as the spec allows);
  // its accesses are bounds-checked explicitly, not by the guard region.

  uint64_t maxPages = std::min<uint64_t>(ir::kMaxPages32, maxPagesCap);
  if (type.limits.max) maxPages = std::min(maxPages, *type.limits.max);
  if (type.limits.min > maxPages) {
    return Error(ErrorCode::Exhaustion, "memory of " + std::to_string(type.limits.min) +
                                            " pages exceeds the limit of " + std::to_string(maxPages) + " pages");
  }

  installTrapHandler();
  WASMCAP_TRY_ASSIGN(uint8_t * base, ReservationPool::shared().acquire(type.limits.min * ir::kPageSize));

  auto* mem = new Memory();
  mem->base_ = base;
  mem->size_ = type.limits.min * ir::kPageSize;
  mem->reserved_ = ReservationPool::kReservationBytes;
  mem->maxPages_ = maxPages;
  mem->type_ = type;
  if (type.limits.shared) mem->waiters_ = std::make_unique<WaitQueue>();
  registerGuardRegion(base, mem->reserved_);
  return mem;
}

Memory::~Memory() {
  if (!base_) return;
  // Unregister first so no later fault at this address is taken for a trap.
  unregisterGuardRegion(base_);
  ReservationPool::shared().release(base_, sizeBytes(), protectionExact_);
}

uint64_t Memory::grow(uint64_t deltaPages) {
  constexpr uint64_t kFail = ~uint64_t{0};
  std::unique_lock<std::mutex> lock(growMutex_, std::defer_lock);
  if (shared()) lock.lock();
  const uint64_t old = pages();
  if (deltaPages > maxPages_ - old) return kFail;
  if (deltaPages == 0) return old;
  if (mprotect(base_ + sizeBytes(), deltaPages * ir::kPageSize, PROT_READ | PROT_WRITE) != 0) {
    // A failed mprotect may have changed part of the range: such a
    // reservation is never handed to another memory.
    protectionExact_ = false;
    return kFail;
  }
  // Published after the pages are accessible, so a thread that sees the
  // new size can use them.
  size_.store(sizeBytes() + deltaPages * ir::kPageSize, std::memory_order_release);
  return old;
}

namespace {

// The checks every atomic access makes, in the spec's order: bounds, then alignment.
std::optional<TrapKind> checkAtomicAccess(uint64_t address, unsigned bytes, uint64_t size) {
  if (address > size || bytes > size - address) return TrapKind::MemoryOutOfBounds;
  if (address % bytes != 0) return TrapKind::UnalignedAtomic;
  return std::nullopt;
}

}  // namespace

Memory::WaitOutcome Memory::atomicWait(uint64_t address, uint64_t expected, unsigned bytes, int64_t timeoutNs,
                                       const InterruptState* interrupt) {
  if (!shared()) return {0, TrapKind::ExpectedSharedMemory};
  if (auto trap = checkAtomicAccess(address, bytes, sizeBytes())) return {0, trap};
  uint8_t* at = base_ + address;
  auto stillExpected = [&] {
    if (bytes == 4) return __atomic_load_n(reinterpret_cast<uint32_t*>(at), __ATOMIC_SEQ_CST) == uint32_t(expected);
    return __atomic_load_n(reinterpret_cast<uint64_t*>(at), __ATOMIC_SEQ_CST) == expected;
  };
  WaitQueue::WaitResult r = waiters_->wait(address, stillExpected, timeoutNs, interrupt);
  if (r == WaitQueue::WaitResult::Interrupted) return {0, TrapKind::Interrupted};
  return {static_cast<uint32_t>(r), std::nullopt};
}

Memory::WaitOutcome Memory::atomicNotify(uint64_t address, uint32_t count) {
  if (auto trap = checkAtomicAccess(address, 4, sizeBytes())) return {0, trap};
  if (!waiters_) return {0, std::nullopt};
  return {waiters_->notify(address, count), std::nullopt};
}

bool Memory::containsAddress(const void* addr) const {
  auto a = reinterpret_cast<uintptr_t>(addr);
  auto b = reinterpret_cast<uintptr_t>(base_);
  return a >= b && a - b < reserved_;
}

}  // namespace wasmcap::runtime
