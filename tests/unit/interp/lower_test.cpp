// The shape of lowered code: locals are read in place, results computed
// straight into locals, constants folded as immediates, comparisons fused
// with branches, so common sequences become single instructions.
#include <gtest/gtest.h>

#include <bit>

#include "binary/decoder.h"
#include "interp/exec_state.h"
#include "interp/lower.h"
#include "text/wat.h"

namespace wasmcap::interp {
namespace {

// Lower the module's function 0 and return its code.
std::vector<Cell> lower(std::string_view wat) {
  auto bin = text::watToBinary(wat);
  EXPECT_TRUE(bin.ok()) << bin.error().describe();
  if (!bin.ok()) return {};
  auto mod = binary::decodeModule(std::move(*bin));
  EXPECT_TRUE(mod.ok()) << mod.error().describe();
  if (!mod.ok()) return {};
  auto f = lowerFunction(*mod, 0, handlerTable());
  EXPECT_TRUE(f.ok()) << f.error().describe();
  return f.ok() ? (*f)->code : std::vector<Cell>{};
}

const void* handler(InternalOp op) { return handlerTable()[handlerIndex(op)]; }
const void* handler(ir::Opcode op) { return handlerTable()[handlerIndex(op)]; }

TEST(InterpLower, BinaryOpOnLocalsIntoLocalIsOneInstruction) {
  auto code = lower(R"((module (func (param i32 i32) (local i32)
    (local.set 2 (i32.add (local.get 0) (local.get 1))))))");
  // [I32Add][dst=2][a=0][b=1] then [Ret].
  ASSERT_EQ(code.size(), 5u);
  EXPECT_EQ(code[0].handler, handler(ir::Opcode::I32Add));
  EXPECT_EQ(code[1].u, 2u);
  EXPECT_EQ(code[2].u, 0u);
  EXPECT_EQ(code[3].u, 1u);
  EXPECT_EQ(code[4].handler, handler(InternalOp::Ret));
}

TEST(InterpLower, ConstantOperandBecomesImmediate) {
  auto code = lower(R"((module (func (param i32) (result i32)
    (local.tee 0 (i32.add (local.get 0) (i32.const -1))))))");
  // [I32AddImm][dst=0][a=0][imm], the result already in slot 0, then [Ret].
  ASSERT_EQ(code.size(), 5u);
  EXPECT_EQ(code[0].handler, handler(InternalOp::I32AddImm));
  EXPECT_EQ(code[1].u, 0u);
  EXPECT_EQ(code[3].u, 0xFFFFFFFFu);
  EXPECT_EQ(code[4].handler, handler(InternalOp::Ret));
}

TEST(InterpLower, CompareAndBranchFuse) {
  auto code = lower(R"((module (func (param i32 i32)
    (loop (br_if 0 (i32.lt_s (local.get 0) (local.get 1)))))))");
  // [JumpIfI32LtS][a][b][rel back to itself] then [Ret].
  ASSERT_EQ(code.size(), 5u);
  EXPECT_EQ(code[0].handler, handler(InternalOp::JumpIfI32LtS));
  EXPECT_EQ(code[3].s, 0);
}

TEST(InterpLower, LocalReadSurvivesLaterWriteOfThatLocal) {
  auto code = lower(R"((module (func (param i32) (result i32)
    (local.get 0)                       ;; read in place...
    (local.set 0 (i32.const 5))         ;; ...so it is copied out before this write
    )))");
  ASSERT_GE(code.size(), 3u);
  EXPECT_EQ(code[0].handler, handler(InternalOp::Move64));
}

