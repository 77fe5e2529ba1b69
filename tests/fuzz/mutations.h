// Deterministic mutations of a module's bytes: truncations at and around
// every section boundary, random truncations, and seeded bit flips.
#pragma once
#include <cstdint>
#include <random>
#include <vector>

namespace wasmcap::fuzz {

// Offsets where a section starts, where its payload starts, and where it
// ends, found by walking the section headers as far as they are well formed.
std::vector<size_t> sectionBoundaries(const std::vector<uint8_t>& bytes);

struct MutationPlan {
  bool boundaryNeighbours = true;  // also cut one byte before and after each boundary
  size_t randomTruncations = 8;
  size_t bitFlipVariants = 16;
  size_t maxFlipsPerVariant = 3;
};

// All variants of `bytes` under `plan`, drawing randomness from `rng`.
std::vector<std::vector<uint8_t>> mutate(const std::vector<uint8_t>& bytes, const MutationPlan& plan,
                                         std::mt19937_64& rng);

}  // namespace wasmcap::fuzz
