// Robustness of the decoder (and the validator behind it) on damaged real
// modules: every variant must come back as a module or as an error, never a
// crash, an out-of-bounds read or an unbounded allocation. The assertions are
// light; the sanitizer build (-DWASMCAP_SANITIZE=ON) is what turns a memory
// error into a failure here.
#include <gtest/gtest.h>

#include <chrono>
#include <random>

#include "binary/decoder.h"
#include "corpus.h"
#include "mutations.h"

#ifdef WASMCAP_FUZZ_HAVE_VALIDATE
#include "validate/validator.h"
#endif

namespace wasmcap::fuzz {
namespace {

constexpr uint64_t kSeed = 0x5EED'DEC0'DE00'0001ull;
constexpr size_t kLargeModule = 64 * 1024;

struct Outcome {
  size_t variants = 0, decoded = 0, validated = 0;
};

// Decode (and validate) one variant, checking the shape of whatever comes back.
void exercise(const CorpusModule& origin, const std::vector<uint8_t>& variant, Outcome& outcome) {
  ++outcome.variants;
  auto decoded = binary::decodeModule(variant);
  if (!decoded.ok()) {
    const Error& e = decoded.error();
    ASSERT_EQ(e.code, ErrorCode::Malformed) << origin.origin << ": " << e.describe();
    ASSERT_FALSE(e.message.empty()) << origin.origin;
    ASSERT_TRUE(e.offset.has_value()) << origin.origin << ": " << e.describe();
    ASSERT_LE(*e.offset, variant.size()) << origin.origin << ": " << e.describe();
    return;
  }
  ++outcome.decoded;
  ASSERT_EQ(decoded->bytes.size(), variant.size());
#ifdef WASMCAP_FUZZ_HAVE_VALIDATE
  auto valid = validate::validateModule(*decoded);
  if (valid.ok()) {
    ++outcome.validated;
  } else {
    ErrorCode c = valid.error().code;
    ASSERT_TRUE(c == ErrorCode::Invalid || c == ErrorCode::Malformed) << origin.origin << ": "
                                                                       << valid.error().describe();
  }
#endif
}

void runCorpus(const std::vector<CorpusModule>& corpus, Outcome& outcome) {
  std::mt19937_64 rng(kSeed);
  for (const CorpusModule& m : corpus) {
    // Large modules cost a full decode and validation per variant: fewer variants.
    MutationPlan plan;
    if (m.bytes.size() > kLargeModule) plan = MutationPlan{false, 2, 4, 2};
    if (m.wellFormed) {
      auto original = binary::decodeModule(m.bytes);
      ASSERT_TRUE(original.ok()) << m.origin << ": " << original.error().describe();
    }
    exercise(m, m.bytes, outcome);
    for (const auto& variant : mutate(m.bytes, plan, rng)) {
      exercise(m, variant, outcome);
      if (::testing::Test::HasFatalFailure()) return;
    }
  }
}

TEST(DecodeRobustness, MutatedWasiModules) {
  std::string dir = testsuiteDir();
  if (dir.empty()) GTEST_SKIP() << "test suite not found (set WASMCAP_TESTSUITE or WASMCAP_TESTSUITE_DIR)";
  // A deterministic sample that keeps the sanitizer run short: every small
  // module, and every 6th large one (by path).
  auto corpus = wasiModules(dir, kLargeModule, 6);
  if (corpus.empty()) GTEST_SKIP() << "no .wasm files under " << dir << "/wasi";
  Outcome outcome;
  runCorpus(corpus, outcome);
  RecordProperty("variants", static_cast<int>(outcome.variants));
  std::printf("wasi corpus: %zu modules, %zu variants, %zu decoded, %zu validated\n", corpus.size(),
              outcome.variants, outcome.decoded, outcome.validated);
}

TEST(DecodeRobustness, MutatedSpecModules) {
  std::string dir = testsuiteDir();
  if (dir.empty()) GTEST_SKIP() << "test suite not found (set WASMCAP_TESTSUITE or WASMCAP_TESTSUITE_DIR)";
  if (!haveSpecModules()) GTEST_SKIP() << "text parser not built: spec modules unavailable";
  // Every 2nd script (by name) and, within the modules found, every 2nd.
  auto all = specModules(dir, 2);
  std::vector<CorpusModule> corpus;
  for (size_t i = 0; i < all.size(); i += 2) corpus.push_back(std::move(all[i]));
  if (corpus.empty()) GTEST_SKIP() << "no modules parsed from " << dir << "/spec";
  Outcome outcome;
  runCorpus(corpus, outcome);
  EXPECT_GE(outcome.variants, 1000u);
  std::printf("spec corpus: %zu modules, %zu variants, %zu decoded, %zu validated\n", corpus.size(),
              outcome.variants, outcome.decoded, outcome.validated);
}

// The 3.0 suite's modules: tail calls, multi-memory, memory64, relaxed SIMD
// and the rest. Those using what the decoder does not read yet (GC types,
// exception tags) are kept as inputs but not required to decode.
TEST(DecodeRobustness, MutatedSpec30Modules) {
  std::string dir = testsuiteDir();
  if (dir.empty()) GTEST_SKIP() << "test suite not found (set WASMCAP_TESTSUITE or WASMCAP_TESTSUITE_DIR)";
  if (!haveSpecModules()) GTEST_SKIP() << "text parser not built: spec modules unavailable";
  auto all = specModules(dir, 2, "spec-3.0");
  std::vector<CorpusModule> corpus;
  for (size_t i = 0; i < all.size(); i += 2) {
    CorpusModule& m = all[i];
    if (m.wellFormed && !binary::decodeModule(m.bytes).ok()) m.wellFormed = false;
    corpus.push_back(std::move(m));
  }
  if (corpus.empty()) GTEST_SKIP() << "no modules parsed from " << dir << "/spec-3.0";
  Outcome outcome;
  runCorpus(corpus, outcome);
  EXPECT_GE(outcome.variants, 1000u);
  std::printf("spec-3.0 corpus: %zu modules, %zu variants, %zu decoded, %zu validated\n", corpus.size(),
              outcome.variants, outcome.decoded, outcome.validated);
}

// The threads scripts' modules: shared memories and every atomic instruction.
TEST(DecodeRobustness, MutatedThreadsModules) {
  std::string dir = testsuiteDir();
  if (dir.empty()) GTEST_SKIP() << "test suite not found (set WASMCAP_TESTSUITE or WASMCAP_TESTSUITE_DIR)";
  if (!haveSpecModules()) GTEST_SKIP() << "text parser not built: spec modules unavailable";
  std::vector<CorpusModule> corpus = specModules(dir, 1, "threads");
  if (corpus.empty()) GTEST_SKIP() << "no modules parsed from " << dir << "/threads";
  Outcome outcome;
  runCorpus(corpus, outcome);
  EXPECT_GE(outcome.variants, 1000u);
  std::printf("threads corpus: %zu modules, %zu variants, %zu decoded, %zu validated\n", corpus.size(),
              outcome.variants, outcome.decoded, outcome.validated);
}

// Hand-made hostile inputs that target allocation sizes directly.
TEST(DecodeRobustness, HugeDeclaredSizesDoNotAllocate) {
  const std::vector<std::vector<uint8_t>> inputs = {
      // 2^32-1 types.
      {0, 'a', 's', 'm', 1, 0, 0, 0, 0x01, 0x05, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F},
      // One function declaring 2^32-1 locals in each of two groups.
      {0, 'a', 's', 'm', 1, 0, 0, 0, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x0A, 0x10, 0x01,
       0x0E, 0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x7E, 0x0B},
      // A br_table with 2^32-1 targets.
      {0, 'a', 's', 'm', 1, 0, 0, 0, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x0A, 0x0B, 0x01,
       0x09, 0x00, 0x41, 0x00, 0x0E, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F},
      // A data segment claiming 4 GiB.
      {0, 'a', 's', 'm', 1, 0, 0, 0, 0x0B, 0x07, 0x01, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F},
  };
  for (const auto& bytes : inputs) {
    auto r = binary::decodeModule(bytes);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::Malformed) << r.error().describe();
  }
}

}  // namespace
}  // namespace wasmcap::fuzz
