// The waiters of one shared memory (threads: memory.atomic.wait32/64 and
// memory.atomic.notify). Keyed by byte address in the memory; each address
// has its own FIFO queue, so notify wakes the longest waiting first. The
// comparison with the expected value happens under the queue's lock, so a
// notify after the value changed can never be missed by a waiter that saw
// the old value.
#pragma once
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <unordered_map>

#include "runtime/interrupt.h"

namespace wasmcap::runtime {

class WaitQueue {
 public:
  // The results of memory.atomic.wait, and Interrupted: the waiter's store
  // was asked to stop (InterruptState) while it waited.
  enum class WaitResult : int32_t { Ok = 0, NotEqual = 1, TimedOut = 2, Interrupted = -1 };

  // Blocks on `address` while `stillExpected()` (called once, under the
  // lock) was true, until notified, `timeoutNs` passed (negative: no
  // timeout) or `interrupt` (may be null) is requested.
  WaitResult wait(uint64_t address, const std::function<bool()>& stillExpected, int64_t timeoutNs,
                  const InterruptState* interrupt);

  // Wakes up to `count` waiters of `address`, oldest first; returns how many.
  uint32_t notify(uint64_t address, uint32_t count);

  // Makes every waiter look at its InterruptState again (after an
  // interruption was requested, so that waiting code stops too).
  void wakeAllForInterrupt();

 private:
  struct Waiter {
    std::condition_variable cv;
    bool notified = false;
  };
  std::mutex mutex_;
  std::unordered_map<uint64_t, std::deque<Waiter*>> waiters_;
};

}  // namespace wasmcap::runtime