TEST(InterpLower, AddFeedingLoadOrStoreFuses) {
  auto code = lower(R"((module (memory 1) (func (param i32 i32) (result i32)
    (i32.store8 offset=3 (i32.add (local.get 0) (i32.const 8)) (local.get 1))
    (i32.load offset=5 (i32.add (local.get 0) (local.get 1))))))");
  // [I32Store8AddImm][a=0][imm 8][value=1][offset 3]
  // [I32LoadAdd][dst=0, the result slot][a=0][b=1][offset 5], then [Ret].
  ASSERT_EQ(code.size(), 11u);
  EXPECT_EQ(code[0].handler, handler(InternalOp::I32Store8AddImm));
  EXPECT_EQ(code[1].u, 0u);
  EXPECT_EQ(code[2].u, 8u);
  EXPECT_EQ(code[3].u, 1u);
  EXPECT_EQ(code[4].u, 3u);
  EXPECT_EQ(code[5].handler, handler(InternalOp::I32LoadAdd));
  EXPECT_EQ(code[6].u, 0u);
  EXPECT_EQ(code[7].u, 0u);
  EXPECT_EQ(code[8].u, 1u);
  EXPECT_EQ(code[9].u, 5u);
  EXPECT_EQ(code[10].handler, handler(InternalOp::Ret));
}

TEST(InterpLower, FloatCompareAndBranchFuse) {
  auto code = lower(R"((module (func (param f64 f64)
    (loop (br_if 0 (f64.le (local.get 0) (f64.const 4))))
    (if (f64.lt (local.get 0) (local.get 1)) (then (nop))))))");
  // [JumpIfF64LeImm][a=0][bits of 4.0][rel 0], [JumpUnlessF64Lt][a=0][b=1][rel], [Ret].
  ASSERT_EQ(code.size(), 9u);
  EXPECT_EQ(code[0].handler, handler(InternalOp::JumpIfF64LeImm));
  EXPECT_EQ(code[2].u, std::bit_cast<uint64_t>(4.0));
  EXPECT_EQ(code[3].s, 0);
  EXPECT_EQ(code[4].handler, handler(InternalOp::JumpUnlessF64Lt));
  EXPECT_EQ(code[5].u, 0u);
  EXPECT_EQ(code[6].u, 1u);
  EXPECT_EQ(code[8].handler, handler(InternalOp::Ret));
}

TEST(InterpLower, ConsecutiveMovesMergeButNotAcrossALabel) {
  auto code = lower(R"((module (func (param i32 i32 i32)
    (local.set 0 (local.get 1)) (local.set 1 (local.get 2))
    (loop (local.set 2 (local.get 0))))))");
  // [Move2][0][1][1][2], then the loop's first move on its own: [Move64][2][0], [Ret].
  ASSERT_EQ(code.size(), 9u);
  EXPECT_EQ(code[0].handler, handler(InternalOp::Move2));
  EXPECT_EQ(code[5].handler, handler(InternalOp::Move64));
  EXPECT_EQ(code[8].handler, handler(InternalOp::Ret));
}

TEST(InterpLower, ConstantAddressAndConstantFirstOperandBecomeImmediates) {
  auto code = lower(R"((module (memory 1) (func (param i32) (result i32)
    (i32.lt_u (i32.const 10) (i32.load offset=8 (i32.const 100))))))");
  // [I32LoadAbs][dst][108], then 10 < x as [I32GtUImm][dst][x][10], [Ret];
  // the loaded value passes through the accumulator.
  ASSERT_EQ(code.size(), 8u);
  EXPECT_EQ(code[0].handler, handler(InternalOp::I32LoadAbsToAcc));
  EXPECT_EQ(code[2].u, 108u);
  EXPECT_EQ(code[3].handler, handler(InternalOp::I32GtUImmAccA));
  EXPECT_EQ(code[6].u, 10u);
}

