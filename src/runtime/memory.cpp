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
  if (type.limits.shared) return Error(ErrorCode::Unsupported, "shared memories are not supported yet");

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
  registerGuardRegion(base, mem->reserved_);
  return mem;
}

Memory::~Memory() {
  if (!base_) return;
  // Unregister first so no later fault at this address is taken for a trap.
  unregisterGuardRegion(base_);
  ReservationPool::shared().release(base_, size_, protectionExact_);
}

uint64_t Memory::grow(uint64_t deltaPages) {
  constexpr uint64_t kFail = ~uint64_t{0};
  const uint64_t old = pages();
  if (deltaPages > maxPages_ - old) return kFail;
  if (deltaPages == 0) return old;
  if (mprotect(base_ + size_, deltaPages * ir::kPageSize, PROT_READ | PROT_WRITE) != 0) {
    // A failed mprotect may have changed part of the range: such a
    // reservation is never handed to another memory.
    protectionExact_ = false;
    return kFail;
  }
  size_ += deltaPages * ir::kPageSize;
  // A memory instance's type tracks its current size (import matching uses it).
  type_.limits.min = pages();
  return old;
}

bool Memory::containsAddress(const void* addr) const {
  auto a = reinterpret_cast<uintptr_t>(addr);
  auto b = reinterpret_cast<uintptr_t>(base_);
  return a >= b && a - b < reserved_;
}

}  // namespace wasmcap::runtime
