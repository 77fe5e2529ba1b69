// Stopping code that runs in a store from another thread.
#pragma once
#include <atomic>

namespace wasmcap::runtime {

// A request to stop the code running in one store. Code compiled with
// CodeOptions::interruptible polls it at every function entry and loop
// header; when it is set, that code traps TrapKind::Interrupted and clears
// it, so the next call runs normally. A request made while nothing runs
// stops the next call at its first check.
//
// Any thread may call requestInterrupt(), at any time: the store hands the
// state out as a std::shared_ptr (Store::interruptState), so a request made
// after the store is destroyed only sets a flag no one reads.
class InterruptState {
 public:
  void requestInterrupt() { requested_.store(true, std::memory_order_relaxed); }
  bool requested() const { return requested_.load(std::memory_order_relaxed); }
  // Done by the executor as it traps on the request.
  void clear() { requested_.store(false, std::memory_order_relaxed); }

 private:
  // Relaxed is enough: the flag carries no other data, it only has to
  // become visible to the running thread, which atomics guarantee.
  std::atomic<bool> requested_{false};
};

}  // namespace wasmcap::runtime
