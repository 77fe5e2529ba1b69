// Where lowering puts the resource checks (runtime::CodeOptions): nowhere by
// default, the code then being exactly the code from before checks existed;
// otherwise one at function entry and one at every loop header, the loop's
// label, with nothing fused across it.
#include <gtest/gtest.h>

#include <map>

#include "binary/decoder.h"
#include "harness.h"
#include "interp/exec_state.h"
#include "interp/lower.h"
#include "text/wat.h"

namespace wasmcap::interp {
namespace {

// Loops of every shape the fusions care about: steps merged with their
// compare-and-branch back edge, values carried around a loop by moves
// merged with the jump, a loaded byte compared and branched on at the top
// of a loop, the accumulator, a br_table with a loop among its targets.
constexpr std::string_view kLoops = R"((module (memory 1)
  (data (i32.const 0) "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ\n")
  (func (export "loops") (param $p i32) (param $n i32) (result i32)
    (local $i i32) (local $j i32) (local $acc i64)
    (loop $rows
      (local.set $j (i32.const 0))
      (loop $cols
        (local.set $acc (i64.add (local.get $acc)
          (i64.load8_u (i32.add (local.get $p) (local.get $j)))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br_if $cols (i32.lt_u (local.get $j) (local.get $n))))
      (local.set $p (i32.add (local.get $p) (local.get $n)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $rows (i32.lt_s (local.get $i) (i32.const 8))))
    (block $found
      (loop $scan
        (br_if $found (i32.eq (i32.load8_u (local.get $p)) (i32.const 10)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $scan)))
    (i32.const 0)
    (loop $carry (param i32) (result i32)
      (i32.add (i32.const 3))
      (local.tee $i)
      (br_if $carry (i32.lt_u (local.get $i) (i32.const 100))))
    (local.get $p)
    (local.get $n)
    (loop $pair (param i32 i32) (result i32)
      (local.set $j)
      (local.set $i)
      (local.get $j)
      (i32.add (local.get $i) (i32.const 1))
      (br_if $pair (i32.lt_u (local.get $i) (local.get $n)))
      (drop))
    (block $out
      (loop $sw
        (local.set $n (i32.shr_u (local.get $n) (i32.const 1)))
        (block $a
          (block $b
            (br_table $out $b $sw $a (i32.and (local.get $n) (i32.const 3))))
          (local.set $n (i32.sub (local.get $n) (i32.const 1))))
        (br $sw)))
    (i32.add (i32.wrap_i64 (local.get $acc)))
    (i32.add (local.get $p))
    (i32.add))))";

// kLoops lowered by the interpreter before CodeOptions existed (commit
// d40a677): handlers by name, other cells as signed numbers. A change in the
// fusions changes this; a change here from the checks would be a cost.
constexpr std::string_view kLoopsLoweredWithoutChecks =
    "Const64 3 0 I64Load8UAddToAcc 6 0 3 0 I64AddAccB 4 4 6 I32AddImmJumpIfI32LtU 3 3 1 3 1 -9 "
    "i32.add 0 0 1 I32AddImmJumpIfI32LtSImm 2 2 1 2 8 -23 JumpIfLoad8UEqImm 5 0 0 10 11 "
    "I32AddImmJump 0 0 1 -6 Const64 5 0 I32AddImmJumpIfI32GeUImm 2 5 3 2 100 11 Move64Jump 5 2 -7 "
    "Move64 5 2 Move2 6 0 7 1 Move2 3 7 2 6 I32AddImm 7 2 1 JumpIfI32GeU 2 1 8 Move64Jump 6 3 -13 "
    "Move64 6 3 I32ShrUImm 1 1 1 I32AndImmToAcc 7 1 3 JumpTableAcc 7 3 13 7 -8 11 I32SubImm 1 1 1 "
    "Jump -19 I32WrapI64ToAcc 7 4 I32AddAccBToAcc 6 6 7 I32AddAccAToAcc 6 6 0 I32AddAccB 0 5 6 Ret ";

std::vector<Cell> lower(std::string_view wat, const runtime::CodeOptions& options) {
  auto bin = text::watToBinary(wat);
  EXPECT_TRUE(bin.ok()) << bin.error().describe();
  if (!bin.ok()) return {};
  auto mod = binary::decodeModule(std::move(*bin));
  EXPECT_TRUE(mod.ok()) << mod.error().describe();
  if (!mod.ok()) return {};
  auto f = lowerFunction(*mod, 0, handlerTable(), options);
  EXPECT_TRUE(f.ok()) << f.error().describe();
  return f.ok() ? (*f)->code : std::vector<Cell>{};
}

// The handler index of `cell`, if it holds a handler address.
std::optional<size_t> handlerAt(const Cell& cell) {
  static const std::map<const void*, size_t> kIndex = [] {
    std::map<const void*, size_t> index;
    for (size_t i = 0; i < kHandlerCount; ++i) index.emplace(handlerTable()[i], i);
    return index;
  }();
  auto it = kIndex.find(cell.handler);
  return it == kIndex.end() ? std::nullopt : std::optional<size_t>(it->second);
}

std::string dump(const std::vector<Cell>& code) {
  std::string out;
  for (const Cell& c : code) {
    std::optional<size_t> h = handlerAt(c);
    out += h ? handlerName(*h) : std::to_string(c.s);
    out += ' ';
  }
  return out;
}

bool isCheck(const Cell& c) {
  std::optional<size_t> h = handlerAt(c);
  return h && (*h == handlerIndex(InternalOp::CheckFuel) || *h == handlerIndex(InternalOp::CheckInterrupt) ||
               *h == handlerIndex(InternalOp::CheckFuelInterrupt));
}

// The positions of the check instructions and the costs they charge (with
// fuel: [op][cost]), found by their handlers.
std::vector<std::pair<size_t, uint64_t>> checks(const std::vector<Cell>& code, bool withCost) {
  std::vector<std::pair<size_t, uint64_t>> found;
  for (size_t i = 0; i < code.size(); ++i) {
    if (isCheck(code[i])) found.emplace_back(i, withCost ? code[i + 1].u : 0);
  }
  return found;
}

TEST(InterpCheckLowering, DefaultOptionsLowerLoopsExactlyAsBefore) {
  std::vector<Cell> code = lower(kLoops, {});
  EXPECT_EQ(dump(code), kLoopsLoweredWithoutChecks);
  for (const Cell& c : code) EXPECT_FALSE(isCheck(c));
}

TEST(InterpCheckLowering, FuelCheckAtEntryAndEveryLoopHeaderWithItsCharge) {
  std::vector<Cell> code = lower(kLoops, {.consumeFuel = true});
  auto found = checks(code, true);
  // The function (outside its loops), then rows, cols, scan, carry, pair, sw:
  // each loop's own instructions, its `loop` and `end` included.
  std::vector<uint64_t> costs;
  for (auto [at, cost] : found) costs.push_back(cost);
  EXPECT_EQ(costs, (std::vector<uint64_t>{14, 16, 17, 12, 9, 13, 19})) << dump(code);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0].first, 0u);
  EXPECT_EQ(code[0].handler, handlerTable()[handlerIndex(InternalOp::CheckFuel)]);
  // Each check adds two cells and nothing else changes size.
  EXPECT_EQ(code.size(), lower(kLoops, {}).size() + 2 * found.size());
}

TEST(InterpCheckLowering, CheckKindFollowsTheOptions) {
  std::vector<Cell> interrupt = lower(kLoops, {.interruptible = true});
  EXPECT_EQ(interrupt[0].handler, handlerTable()[handlerIndex(InternalOp::CheckInterrupt)]);
  // No cost cell: one cell per check.
  EXPECT_EQ(interrupt.size(), lower(kLoops, {}).size() + 7);
  std::vector<Cell> both = lower(kLoops, {.consumeFuel = true, .interruptible = true});
  EXPECT_EQ(both[0].handler, handlerTable()[handlerIndex(InternalOp::CheckFuelInterrupt)]);
  EXPECT_EQ(both[1].u, 14u);
}

TEST(InterpCheckLowering, BackEdgeJumpsToTheCheck) {
  auto code = lower(R"((module (func (param i32 i32)
    (loop (br_if 0 (i32.lt_s (local.get 0) (local.get 1)))))))",
                    {.consumeFuel = true});
  // [CheckFuel][1: the function's end] [CheckFuel][6] [JumpIfI32LtS][a][b][rel] [Ret]
  ASSERT_EQ(code.size(), 9u) << dump(code);
  EXPECT_EQ(code[1].u, 1u);
  EXPECT_TRUE(isCheck(code[2]));
  EXPECT_EQ(code[3].u, 6u);
  EXPECT_EQ(code[4].handler, handlerTable()[handlerIndex(InternalOp::JumpIfI32LtS)]);
  EXPECT_EQ(code[7].s, -2);  // to the loop's check, not past it
}

