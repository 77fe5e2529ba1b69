// Address-space reservations for 32-bit linear memories, reused across
// instances. Reserving 8 GiB + guard and unmapping it again costs more than
// the rest of instantiating a small module (the kernel builds and tears down
// the mapping and its page tables each time), so a destroyed memory hands its
// reservation back here and the next memory takes it over.
//
// A reservation handed out is indistinguishable from a fresh one: its first
// `accessibleBytes` are read-write and read as zeros, everything after them
// is PROT_NONE. Returned reservations are zeroed: the resident pages of the
// first kKeepResidentBytes in place (they stay resident, so the next memory
// does not fault them in again), everything beyond discarded (MADV_DONTNEED:
// the kernel gives zero-filled pages on the next touch). A reservation whose
// state is not known exactly is unmapped instead.
#pragma once
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <vector>

#include "util/result.h"

namespace wasmcap::runtime {

class ReservationPool {
 public:
  // Every reservation spans this many bytes: any i32 address plus any u32
  // offset plus the widest access (16 bytes) lies below 8 GiB + 16, so 8 GiB
  // plus a 64 KiB guard covers every access a 32-bit memory instruction makes.
  static constexpr uint64_t kReservationBytes = (uint64_t{8} << 30) + 65536;
  // Idle reservations kept at most: 16 x 8 GiB of address space, no memory.
  static constexpr size_t kDefaultMaxIdle = 16;
  // Bytes at the start of an idle reservation whose resident pages are kept
  // (zeroed): at most 16 x 256 KiB of memory held by the idle pool.
  static constexpr uint64_t kKeepResidentBytes = 256 * 1024;

  explicit ReservationPool(size_t maxIdle = kDefaultMaxIdle) : maxIdle_(maxIdle) {}
  ~ReservationPool();  // unmaps the idle reservations
  ReservationPool(const ReservationPool&) = delete;
  ReservationPool& operator=(const ReservationPool&) = delete;

  // The process-wide pool (never destroyed: exit does not pay for unmapping).
  static ReservationPool& shared();

  // A reservation whose first `accessibleBytes` (a multiple of the OS page
  // size) are zero and read-write, the rest inaccessible.
  Result<uint8_t*> acquire(uint64_t accessibleBytes);
  // Give back a reservation from acquire() whose first `accessibleBytes` are
  // read-write and the rest inaccessible, exactly. With `exact` false the
  // protection is not known (a failed mprotect) and it is unmapped.
  void release(uint8_t* base, uint64_t accessibleBytes, bool exact = true);

  size_t idleCount() const;

 private:
  struct Idle {
    uint8_t* base;
    uint64_t accessibleBytes;  // read-write prefix, all of it discarded (zero)
  };
  const size_t maxIdle_;
  mutable std::mutex mutex_;
  std::vector<Idle> idle_;
};

}  // namespace wasmcap::runtime
