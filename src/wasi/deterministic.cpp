// Config::deterministic: clocks that start at a fixed time and advance only
// by what the program sleeps (poll.cpp advances them), and a random_get fed
// by a seeded generator, so that a run can be repeated exactly.
#include "wasi/preview1.h"

namespace wasmcap::wasi {

bool virtualClockNow(const Context::DeterministicState& state, uint32_t clockId, uint64_t& out) {
  switch (static_cast<ClockId>(clockId)) {
    case ClockId::Realtime: out = state.startNs + state.elapsedNs; return true;
    case ClockId::Monotonic:
    case ClockId::ProcessCputime:
    case ClockId::ThreadCputime: out = state.elapsedNs; return true;
  }
  return false;
}

}  // namespace wasmcap::wasi

namespace wasmcap::wasi::preview1::deterministic {
namespace {

constexpr uint64_t kResolutionNs = 1000;

// splitmix64 (Steele, Lea and Flood): small, fast and well distributed; not
// meant to be unpredictable, only repeatable.
uint64_t nextRandom(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

}  // namespace

Errno clock_res_get(Call& c, uint32_t clockId, uint32_t resolutionPtr) {
  uint64_t unused;
  if (!virtualClockNow(*c.ctx.deterministic(), clockId, unused)) return Errno::Inval;
  return c.mem.store<uint64_t>(resolutionPtr, kResolutionNs) ? Errno::Success : Errno::Fault;
}

Errno clock_time_get(Call& c, uint32_t clockId, uint64_t /*precision*/, uint32_t timePtr) {
  uint64_t now;
  if (!virtualClockNow(*c.ctx.deterministic(), clockId, now)) return Errno::Inval;
  return c.mem.store<uint64_t>(timePtr, now) ? Errno::Success : Errno::Fault;
}

Errno random_get(Call& c, uint32_t buf, uint32_t bufLen) {
  uint8_t* p = c.mem.span(buf, bufLen);
  if (!p) return Errno::Fault;
  uint64_t& state = c.ctx.deterministic()->random;
  for (uint32_t i = 0; i < bufLen; i += 8) {
    const uint64_t bits = nextRandom(state);
    std::memcpy(p + i, &bits, std::min<uint32_t>(8, bufLen - i));
  }
  return Errno::Success;
}

}  // namespace wasmcap::wasi::preview1::deterministic
