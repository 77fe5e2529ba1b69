#include "runtime/wait_queue.h"

#include <algorithm>

namespace wasmcap::runtime {

WaitQueue::WaitResult WaitQueue::wait(uint64_t address, const std::function<bool()>& stillExpected, int64_t timeoutNs,
                                      const InterruptState* interrupt) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (!stillExpected()) return WaitResult::NotEqual;
  if (interrupt && interrupt->requested()) return WaitResult::Interrupted;
  Waiter self;
  std::deque<Waiter*>& queue = waiters_[address];
  queue.push_back(&self);
  auto woken = [&] { return self.notified || (interrupt && interrupt->requested()); };
  if (timeoutNs < 0) {
    self.cv.wait(lock, woken);
  } else {
    // steady_clock: a change of the wall clock neither shortens nor extends the wait.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::nanoseconds(timeoutNs);
    self.cv.wait_until(lock, deadline, woken);
  }
  if (self.notified) return WaitResult::Ok;  // notify already removed it from the queue
  std::deque<Waiter*>& mine = waiters_[address];
  mine.erase(std::find(mine.begin(), mine.end(), &self));
  if (mine.empty()) waiters_.erase(address);
  return interrupt && interrupt->requested() ? WaitResult::Interrupted : WaitResult::TimedOut;
}

uint32_t WaitQueue::notify(uint64_t address, uint32_t count) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = waiters_.find(address);
  if (it == waiters_.end()) return 0;
  uint32_t woken = 0;
  std::deque<Waiter*>& queue = it->second;
  while (woken < count && !queue.empty()) {
    Waiter* w = queue.front();
    queue.pop_front();
    w->notified = true;
    w->cv.notify_one();
    ++woken;
  }
  if (queue.empty()) waiters_.erase(it);
  return woken;
}

void WaitQueue::wakeAllForInterrupt() {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto& [address, queue] : waiters_)
    for (Waiter* w : queue) w->cv.notify_one();
}

}  // namespace wasmcap::runtime
