// poll_oneoff: waits until at least one subscription fires. Clock
// subscriptions (relative or absolute) become a timeout; fd subscriptions
// become host poll(2) entries. Regular files are always ready (as POSIX
// says), and a bad fd or clock is reported at once as an event with an error.
// With deterministic clocks, waiting for a clock advances virtual time.
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <limits>

#include "wasi/host_stat.h"
#include "wasi/preview1.h"

namespace wasmcap::wasi::preview1 {
namespace {

struct Event {
  uint64_t userdata = 0;
  Errno error = Errno::Success;
  EventType type = EventType::Clock;
  uint64_t nbytes = 0;
  uint16_t flags = 0;
};

struct ClockWait {
  uint64_t userdata;
  uint64_t remainingNs;  // from the start of the call
};

struct FdWait {
  uint64_t userdata;
  EventType type;
  size_t pollIndex;
};

bool hostClock(uint32_t id, clockid_t& out) {
  switch (static_cast<ClockId>(id)) {
    case ClockId::Realtime: out = CLOCK_REALTIME; return true;
    case ClockId::Monotonic: out = CLOCK_MONOTONIC; return true;
    case ClockId::ProcessCputime: out = CLOCK_PROCESS_CPUTIME_ID; return true;
    case ClockId::ThreadCputime: out = CLOCK_THREAD_CPUTIME_ID; return true;
  }
  return false;
}

uint64_t nowNs(clockid_t id) {
  struct timespec ts;
  ::clock_gettime(id, &ts);
  return timespecToNs(ts);
}

// Bytes readable now on `fd` (0 when unknown), for an fd_read event.
uint64_t readableBytes(int fd, FileType type) {
  if (type == FileType::RegularFile) {
    struct stat st;
    off_t pos = ::lseek(fd, 0, SEEK_CUR);
    if (::fstat(fd, &st) == 0 && pos >= 0 && st.st_size > pos) return static_cast<uint64_t>(st.st_size - pos);
    return 0;
  }
  int n = 0;
  return ::ioctl(fd, FIONREAD, &n) == 0 && n > 0 ? static_cast<uint64_t>(n) : 0;
}

void storeEvent(const GuestMemory& mem, uint64_t at, const Event& ev) {
  uint8_t zero[layout::kEventSize] = {};
  mem.write(at, zero, sizeof zero);
  mem.store<uint64_t>(at + layout::kEventUserdata, ev.userdata);
  mem.store<uint16_t>(at + layout::kEventError, static_cast<uint16_t>(ev.error));
  mem.store<uint8_t>(at + layout::kEventType, static_cast<uint8_t>(ev.type));
  mem.store<uint64_t>(at + layout::kEventNbytes, ev.nbytes);
  mem.store<uint16_t>(at + layout::kEventFlags, ev.flags);
}

// The events of the descriptors ppoll found ready.
void collectFdEvents(const std::vector<struct pollfd>& pollfds, const std::vector<FdWait>& fdWaits,
                     std::vector<Event>& events) {
  for (const FdWait& w : fdWaits) {
    const struct pollfd& p = pollfds[w.pollIndex];
    if (!p.revents) continue;
    Event ev{w.userdata, Errno::Success, w.type, 0, 0};
    if (p.revents & POLLNVAL) ev.error = Errno::Badf;
    else if (p.revents & POLLERR) ev.error = Errno::Io;
    if (p.revents & POLLHUP) ev.flags |= kEventFdReadwriteHangup;
    if (w.type == EventType::FdRead && ev.error == Errno::Success) ev.nbytes = readableBytes(p.fd, FileType::Unknown);
    events.push_back(ev);
  }
}

}  // namespace

Errno poll_oneoff(Call& c, uint32_t in, uint32_t out, uint32_t nsubscriptions, uint32_t neventsPtr) {
  if (nsubscriptions == 0) return Errno::Inval;
  if (!c.mem.valid(in, uint64_t{nsubscriptions} * layout::kSubscriptionSize) ||
      !c.mem.valid(out, uint64_t{nsubscriptions} * layout::kEventSize) || !c.mem.valid(neventsPtr, 4))
    return Errno::Fault;

  std::vector<Event> ready;  // events known without waiting
  std::vector<ClockWait> clocks;
  std::vector<FdWait> fdWaits;
  std::vector<struct pollfd> pollfds;

  for (uint32_t i = 0; i < nsubscriptions; ++i) {
    const uint64_t sub = in + uint64_t{i} * layout::kSubscriptionSize;
    uint64_t userdata = 0;
    uint8_t tag = 0;
    c.mem.load(sub + layout::kSubUserdata, userdata);
    c.mem.load(sub + layout::kSubTag, tag);
    if (tag == static_cast<uint8_t>(EventType::Clock)) {
      uint32_t id = 0;
      uint64_t timeout = 0;
      uint16_t flags = 0;
      c.mem.load(sub + layout::kSubClockId, id);
      c.mem.load(sub + layout::kSubClockTimeout, timeout);
      c.mem.load(sub + layout::kSubClockFlags, flags);
      clockid_t hostId;
      if (!hostClock(id, hostId)) {
        ready.push_back({userdata, Errno::Inval, EventType::Clock, 0, 0});
        continue;
      }
      uint64_t remaining = timeout;
      if (flags & kSubclockAbstime) {
        uint64_t now = 0;
        if (const Context::DeterministicState* det = c.ctx.deterministic()) virtualClockNow(*det, id, now);
        else now = nowNs(hostId);
        remaining = timeout > now ? timeout - now : 0;
      }
      clocks.push_back({userdata, remaining});
    } else if (tag == static_cast<uint8_t>(EventType::FdRead) || tag == static_cast<uint8_t>(EventType::FdWrite)) {
      const auto type = static_cast<EventType>(tag);
      uint32_t fd = 0;
      c.mem.load(sub + layout::kSubFdFd, fd);
      FdEntry* e;
      Errno err = c.ctx.fds().lookup(fd, right::PollFdReadwrite, e);
      if (err != Errno::Success) {
        ready.push_back({userdata, err, type, 0, 0});
      } else if (e->type == FileType::RegularFile) {
        const uint64_t n = type == EventType::FdRead ? readableBytes(e->host.get(), e->type) : 0;
        ready.push_back({userdata, Errno::Success, type, n, 0});
      } else {
        fdWaits.push_back({userdata, type, pollfds.size()});
        pollfds.push_back({e->host.get(), static_cast<short>(type == EventType::FdRead ? POLLIN : POLLOUT), 0});
      }
    } else {
      return Errno::Inval;
    }
  }

  std::vector<Event> events = ready;
  const uint64_t start = nowNs(CLOCK_MONOTONIC);
  uint64_t minRemaining = std::numeric_limits<uint64_t>::max();
  for (const ClockWait& w : clocks) minRemaining = std::min(minRemaining, w.remainingNs);

  // Deterministic clocks: a descriptor ready now wins; otherwise the sleep
  // happens in virtual time only, at once.
  Context::DeterministicState* det = c.ctx.deterministic();
  if (det && events.empty() && !clocks.empty()) {
    struct timespec now {};
    int n = pollfds.empty() ? 0 : ::ppoll(pollfds.data(), pollfds.size(), &now, nullptr);
    if (n > 0) collectFdEvents(pollfds, fdWaits, events);
    if (events.empty()) {
      det->elapsedNs += minRemaining;
      for (const ClockWait& w : clocks)
        if (w.remainingNs <= minRemaining) events.push_back({w.userdata, Errno::Success, EventType::Clock, 0, 0});
    }
  }

  // Other threads' calls go on while this one sleeps or waits (a descriptor
  // closed meanwhile by another thread is the program's race).
  if (events.empty() && c.lock && c.lock->owns_lock()) c.lock->unlock();
  while (events.empty()) {
    const uint64_t elapsed = nowNs(CLOCK_MONOTONIC) - start;
    struct timespec timeout;
    struct timespec* timeoutPtr = nullptr;
    if (!clocks.empty()) {
      timeout = nsToTimespec(minRemaining > elapsed ? minRemaining - elapsed : 0);
      timeoutPtr = &timeout;
    }
    if (pollfds.empty() && !timeoutPtr) return Errno::Inval;  // nothing could ever fire
    int n = ::ppoll(pollfds.data(), pollfds.size(), timeoutPtr, nullptr);
    if (n < 0 && errno != EINTR) return lastHostErrno();
    if (n > 0) collectFdEvents(pollfds, fdWaits, events);
    const uint64_t now = nowNs(CLOCK_MONOTONIC) - start;
    for (const ClockWait& w : clocks)
      if (w.remainingNs <= now) events.push_back({w.userdata, Errno::Success, EventType::Clock, 0, 0});
  }

  for (size_t i = 0; i < events.size(); ++i) storeEvent(c.mem, out + uint64_t{i} * layout::kEventSize, events[i]);
  c.mem.store<uint32_t>(neventsPtr, static_cast<uint32_t>(events.size()));
  return Errno::Success;
}

}  // namespace wasmcap::wasi::preview1
