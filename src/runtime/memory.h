// A linear memory. 32-bit memories are an address-space reservation large
// enough for any i32 address plus any u32 offset, plus a guard: only the
// first `size` bytes are accessible, so an out-of-bounds access faults and
// the fault handler (runtime/trap_handler.h) turns it into a trap. No
// per-access bounds checks are needed for them. Memory64 (later) checks
// explicitly against `size`. Reservations come from, and go back to, the
// process's ReservationPool.
#pragma once
#include <cstdint>
#include <optional>

#include "ir/types.h"
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
  uint64_t sizeBytes() const { return size_; }
  uint64_t pages() const { return size_ / ir::kPageSize; }
  const ir::MemoryType& type() const { return type_; }

  // memory.grow: returns the old size in pages, or -1 (as uint64 max) on failure.
  uint64_t grow(uint64_t deltaPages);

  // True when `addr` lies in this memory's reservation (accessible or guard).
  bool containsAddress(const void* addr) const;

 private:
  Memory() = default;
  uint8_t* base_ = nullptr;
  uint64_t size_ = 0;         // accessible bytes
  uint64_t reserved_ = 0;     // reserved bytes (accessible + guard)
  uint64_t maxPages_ = 0;     // effective maximum
  bool protectionExact_ = true;  // exactly [0, size_) is read-write (see ReservationPool)
  ir::MemoryType type_;
};

}  // namespace wasmcap::runtime