TEST(InterpLower, ValueUsedOnlyByTheNextInstructionStaysInTheAccumulator) {
  auto code = lower(R"((module (memory 1) (func (param i32 i32) (result i32)
    (i32.store (local.get 0) (i32.xor (i32.rotl (local.get 1) (i32.const 5)) (local.get 0)))
    (i32.add (i32.mul (local.get 0) (local.get 1)) (local.get 1)))))");
  // The xor of a rotation is one instruction, its result stored through the
  // accumulator; mul -> add too, but the add's result is returned in slot 0:
  // [I32XorRotlImmToAcc][-][a=0][x=1][5], [I32StoreAccV][0][-][0],
  // [I32MulToAcc][-][0][1], [I32AddAccA][0][-][1], [Ret].
  ASSERT_EQ(code.size(), 18u);
  EXPECT_EQ(code[0].handler, handler(InternalOp::I32XorRotlImmToAcc));
  EXPECT_EQ(code[2].u, 0u);
  EXPECT_EQ(code[3].u, 1u);
  EXPECT_EQ(code[4].u, 5u);
  EXPECT_EQ(code[5].handler, handler(InternalOp::I32StoreAccV));
  EXPECT_EQ(code[9].handler, handler(InternalOp::I32MulToAcc));
  EXPECT_EQ(code[13].handler, handler(InternalOp::I32AddAccA));
  EXPECT_EQ(code[14].u, 0u);
}

TEST(InterpLower, FusedBranchKeepsItsOperandInTheAccumulator) {
  auto code = lower(R"((module (func (param i32 i32)
    (loop (br_if 0 (i32.lt_s (i32.add (local.get 0) (local.get 1)) (local.get 1)))))))");
  // The add feeds the comparison, fused with the branch, in the accumulator.
  ASSERT_EQ(code.size(), 9u);
  EXPECT_EQ(code[0].handler, handler(InternalOp::I32AddToAcc));
  EXPECT_EQ(code[4].handler, handler(InternalOp::JumpIfI32LtSAccA));
  EXPECT_EQ(code[6].u, 1u);
}

TEST(InterpLower, FusingAnAddressGivesTheOperandBackToItsSlot) {
  auto code = lower(R"((module (memory 1) (func (param i32 i32) (result i32)
    (i32.load offset=4 (i32.add (i32.mul (local.get 0) (local.get 0)) (local.get 1))))))");
  // The product first feeds the add through the accumulator; once the add is
  // folded into the load, which reads slots, the multiply writes its slot again.
  ASSERT_EQ(code.size(), 10u);
  EXPECT_EQ(code[0].handler, handler(ir::Opcode::I32Mul));
  EXPECT_EQ(code[4].handler, handler(InternalOp::I32LoadAdd));
  EXPECT_EQ(code[6].u, code[1].u);
  EXPECT_EQ(code[7].u, 1u);
  EXPECT_EQ(code[8].u, 4u);
}

TEST(InterpLower, TwoConstantStepsIntoLocalsMerge) {
  auto code = lower(R"((module (func (param i32 i32) (result i32)
    (local.set 0 (i32.add (local.get 0) (i32.const 8)))
    (local.set 1 (i32.add (local.get 0) (i32.const -1)))
    (loop (local.set 1 (i32.add (local.get 1) (i32.const 1))))
    (local.get 1))))");
  // [I32AddImm2][0][0][8][1][0][-1], then the loop's step on its own.
  ASSERT_GE(code.size(), 11u);
  EXPECT_EQ(code[0].handler, handler(InternalOp::I32AddImm2));
  EXPECT_EQ(code[4].u, 1u);
  EXPECT_EQ(code[5].u, 0u);
  EXPECT_EQ(code[7].handler, handler(InternalOp::I32AddImm));
}

TEST(InterpLower, ZeroingAFreshLocalEmitsNothingUntilTheFirstLoop) {
  auto code = lower(R"((module (func (param i32) (result i32) (local i32 f64)
    (local.set 0 (i32.const 0)) (local.set 1 (i32.const 0))
    (block (local.set 2 (f64.const 0)))
    (loop (local.set 1 (i32.const 0)))
    (local.get 1))))");
  // The parameter is set; the fresh locals are already zero; in the loop the
  // local is set again: [Const64][0][0], [Const64][1][0], [Move64][0][1], [Ret].
  ASSERT_EQ(code.size(), 10u);
  EXPECT_EQ(code[0].handler, handler(InternalOp::Const64));
  EXPECT_EQ(code[1].u, 0u);
  EXPECT_EQ(code[3].handler, handler(InternalOp::Const64));
  EXPECT_EQ(code[4].u, 1u);
}

