#include "runtime/memory.h"

#include <sys/mman.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

#include "runtime/trap_handler.h"

namespace wasmcap::runtime {

namespace {
// Any i32 address plus any u32 offset plus the widest access (16 bytes) stays
// below 8 GiB + 16, so 8 GiB plus one guard page of 64 KiB covers every access
// a 32-bit memory instruction can make.
constexpr uint64_t kReservation32 = (uint64_t{8} << 30) + 65536;
}  // namespace

Result<Memory*> Memory::create(const ir::MemoryType& type, uint64_t maxPagesCap) {
  if (type.limits.is64) return Error(ErrorCode::Unsupported, "64-bit memories are not supported yet");
  if (type.limits.shared) return Error(ErrorCode::Unsupported, "shared memories are not supported yet");

  uint64_t maxPages = std::min<uint64_t>(ir::kMaxPages32, maxPagesCap);
  if (type.limits.max) maxPages = std::min(maxPages, *type.limits.max);
  if (type.limits.min > maxPages) {
    return Error(ErrorCode::Exhaustion, "memory of " + std::to_string(type.limits.min) +
                                            " pages exceeds the limit of " + std::to_string(maxPages) + " pages");
  }

  installTrapHandler();
  void* base = mmap(nullptr, kReservation32, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (base == MAP_FAILED) {
    return Error(ErrorCode::Exhaustion,
                 std::string("cannot reserve address space for a linear memory: ") + std::strerror(errno));
  }
  uint64_t initial = type.limits.min * ir::kPageSize;
  if (initial > 0 && mprotect(base, initial, PROT_READ | PROT_WRITE) != 0) {
    int err = errno;
    munmap(base, kReservation32);
    return Error(ErrorCode::Exhaustion, std::string("cannot commit linear memory: ") + std::strerror(err));
  }

  auto* mem = new Memory();
  mem->base_ = static_cast<uint8_t*>(base);
  mem->size_ = initial;
  mem->reserved_ = kReservation32;
  mem->maxPages_ = maxPages;
  mem->type_ = type;
  registerGuardRegion(base, kReservation32);
  return mem;
}

Memory::~Memory() {
  if (!base_) return;
  // Unregister first so no later fault at this address is taken for a trap.
  unregisterGuardRegion(base_);
  munmap(base_, reserved_);
}

uint64_t Memory::grow(uint64_t deltaPages) {
  constexpr uint64_t kFail = ~uint64_t{0};
  const uint64_t old = pages();
  if (deltaPages > maxPages_ - old) return kFail;
  if (deltaPages == 0) return old;
  if (mprotect(base_ + size_, deltaPages * ir::kPageSize, PROT_READ | PROT_WRITE) != 0) return kFail;
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
