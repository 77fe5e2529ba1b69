// clock_res_get and clock_time_get over the host's POSIX clocks.
#include <time.h>

#include "wasi/host_stat.h"
#include "wasi/preview1.h"

namespace wasmcap::wasi::preview1 {
namespace {

bool hostClock(uint32_t id, clockid_t& out) {
  switch (static_cast<ClockId>(id)) {
    case ClockId::Realtime: out = CLOCK_REALTIME; return true;
    case ClockId::Monotonic: out = CLOCK_MONOTONIC; return true;
    case ClockId::ProcessCputime: out = CLOCK_PROCESS_CPUTIME_ID; return true;
    case ClockId::ThreadCputime: out = CLOCK_THREAD_CPUTIME_ID; return true;
  }
  return false;
}

}  // namespace

Errno clock_res_get(Call& c, uint32_t clockId, uint32_t resolutionPtr) {
  clockid_t id;
  if (!hostClock(clockId, id)) return Errno::Inval;
  struct timespec ts;
  if (::clock_getres(id, &ts) != 0) return lastHostErrno();
  uint64_t ns = timespecToNs(ts);
  if (ns == 0) ns = 1;  // a resolution is never zero
  return c.mem.store<uint64_t>(resolutionPtr, ns) ? Errno::Success : Errno::Fault;
}

Errno clock_time_get(Call& c, uint32_t clockId, uint64_t /*precision: a hint*/, uint32_t timePtr) {
  clockid_t id;
  if (!hostClock(clockId, id)) return Errno::Inval;
  struct timespec ts;
  if (::clock_gettime(id, &ts) != 0) return lastHostErrno();
  return c.mem.store<uint64_t>(timePtr, timespecToNs(ts)) ? Errno::Success : Errno::Fault;
}

}  // namespace wasmcap::wasi::preview1