TEST(InterpLower, LoopStepMergesWithTheClosingBranch) {
  auto code = lower(R"((module (func (param i32 i32)
    (loop (br_if 0 (i32.lt_s (local.tee 0 (i32.add (local.get 0) (i32.const 1))) (local.get 1)))))))");
  // [I32AddImmJumpIfI32LtS][0][0][1][0][1][rel back to the start], [Ret].
  ASSERT_EQ(code.size(), 8u);
  EXPECT_EQ(code[0].handler, handler(InternalOp::I32AddImmJumpIfI32LtS));
  EXPECT_EQ(code[4].u, 0u);
  EXPECT_EQ(code[5].u, 1u);
  EXPECT_EQ(code[6].s, 0);
  EXPECT_EQ(code[7].handler, handler(InternalOp::Ret));
}

TEST(InterpLower, V128AccessesFoldTheirAddress) {
  auto code = lower(R"((module (memory 1) (func (param i32 i32 v128) (result v128)
    (v128.store offset=16 (i32.add (local.get 1) (i32.const 32)) (local.get 2))
    (v128.load (i32.add (local.get 0) (local.get 1))))))");
  // [V128StoreAddImm][1][32][value 2][16], then [V128LoadAdd][dst][0][1][0],
  // the result moved to slot 0 [Move128][0][dst], [Ret].
  ASSERT_EQ(code.size(), 14u);
  EXPECT_EQ(code[0].handler, handler(InternalOp::V128StoreAddImm));
  EXPECT_EQ(code[2].u, 32u);
  EXPECT_EQ(code[3].u, 2u);
  EXPECT_EQ(code[4].u, 16u);
  EXPECT_EQ(code[5].handler, handler(InternalOp::V128LoadAdd));
}

TEST(InterpLower, LoadFeedingAnF64OperationBecomesItsOperand) {
  auto code = lower(R"((module (memory 1) (func (param i32 f64)
    (f64.store (local.get 0) (f64.add (f64.load offset=8 (local.get 0)) (f64.mul (local.get 1) (f64.load (local.get 0))))))))");
  // The first load is not computed right before its consumer, so it stays;
  // the second becomes the mul's operand b: [F64Load][t][0][8],
  // [F64MulLoadToAcc][-][1][0][0], [F64AddAccBToAcc][-][t][-],
  // [F64StoreAccV][0][-][0], [Ret].
  ASSERT_EQ(code.size(), 18u);
  EXPECT_EQ(code[0].handler, handler(ir::Opcode::F64Load));
  EXPECT_EQ(code[4].handler, handler(InternalOp::F64MulLoadToAcc));
  EXPECT_EQ(code[6].u, 1u);
  EXPECT_EQ(code[7].u, 0u);
  EXPECT_EQ(code[9].handler, handler(InternalOp::F64AddAccBToAcc));
  EXPECT_EQ(code[13].handler, handler(InternalOp::F64StoreAccV));
}

TEST(InterpLower, AddBackToTheSameAddressIsOneInstruction) {
  auto code = lower(R"((module (memory 1) (func (param i32 f64)
    (f64.store offset=8 (local.get 0) (f64.add (local.get 1) (f64.load offset=8 (local.get 0)))))))");
  // [F64AddRmw][a=1][address=0][offset=8], [Ret].
  ASSERT_EQ(code.size(), 5u);
  EXPECT_EQ(code[0].handler, handler(InternalOp::F64AddRmw));
  EXPECT_EQ(code[1].u, 1u);
  EXPECT_EQ(code[2].u, 0u);
  EXPECT_EQ(code[3].u, 8u);
}

