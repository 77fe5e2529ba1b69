// A linear memory. 32-bit memories are an address-space reservation large
// enough for any i32 address plus any u32 offset, plus a guard: only the
// first `size` bytes are accessible, so an out-of-bounds access faults and
// the fault handler (runtime/trap_handler.h) turns it into a trap. No
// per-access bounds checks are needed for them. Memory64 (later) checks
// explicitly against `size`. Reservations come from, and go back to, the
// process's ReservationPool.
//
// A shared memory (threads) may be used by several threads at once, from
// instances in different stores: its size is read atomically, growing is
// serialised, and it has a WaitQueue for memory.atomic.wait/notify. It is
// owned through a std::shared_ptr by every store that holds it.
#pragma once
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>

#include "ir/types.h"
#include "runtime/trap.h"
#include "runtime/wait_queue.h"
#include "util/result.h"

namespace wasmcap::runtime {

class Memory {
 public:
  // Reserve and commit `type.limits.min` pages. `maxPagesCap` is an embedder
  // limit applied on top of the declared maximum.
  static Result<Memory*> create(const ir::MemoryType& type, uint64_t maxPagesCap = ir::kMaxPages32);
  ~Memory();
  Memory(const Memory&) = delete;
  Memory& operator=(const Memory&) = delete;

  uint8_t* base() const { return base_; }
  // Relaxed: another thread's memory.grow of a shared memory only adds
  // accessible bytes, and the bytes below the size read stay accessible.
  uint64_t sizeBytes() const { return size_.load(std::memory_order_relaxed); }
  uint64_t pages() const { return sizeBytes() / ir::kPageSize; }
  // The type with the current size as its minimum (import matching uses it).
  ir::MemoryType type() const {
    ir::MemoryType t = type_;
    t.limits.min = pages();
    return t;
  }
  bool shared() const { return type_.limits.shared; }

  // memory.grow: returns the old size in pages, or -1 (as uint64 max) on failure.
  uint64_t grow(uint64_t deltaPages);

  // memory.atomic.wait32/64 at byte `address` (checked: in bounds, aligned,
  // a shared memory): 0 woken, 1 the value was not `expected`, 2 timed out
  // (timeoutNs < 0: never), or a trap kind (MemoryOutOfBounds,
  // UnalignedAtomic, ExpectedSharedMemory, Interrupted when `interrupt` was
  // requested while waiting).
  struct WaitOutcome {
    uint32_t result = 0;
    std::optional<TrapKind> trap;
  };
  WaitOutcome atomicWait(uint64_t address, uint64_t expected, unsigned bytes, int64_t timeoutNs,
                         const InterruptState* interrupt);
  // memory.atomic.notify: how many waiters were woken (0 for an unshared
  // memory, which has none), or a trap (MemoryOutOfBounds, UnalignedAtomic).
  WaitOutcome atomicNotify(uint64_t address, uint32_t count);
  // Wakes every waiter so it looks at its InterruptState (see WaitQueue).
  void wakeWaitersForInterrupt() {
    if (waiters_) waiters_->wakeAllForInterrupt();
  }

  // True when `addr` lies in this memory's reservation (accessible or guard).
  bool containsAddress(const void* addr) const;

 private:
  Memory() = default;
  uint8_t* base_ = nullptr;
  std::atomic<uint64_t> size_{0};  // accessible bytes
  uint64_t reserved_ = 0;     // reserved bytes (accessible + guard)
  uint64_t maxPages_ = 0;     // effective maximum
  bool protectionExact_ = true;  // exactly [0, size_) is read-write (see ReservationPool)
  ir::MemoryType type_;
  std::mutex growMutex_;                 // shared memories: one grow at a time
  std::unique_ptr<WaitQueue> waiters_;   // shared memories only
};

}  // namespace wasmcap::runtime
