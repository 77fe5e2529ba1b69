#include "runtime/reservation_pool.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <cstring>
#include <optional>
#include <string>

namespace wasmcap::runtime {

namespace {

constexpr uint64_t kBytes = ReservationPool::kReservationBytes;

Error exhaustion(const char* what, int err) {
  return Error(ErrorCode::Exhaustion, std::string(what) + std::strerror(err));
}

// Make [from, to) of a reservation read-write (to > from) or inaccessible
// (to < from), leaving the rest as it is.
bool setAccessibleEnd(uint8_t* base, uint64_t from, uint64_t to) {
  if (to > from) return mprotect(base + from, to - from, PROT_READ | PROT_WRITE) == 0;
  if (to < from) return mprotect(base + to, from - to, PROT_NONE) == 0;
  return true;
}

// Zero the first `bytes` of a reservation, keeping its pages: resident pages
// are cleared in place, pages never touched already read as zeros. Bytes
// beyond are discarded. A page discarded and touched again costs a fault
// that zero-fills it, far more than clearing it where it is (on some
// virtual machines 30 us against 0.5 us for 64 KiB), so the first pages of
// a memory, which nearly every instance touches, stay resident.
bool zeroKeepingPrefix(uint8_t* base, uint64_t bytes) {
  const uint64_t keep = std::min(bytes, ReservationPool::kKeepResidentBytes);
  const long pageSize = sysconf(_SC_PAGESIZE);
  unsigned char resident[ReservationPool::kKeepResidentBytes / 4096];
  if (keep > 0) {
    if (pageSize != 4096 || mincore(base, keep, resident) != 0) {
      if (madvise(base, keep, MADV_DONTNEED) != 0) return false;
    } else {
      for (uint64_t page = 0; page < keep / 4096; ++page)
        if (resident[page] & 1) std::memset(base + page * 4096, 0, 4096);
    }
  }
  return bytes == keep || madvise(base + keep, bytes - keep, MADV_DONTNEED) == 0;
}

}  // namespace

ReservationPool::~ReservationPool() {
  for (const Idle& r : idle_) munmap(r.base, kBytes);
}

ReservationPool& ReservationPool::shared() {
  static ReservationPool* pool = new ReservationPool();
  return *pool;
}

Result<uint8_t*> ReservationPool::acquire(uint64_t accessibleBytes) {
  std::optional<Idle> reused;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!idle_.empty()) {
      // Prefer one already opened to the wanted size: it needs no mprotect.
      // Otherwise the most recently returned (its page tables are warm).
      size_t pick = idle_.size() - 1;
      for (size_t i = 0; i < idle_.size(); ++i)
        if (idle_[i].accessibleBytes == accessibleBytes) pick = i;
      reused = idle_[pick];
      idle_[pick] = idle_.back();
      idle_.pop_back();
    }
  }
  if (reused) {
    if (setAccessibleEnd(reused->base, reused->accessibleBytes, accessibleBytes)) return reused->base;
    munmap(reused->base, kBytes);  // protection unknown now: never reuse it
  }

  void* base = mmap(nullptr, kBytes, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (base == MAP_FAILED) return exhaustion("cannot reserve address space for a linear memory: ", errno);
  if (!setAccessibleEnd(static_cast<uint8_t*>(base), 0, accessibleBytes)) {
    int err = errno;
    munmap(base, kBytes);
    return exhaustion("cannot commit linear memory: ", err);
  }
  return static_cast<uint8_t*>(base);
}

void ReservationPool::release(uint8_t* base, uint64_t accessibleBytes, bool exact) {
  if (exact && zeroKeepingPrefix(base, accessibleBytes)) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (idle_.size() < maxIdle_) {
      idle_.push_back({base, accessibleBytes});
      return;
    }
  }
  munmap(base, kBytes);
}

size_t ReservationPool::idleCount() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return idle_.size();
}

}  // namespace wasmcap::runtime