TEST(InterpLower, ProductAddedBackIsOneInstruction) {
  auto code = lower(R"((module (memory 1) (func (param i32 i32 f64)
    (f64.store (local.get 0) (f64.add (f64.mul (local.get 2) (f64.load (local.get 1))) (f64.load (local.get 0)))))))");
  // [F64MulLoadRmw][y=2][z address=1][z offset=0][address=0][offset=0], [Ret].
  ASSERT_EQ(code.size(), 7u);
  EXPECT_EQ(code[0].handler, handler(InternalOp::F64MulLoadRmw));
  EXPECT_EQ(code[1].u, 2u);
  EXPECT_EQ(code[2].u, 1u);
  EXPECT_EQ(code[4].u, 0u);
  EXPECT_EQ(code[6].handler, handler(InternalOp::Ret));
}

TEST(InterpLower, LoadBeforeTheArithmeticMovesIntoTheReadModifyWrite) {
  auto code = lower(R"((module (memory 1) (func (param i32 f64 f64)
    (f64.store offset=8 (local.get 0)
      (f64.sub (f64.load offset=8 (local.get 0)) (f64.mul (f64.mul (local.get 1) (local.get 2)) (local.get 1)))))))");
  // [F64MulToAcc][-][1][2], [F64MulAccAToAcc][-][-][1], [F64SubRmwAccB][address=0][offset=8], [Ret].
  ASSERT_EQ(code.size(), 12u);
  EXPECT_EQ(code[0].handler, handler(InternalOp::F64MulToAcc));
  EXPECT_EQ(code[4].handler, handler(InternalOp::F64MulAccAToAcc));
  EXPECT_EQ(code[8].handler, handler(InternalOp::F64SubRmwAccB));
  EXPECT_EQ(code[9].u, 0u);
  EXPECT_EQ(code[10].u, 8u);
}

TEST(InterpLower, IndexShiftedIntoAnAddIsOneInstruction) {
  auto code = lower(R"((module (func (param i32 i32) (result i32)
    (i32.add (i32.shl (local.get 0) (i32.const 2)) (local.get 1)))))");
  // The shift computed operand a; add is commutative:
  // [I32AddShlImm][dst][a=1][x=0][2], [Ret].
  ASSERT_EQ(code.size(), 6u);
  EXPECT_EQ(code[0].handler, handler(InternalOp::I32AddShlImm));
  EXPECT_EQ(code[2].u, 1u);
  EXPECT_EQ(code[3].u, 0u);
  EXPECT_EQ(code[4].u, 2u);
}

TEST(InterpLower, OtherAddendsAddedBackComeInTheAccumulator) {
  auto code = lower(R"((module (memory 1) (func (param i32 f64)
    (f64.store (local.get 0) (f64.add (f64.sqrt (local.get 1)) (f64.load (local.get 0)))))))");
  // [F64SqrtToAcc][-][1], [F64AddRmwAccA][-][address=0][offset=0], [Ret].
  ASSERT_EQ(code.size(), 8u);
  EXPECT_EQ(code[0].handler, handler(InternalOp::F64SqrtToAcc));
  EXPECT_EQ(code[3].handler, handler(InternalOp::F64AddRmwAccA));
  EXPECT_EQ(code[5].u, 0u);
}

TEST(InterpLower, TeedProductIsNotFusedAway) {
  auto code = lower(R"((module (memory 1) (func (param i32 f64) (local f64)
    (f64.store (local.get 0) (f64.add (local.tee 2 (f64.mul (local.get 1) (local.get 1))) (f64.load (local.get 0)))))))");
  // The product must still reach local 2: [F64Mul][2][1][1], [F64AddRmw][2][0][0], [Ret].
  ASSERT_EQ(code.size(), 9u);
  EXPECT_EQ(code[0].handler, handler(ir::Opcode::F64Mul));
  EXPECT_EQ(code[1].u, 2u);
  EXPECT_EQ(code[4].handler, handler(InternalOp::F64AddRmw));
  EXPECT_EQ(code[5].u, 2u);
}

