#include "runtime/native_stack.h"

#include <pthread.h>

#include <cstdint>

namespace wasmcap::runtime {

namespace {

// The lowest usable address of this thread's stack, found once per thread
// (0 when the system does not say).
uintptr_t stackLowest() {
  pthread_attr_t attr;
  if (pthread_getattr_np(pthread_self(), &attr) != 0) return 0;
  void* addr = nullptr;
  size_t size = 0;
  uintptr_t low = 0;
  if (pthread_attr_getstack(&attr, &addr, &size) == 0) {
    size_t guard = 0;
    pthread_attr_getguardsize(&attr, &guard);
    low = reinterpret_cast<uintptr_t>(addr) + guard;
  }
  pthread_attr_destroy(&attr);
  return low;
}

}  // namespace

uintptr_t compiledCodeStackLimit() {
  thread_local const uintptr_t lowest = stackLowest();
  return lowest == 0 ? 0 : lowest + kNativeStackReserve;
}

bool nativeStackLow() {
  thread_local const uintptr_t lowest = stackLowest();
  auto here = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  return lowest != 0 && here < lowest + kNativeStackReserve;
}

}  // namespace wasmcap::runtime
