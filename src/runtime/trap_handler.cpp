// The guard-region fault handler. Everything the signal handler touches is
// async-signal-safe: a fixed array of atomics for the regions, a thread-local
// pointer for the chain of jump buffers, and sigaction/siglongjmp.
#include "runtime/trap_handler.h"

#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <csetjmp>
#include <cstdint>
#include <cstdlib>
#include <mutex>

namespace wasmcap::runtime {

namespace {

// Each 32-bit memory reserves 8 GiB, so a 47-bit address space holds at most
// ~16k of them at once; the registry is sized for that.
constexpr size_t kMaxRegions = 16384;

struct Region {
  std::atomic<uintptr_t> begin{0};  // 0 = free slot
  std::atomic<uintptr_t> end{0};
};
Region gRegions[kMaxRegions];
// One past the highest slot ever used, so the handler scans only that far.
std::atomic<size_t> gRegionHighWater{0};
std::mutex gRegistryMutex;  // serialises writers only; the handler never locks

struct sigaction gPrevSegv;
struct sigaction gPrevBus;
std::once_flag gInstallOnce;

// The innermost runGuarded frame of this thread.
struct GuardFrame {
  sigjmp_buf jump;
  GuardFrame* prev;
  std::optional<Trap> raised;  // set by raiseTrap
};
constinit thread_local GuardFrame* tlsGuardTop = nullptr;

bool inGuardRegion(uintptr_t addr) {
  size_t n = gRegionHighWater.load(std::memory_order_acquire);
  for (size_t i = 0; i < n; ++i) {
    uintptr_t b = gRegions[i].begin.load(std::memory_order_acquire);
    if (b != 0 && addr >= b && addr < gRegions[i].end.load(std::memory_order_relaxed)) return true;
  }
  return false;
}

// Hand a fault we do not own to whoever had the signal before us. With no
// previous handler, restore the default action and return: the faulting
// instruction re-executes and the default action (a core dump) happens.
void chainToPrevious(int sig, siginfo_t* info, void* uctx) {
  const struct sigaction& prev = sig == SIGBUS ? gPrevBus : gPrevSegv;
  if (prev.sa_flags & SA_SIGINFO) {
    if (prev.sa_sigaction) {
      prev.sa_sigaction(sig, info, uctx);
      return;
    }
  } else if (prev.sa_handler != SIG_DFL && prev.sa_handler != SIG_IGN) {
    prev.sa_handler(sig);
    return;
  }
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  sigaction(sig, &dfl, nullptr);
}

void faultHandler(int sig, siginfo_t* info, void* uctx) {
  GuardFrame* frame = tlsGuardTop;
  if (frame && inGuardRegion(reinterpret_cast<uintptr_t>(info->si_addr))) {
    // SA_NODEFER left the signal unblocked, so no mask needs restoring.
    siglongjmp(frame->jump, 1);
  }
  chainToPrevious(sig, info, uctx);
}

void installOnce() {
  struct sigaction sa {};
  sa.sa_sigaction = faultHandler;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGSEGV, &sa, &gPrevSegv);
  sigaction(SIGBUS, &sa, &gPrevBus);
}

// A per-thread alternate signal stack, so the handler can run even when the
// fault is a native stack overflow. A stack someone else installed (e.g. the
// sanitizer runtime's) is kept.
class AltStack {
 public:
  void ensure() {
    if (ready_) return;
    ready_ = true;
    stack_t current{};
    if (sigaltstack(nullptr, &current) == 0 && !(current.ss_flags & SS_DISABLE)) return;
    size_t size = kSize;
    void* mem = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mem == MAP_FAILED) return;
    stack_t ss{};
    ss.ss_sp = mem;
    ss.ss_size = size;
    ss.ss_flags = 0;
    if (sigaltstack(&ss, nullptr) != 0) {
      munmap(mem, size);
      return;
    }
    mem_ = mem;
  }
  ~AltStack() {
    if (!mem_) return;
    stack_t ss{};
    ss.ss_flags = SS_DISABLE;
    sigaltstack(&ss, nullptr);
    munmap(mem_, kSize);
  }

 private:
  static constexpr size_t kSize = 64 * 1024;
  bool ready_ = false;
  void* mem_ = nullptr;
};
thread_local AltStack tlsAltStack;

}  // namespace

void installTrapHandler() { std::call_once(gInstallOnce, installOnce); }

void registerGuardRegion(const void* begin, size_t size) {
  std::lock_guard<std::mutex> lock(gRegistryMutex);
  auto b = reinterpret_cast<uintptr_t>(begin);
  for (size_t i = 0; i < kMaxRegions; ++i) {
    if (gRegions[i].begin.load(std::memory_order_relaxed) != 0) continue;
    // Publish `end` before `begin`: a non-zero begin marks the slot valid.
    gRegions[i].end.store(b + size, std::memory_order_relaxed);
    gRegions[i].begin.store(b, std::memory_order_release);
    if (i + 1 > gRegionHighWater.load(std::memory_order_relaxed))
      gRegionHighWater.store(i + 1, std::memory_order_release);
    return;
  }
  // Every slot taken: faults in this region will not be recognised. This
  // cannot happen before the address space itself is exhausted.
}

void unregisterGuardRegion(const void* begin) {
  std::lock_guard<std::mutex> lock(gRegistryMutex);
  auto b = reinterpret_cast<uintptr_t>(begin);
  size_t n = gRegionHighWater.load(std::memory_order_relaxed);
  for (size_t i = 0; i < n; ++i) {
    if (gRegions[i].begin.load(std::memory_order_relaxed) == b) {
      gRegions[i].begin.store(0, std::memory_order_release);
      gRegions[i].end.store(0, std::memory_order_relaxed);
      return;
    }
  }
}

std::optional<Trap> runGuarded(GuardedFn fn, void* ctx) {
  installTrapHandler();
  tlsAltStack.ensure();
  GuardFrame frame;
  frame.prev = tlsGuardTop;
  // Mask 0: no sigprocmask syscall per call (the handler runs with SA_NODEFER).
  // ThreadSanitizer runs handlers through its own, which blocks the signal
  // while they run: there the mask is saved, or a second fault would kill.
#if defined(__SANITIZE_THREAD__)
  constexpr int kSaveMask = 1;
#else
  constexpr int kSaveMask = 0;
#endif
  if (sigsetjmp(frame.jump, kSaveMask) != 0) {
    tlsGuardTop = frame.prev;
    if (frame.raised) return std::move(frame.raised);
    return Trap(TrapKind::MemoryOutOfBounds);
  }
  tlsGuardTop = &frame;
  std::optional<Trap> result = fn(ctx);
  tlsGuardTop = frame.prev;
  return result;
}

void raiseTrap(Trap&& trap) {
  GuardFrame* frame = tlsGuardTop;
  if (!frame) std::abort();  // no runGuarded to return to: a bug in the caller
  frame->raised.emplace(std::move(trap));
  siglongjmp(frame->jump, 1);
}

}  // namespace wasmcap::runtime
