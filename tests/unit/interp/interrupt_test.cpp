// Interruption (runtime::CodeOptions::interruptible): another thread stops
// code running in a store through its InterruptState, at the next function
// entry or loop header; the request is consumed by the trap.
#include <atomic>
#include <chrono>
#include <thread>

#include "harness.h"

namespace wasmcap::interp::testing {
namespace {

using namespace std::chrono_literals;
using runtime::TrapKind;

constexpr std::string_view kSpin = R"((module
  (func $spin (export "spin") (loop (br 0)))
  (func (export "one") (result i32) (i32.const 1))))";

// A call tree with no loop and no recursion that would make 2^40 calls:
// only the checks at function entry can stop it.
std::string callTree() {
  std::string wat = "(module\n";
  for (int i = 0; i < 40; ++i) {
    wat += "(func $f" + std::to_string(i) + " (call $f" + std::to_string(i + 1) + ") (call $f" +
           std::to_string(i + 1) + "))\n";
  }
  wat += "(func $f40)\n(export \"tree\" (func $f0)))";
  return wat;
}

// Call `name`, have another thread interrupt the store after a while, and
// return the trap; `latency` is how long the trap took after the request.
runtime::Trap interruptedRun(Harness& h, const std::string& name, std::chrono::steady_clock::duration& latency) {
  std::shared_ptr<runtime::InterruptState> state = h.store.interruptState();
  std::atomic<int64_t> requestedAt{0};
  std::thread other([state, &requestedAt] {
    std::this_thread::sleep_for(50ms);
    requestedAt = std::chrono::steady_clock::now().time_since_epoch().count();
    state->requestInterrupt();
  });
  runtime::Trap t = h.trap(name);
  auto trappedAt = std::chrono::steady_clock::now();
  other.join();
  latency = trappedAt - std::chrono::steady_clock::time_point(std::chrono::steady_clock::duration(requestedAt.load()));
  EXPECT_FALSE(state->requested()) << "the trap consumes the request";
  return t;
}

class InterpInterrupt : public ::testing::TestWithParam<runtime::CodeOptions> {};

TEST_P(InterpInterrupt, AnotherThreadStopsAnEndlessLoop) {
  Harness h(GetParam());
  h.load(kSpin);
  h.store.fuel = UINT64_MAX;
  std::chrono::steady_clock::duration latency;
  runtime::Trap t = interruptedRun(h, "spin", latency);
  EXPECT_EQ(t.kind, TrapKind::Interrupted);
  EXPECT_EQ(t.message, "interrupted");
  ASSERT_EQ(t.backtrace.size(), 1u);
  EXPECT_NE(t.backtrace[0].funcName.find("spin"), std::string::npos) << t.describe();
  EXPECT_LT(latency, 1s);
  // The next call runs normally.
  EXPECT_EQ(h.i32("one"), 1u);
}

TEST_P(InterpInterrupt, AnotherThreadStopsACallTreeWithoutLoops) {
  Harness h(GetParam());
  h.load(callTree());
  h.store.fuel = UINT64_MAX;
  std::chrono::steady_clock::duration latency;
  runtime::Trap t = interruptedRun(h, "tree", latency);
  EXPECT_EQ(t.kind, TrapKind::Interrupted);
  EXPECT_GE(t.backtrace.size(), 1u);
  EXPECT_LE(t.backtrace.size(), 41u);
  EXPECT_LT(latency, 1s);
}

TEST_P(InterpInterrupt, RequestWhileIdleStopsTheNextCallOnce) {
  Harness h(GetParam());
  h.load(kSpin);
  h.store.fuel = UINT64_MAX;
  h.store.interruptState()->requestInterrupt();
  runtime::Trap t = h.trap("one");
  EXPECT_EQ(t.kind, TrapKind::Interrupted);
  ASSERT_EQ(t.backtrace.size(), 1u);  // at the entry of the function called
  EXPECT_EQ(h.i32("one"), 1u);
  EXPECT_EQ(h.i32("one"), 1u);
}

INSTANTIATE_TEST_SUITE_P(Options, InterpInterrupt,
                         ::testing::Values(runtime::CodeOptions{.interruptible = true},
                                           runtime::CodeOptions{.consumeFuel = true, .interruptible = true}),
                         [](const auto& info) { return info.param.consumeFuel ? "WithFuel" : "Alone"; });

TEST(InterpInterruptState, CreatedOnlyWhenAskedForAndThenKept) {
  Harness h({.interruptible = true});
  EXPECT_EQ(h.store.interruptPoll(), nullptr);
  std::shared_ptr<runtime::InterruptState> state = h.store.interruptState();
  ASSERT_NE(state, nullptr);
  EXPECT_EQ(h.store.interruptPoll(), state.get());
  EXPECT_EQ(h.store.interruptState(), state);
  EXPECT_FALSE(state->requested());
}

TEST(InterpInterruptState, OutlivingItsStoreIsHarmless) {
  std::shared_ptr<runtime::InterruptState> state;
  {
    Harness h({.interruptible = true});
    h.load(kSpin);
    state = h.store.interruptState();
  }
  state->requestInterrupt();
  EXPECT_TRUE(state->requested());
  std::thread([state] { state->requestInterrupt(); }).join();
}

TEST(InterpInterruptState, RequestsWhileTheStoreIsDestroyedAreHarmless) {
  auto h = std::make_unique<Harness>(runtime::CodeOptions{.interruptible = true});
  h->load(kSpin);
  std::shared_ptr<runtime::InterruptState> state = h->store.interruptState();
  std::atomic<uint64_t> requests{0};
  std::atomic<bool> stop{false};
  std::thread other([state, &requests, &stop] {
    while (!stop) {
      state->requestInterrupt();
      ++requests;
    }
  });
  auto waitFor = [&](uint64_t n) {
    while (requests < n) std::this_thread::yield();
  };
  waitFor(1);
  uint64_t before = requests;
  h.reset();
  waitFor(before + 1000);  // requests go on after the store is gone
  stop = true;
  other.join();
  EXPECT_TRUE(state->requested());
}

TEST(InterpInterruptState, CodeWithoutTheCheckLeavesTheRequestPending) {
  for (runtime::CodeOptions options : {runtime::CodeOptions{}, runtime::CodeOptions{.consumeFuel = true}}) {
    Harness h(options);
    h.load(kSpin);
    h.store.fuel = 100;
    h.store.interruptState()->requestInterrupt();
    EXPECT_EQ(h.i32("one"), 1u);
    EXPECT_TRUE(h.store.interruptState()->requested());
  }
}

}  // namespace
}  // namespace wasmcap::interp::testing
