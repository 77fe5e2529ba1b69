#include "runtime/objects.h"

#include <algorithm>

namespace wasmcap::runtime {

uint64_t Table::grow(uint64_t delta, Ref init, uint64_t maxCap) {
  constexpr uint64_t kFail = ~uint64_t{0};
  const uint64_t old = elems_.size();
  // 32-bit tables are indexed by i32, so their size never exceeds 2^32 - 1.
  uint64_t limit = type_.limits.is64 ? ~uint64_t{0} : uint64_t{0xFFFFFFFF};
  if (type_.limits.max) limit = std::min(limit, *type_.limits.max);
  limit = std::min(limit, maxCap);
  if (old > limit || delta > limit - old) return kFail;
  elems_.resize(old + delta, init);
  // A table instance's type tracks its current size (import matching uses it).
  type_.limits.min = elems_.size();
  return old;
}

}  // namespace wasmcap::runtime