TEST(InterpCheckLowering, StepsMergeOnlyOnTheirSideOfTheCheck) {
  // The step before the loop stays before the check; the step inside
  // merges with the back edge after it, which jumps back to the check.
  auto code = lower(R"((module (func (param i32 i32) (result i32) (local i32)
    (local.set 2 (i32.add (local.get 2) (i32.const 1)))
    (loop $l
      (local.set 0 (i32.add (local.get 0) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get 0) (local.get 1))))
    (local.get 2))))",
                    {.consumeFuel = true});
  // [CheckFuel][6] [I32AddImm][2][2][1] [CheckFuel][10] [I32AddImmJumpIfI32LtU][0][0][1][0][1][rel] ...
  ASSERT_GE(code.size(), 15u) << dump(code);
  EXPECT_EQ(code[1].u, 6u);
  EXPECT_EQ(code[2].handler, handlerTable()[handlerIndex(InternalOp::I32AddImm)]) << dump(code);
  EXPECT_TRUE(isCheck(code[6]));
  EXPECT_EQ(code[7].u, 10u);
  EXPECT_EQ(code[8].handler, handlerTable()[handlerIndex(InternalOp::I32AddImmJumpIfI32LtU)]) << dump(code);
  EXPECT_EQ(code[14].s, -2);
}

TEST(InterpCheckLowering, ChecksDoNotChangeWhatCodeComputes) {
  testing::Harness off, fuel({.consumeFuel = true}), interrupt({.interruptible = true}),
      both({.consumeFuel = true, .interruptible = true});
  for (testing::Harness* h : {&off, &fuel, &interrupt, &both}) {
    h->load(kLoops);
    h->store.fuel = 1'000'000;
  }
  for (uint32_t n : {1u, 2u, 3u, 5u, 7u}) {
    for (uint32_t p : {0u, 1u, 6u}) {  // (p + 8n stays before the newline at 62)
      uint32_t expected = off.i32("loops", {testing::I32(p), testing::I32(n)});
      EXPECT_EQ(fuel.i32("loops", {testing::I32(p), testing::I32(n)}), expected) << p << " " << n;
      EXPECT_EQ(interrupt.i32("loops", {testing::I32(p), testing::I32(n)}), expected) << p << " " << n;
      EXPECT_EQ(both.i32("loops", {testing::I32(p), testing::I32(n)}), expected) << p << " " << n;
    }
  }
}

}  // namespace
}  // namespace wasmcap::interp