TEST(InterpLower, TeedLoadWritesItsLocalAndTheAccumulator) {
  auto code = lower(R"((module (memory 1) (func (param i32) (result i32) (local i32)
    (i32.add (local.tee 1 (i32.load8_s (local.get 0))) (i32.const -9)))))");
  // [I32Load8SToSlotAcc][1][0][0], [I32AddImmAccA][0][1][-9], [Ret].
  ASSERT_EQ(code.size(), 9u);
  EXPECT_EQ(code[0].handler, handler(InternalOp::I32Load8SToSlotAcc));
  EXPECT_EQ(code[1].u, 1u);
  EXPECT_EQ(code[4].handler, handler(InternalOp::I32AddImmAccA));
}

TEST(InterpLower, UpToFourMovesAndTwoStepsBeforeABranchMerge) {
  auto code = lower(R"((module (func (param i32 i32 i32 i32 i32 i32)
    (loop
      (local.set 0 (local.get 1)) (local.set 1 (local.get 2)) (local.set 2 (local.get 3))
      (local.set 3 (local.get 4)) (local.set 4 (local.get 0))
      (local.set 5 (i32.add (local.get 5) (i32.const 16)))
      (br_if 0 (i32.lt_s (local.tee 4 (i32.add (local.get 4) (i32.const 4))) (local.get 3)))))))");
  // [Move4][0][1][1][2][2][3][3][4], [Move64][4][0],
  // [I32AddImm2JumpIfI32LtS][5][5][16][4][4][4][4][3][rel], [Ret].
  ASSERT_EQ(code.size(), 23u);
  EXPECT_EQ(code[0].handler, handler(InternalOp::Move4));
  EXPECT_EQ(code[9].handler, handler(InternalOp::Move64));
  EXPECT_EQ(code[12].handler, handler(InternalOp::I32AddImm2JumpIfI32LtS));
  EXPECT_EQ(code[21].s, -12);
  EXPECT_EQ(code[22].handler, handler(InternalOp::Ret));
}

TEST(InterpLower, MovesBeforeABackEdgeMergeWithIt) {
  auto code = lower(R"((module (func (param i32 i32 i32)
    (loop $l (local.set 0 (local.get 1)) (local.set 1 (local.get 2)) (br $l)))))");
  // [Move2Jump][0][1][1][2][rel back to itself], [Ret].
  ASSERT_EQ(code.size(), 7u);
  EXPECT_EQ(code[0].handler, handler(InternalOp::Move2Jump));
  EXPECT_EQ(code[4].u, 2u);
  EXPECT_EQ(code[5].s, 0);
}

TEST(InterpLower, ThreeStepsBeforeABranchMerge) {
  auto code = lower(R"((module (func (param i32 i32 i32)
    (loop
      (local.set 0 (i32.add (local.get 0) (i32.const 8)))
      (local.set 1 (i32.add (local.get 1) (i32.const 8)))
      (br_if 0 (i32.ne (local.tee 2 (i32.add (local.get 2) (i32.const 1))) (i32.const 100)))))))");
  // [I32AddImm3JumpIfI32NeImm][0][0][8][1][1][8][2][2][1][2][100][rel], [Ret].
  ASSERT_EQ(code.size(), 14u);
  EXPECT_EQ(code[0].handler, handler(InternalOp::I32AddImm3JumpIfI32NeImm));
  EXPECT_EQ(code[11].u, 100u);
  EXPECT_EQ(code[12].s, 0);
}

TEST(InterpLower, AddBeforeAJumpAndTableIndexPlusConstantMerge) {
  auto code = lower(R"((module (func (param i32 i32)
    (loop $l (local.set 0 (i32.add (local.get 0) (local.get 1))) (br $l)))))");
  // [I32AddJump][dst=0][a=0][b=1][rel back to itself].
  ASSERT_GE(code.size(), 5u);
  EXPECT_EQ(code[0].handler, handler(InternalOp::I32AddJump));
  EXPECT_EQ(code[4].s, 0);
  auto table = lower(R"((module (func (param i32) (result i32)
    (block (br_table 0 0 (i32.add (local.get 0) (i32.const -3)))) (i32.const 1))))");
  // [JumpTableAddImm][a=0][imm=-3][last=1][rel][rel]...
  ASSERT_GE(table.size(), 6u);
  EXPECT_EQ(table[0].handler, handler(InternalOp::JumpTableAddImm));
  EXPECT_EQ(table[1].u, 0u);
  EXPECT_EQ(table[2].u, 0xFFFFFFFDu);
  EXPECT_EQ(table[3].u, 1u);
}

