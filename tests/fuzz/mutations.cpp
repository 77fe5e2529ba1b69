#include "mutations.h"

#include <algorithm>
#include <set>

#include "util/leb128.h"

namespace wasmcap::fuzz {

std::vector<size_t> sectionBoundaries(const std::vector<uint8_t>& bytes) {
  std::vector<size_t> out;
  constexpr size_t kHeaderSize = 8;
  if (bytes.size() < kHeaderSize) return out;
  size_t pos = kHeaderSize;
  const uint8_t* end = bytes.data() + bytes.size();
  while (pos < bytes.size()) {
    out.push_back(pos);  // section id
    uint64_t size = 0;
    size_t len = 0;
    if (leb128::readUnsigned(bytes.data() + pos + 1, end, 32, &size, &len) != leb128::Status::Ok) break;
    size_t payload = pos + 1 + len;
    out.push_back(payload);
    if (size > bytes.size() - payload) break;
    pos = payload + size;
  }
  out.push_back(bytes.size());
  return out;
}

std::vector<std::vector<uint8_t>> mutate(const std::vector<uint8_t>& bytes, const MutationPlan& plan,
                                         std::mt19937_64& rng) {
  std::vector<std::vector<uint8_t>> out;
  if (bytes.empty()) return out;

  // Truncations at each boundary and one byte either side of it.
  std::set<size_t> cuts;
  for (size_t b : sectionBoundaries(bytes)) {
    if (b < bytes.size()) cuts.insert(b);
    if (!plan.boundaryNeighbours) continue;
    if (b > 0) cuts.insert(b - 1);
    if (b + 1 < bytes.size()) cuts.insert(b + 1);
  }
  std::uniform_int_distribution<size_t> anyOffset(0, bytes.size() - 1);
  for (size_t i = 0; i < plan.randomTruncations; ++i) cuts.insert(anyOffset(rng));
  for (size_t c : cuts) out.emplace_back(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(c));

  // Bit flips, after the header half of the time so sections get exercised.
  std::uniform_int_distribution<size_t> flips(1, std::max<size_t>(1, plan.maxFlipsPerVariant));
  std::uniform_int_distribution<int> bit(0, 7);
  std::uniform_int_distribution<size_t> bodyOffset(std::min<size_t>(8, bytes.size() - 1), bytes.size() - 1);
  for (size_t v = 0; v < plan.bitFlipVariants; ++v) {
    std::vector<uint8_t> copy = bytes;
    size_t n = flips(rng);
    for (size_t k = 0; k < n; ++k) {
      size_t at = (v % 2 == 0) ? bodyOffset(rng) : anyOffset(rng);
      copy[at] = static_cast<uint8_t>(copy[at] ^ (1u << bit(rng)));
    }
    out.push_back(std::move(copy));
  }
  return out;
}

}  // namespace wasmcap::fuzz
