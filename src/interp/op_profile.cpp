#include "interp/op_profile.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <vector>

#include "interp/code.h"
#include "interp/exec_state.h"

namespace wasmcap::interp {
namespace {

struct Profile {
  std::unordered_map<const void*, size_t> index;
  std::vector<uint64_t> single = std::vector<uint64_t>(kHandlerCount);
  std::vector<uint64_t> pairs = std::vector<uint64_t>(kHandlerCount * kHandlerCount);
  size_t prev = 0;

  Profile() {
    const void* const* table = handlerTable();
    for (size_t i = 0; i < kHandlerCount; ++i) index.emplace(table[i], i);
    std::atexit([] { instance().print(); });
  }
  // Never destroyed: the counts are printed by an atexit handler.
  static Profile& instance() {
    static Profile* p = new Profile;
    return *p;
  }
  void print() const {
    uint64_t total = 0;
    for (uint64_t c : single) total += c;
    if (total == 0) return;
    auto top = [&](const std::vector<uint64_t>& counts, size_t n, bool pair) {
      std::vector<size_t> order(counts.size());
      for (size_t i = 0; i < order.size(); ++i) order[i] = i;
      n = std::min(n, order.size());
      std::partial_sort(order.begin(), order.begin() + n, order.end(),
                        [&](size_t a, size_t b) { return counts[a] > counts[b]; });
      for (size_t k = 0; k < n && counts[order[k]] > 0; ++k) {
        size_t i = order[k];
        std::string name = pair ? handlerName(i / kHandlerCount) + " -> " + handlerName(i % kHandlerCount)
                                : handlerName(i);
        std::fprintf(stderr, "  %6.2f%%  %14llu  %s\n", 100.0 * counts[i] / total,
                     static_cast<unsigned long long>(counts[i]), name.c_str());
      }
    };
    std::fprintf(stderr, "op profile: %llu instructions\n", static_cast<unsigned long long>(total));
    top(single, 40, false);
    std::fprintf(stderr, "pairs:\n");
    top(pairs, 40, true);
  }
};

}  // namespace

void opProfileRecord(const void* handler) {
  Profile& p = Profile::instance();
  auto it = p.index.find(handler);
  if (it == p.index.end()) return;
  ++p.single[it->second];
  ++p.pairs[p.prev * kHandlerCount + it->second];
  p.prev = it->second;
}

}  // namespace wasmcap::interp