TEST(InterpLower, ByteComparedWithAConstantJoinsTheBranch) {
  auto code = lower(R"((module (memory 1) (func (param i32) (result i32) (local i32)
    (block (br_if 0 (i32.eq (local.tee 1 (i32.load8_u offset=2 (local.get 0))) (i32.const 92)))) (local.get 1))))");
  // [JumpIfLoad8UEqImm][dst=1][address=0][offset=2][imm=92][rel], [Move64]..., [Ret].
  ASSERT_GE(code.size(), 6u);
  EXPECT_EQ(code[0].handler, handler(InternalOp::JumpIfLoad8UEqImm));
  EXPECT_EQ(code[1].u, 1u);
  EXPECT_EQ(code[2].u, 0u);
  EXPECT_EQ(code[3].u, 2u);
  EXPECT_EQ(code[4].u, 92u);
}

TEST(InterpLower, SimdUpdateInPlaceIsOneInstruction) {
  // y[i] = x * a + y[i] (saxpy), the result also kept in a local:
  // [F32x4MulAddLoadStore][dst=4][x=2][a=0][address=6][offset=16], [Ret].
  auto code = lower(R"((module (memory 1) (func (param v128 v128 i32) (local v128)
    (v128.store offset=16 (local.get 2)
      (local.tee 3 (f32x4.add (f32x4.mul (local.get 1) (local.get 0)) (v128.load offset=16 (local.get 2))))))))");
  ASSERT_EQ(code.size(), 7u);
  EXPECT_EQ(code[0].handler, handler(InternalOp::F32x4MulAddLoadStore));
  EXPECT_EQ(code[1].u, 5u);
  EXPECT_EQ(code[2].u, 2u);
  EXPECT_EQ(code[3].u, 0u);
  EXPECT_EQ(code[4].u, 4u);
  EXPECT_EQ(code[5].u, 16u);
  // Stored at another offset: the load stays the operation's, the store its own.
  auto other = lower(R"((module (memory 1) (func (param v128 i32)
    (v128.store offset=32 (local.get 1) (i8x16.add (local.get 0) (v128.load offset=16 (local.get 1)))))))");
  ASSERT_FALSE(other.empty());
  EXPECT_EQ(other[0].handler, handler(InternalOp::I8x16AddLoad));
  EXPECT_EQ(other[5].handler, handler(ir::Opcode::V128Store));
}

TEST(InterpLower, SimdLoadOperandAndMultiplyAddFuse) {
  auto code = lower(R"((module (memory 1) (func (param i32 v128 v128) (result v128)
    (f32x4.add (local.get 1) (f32x4.mul (local.get 2) (v128.load (i32.add (local.get 0) (local.get 0))))))))");
  // The load folds into the multiply ([F32x4MulLoadAdd]...), which is not a
  // plain multiply, so the add stays; a plain multiply then add fuses:
  ASSERT_FALSE(code.empty());
  EXPECT_EQ(code[0].handler, handler(InternalOp::F32x4MulLoadAdd));
  auto fused = lower(R"((module (func (param v128 v128 v128) (result v128)
    (f32x4.add (local.get 0) (f32x4.mul (local.get 1) (local.get 2))))))");
  ASSERT_GE(fused.size(), 5u);
  EXPECT_EQ(fused[0].handler, handler(InternalOp::F32x4MulAdd));
  EXPECT_EQ(fused[2].u, 0u);
  EXPECT_EQ(fused[3].u, 2u);
  EXPECT_EQ(fused[4].u, 4u);
}

}  // namespace
}  // namespace wasmcap::interp
