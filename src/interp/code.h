// The interpreter's internal code: what lowering produces and the dispatch
// loop runs.
//
// Register style: every value a function touches lives in a fixed 8-byte slot
// of its frame (params, then declared locals, then one slot per operand-stack
// position; a v128 takes two). An instruction is a handler address followed by
// its operand cells: result slot first (if any), then operand slots in stack
// order (bottom first), then immediates. Branch targets are cell offsets
// relative to the start of the branching instruction, so code is position
// independent.
//
// Slots are kept canonical: an i32/f32 is stored zero-extended to 64 bits, a
// reference as its pointer value.
#pragma once
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "ir/module.h"
#include "ir/opcode.h"
#include "runtime/executor.h"
#include "runtime/value.h"

namespace wasmcap::interp {

union Cell {
  const void* handler;
  const void* ptr;  // a resolved operand, e.g. the callee of CallDirect
  uint64_t u;
  int64_t s;
};
static_assert(sizeof(Cell) == 8);

using Slot = uint64_t;

// Handlers that have no wasm opcode of their own; numbered after ir::Opcode.
//   Move64, Move128        [dst][src]
//   Const64                [dst][bits]        Const128 [dst][lo][hi]
//   Jump                   [rel]
//   JumpIf, JumpUnless     [cond][rel]        (taken when the i32 is non-zero / zero)
//   JumpTable              [index][count][rel 0]..[rel count-1][rel default]
//   Ret                    results already moved to slots 0..
//   Select64, Select128    [dst][a][b][cond]
//   GlobalGet64/128        [dst][global]      GlobalSet64/128 [global][src]
//   Exit                   leaves the dispatch loop (return address of an entry frame)
//   CallDirect             [callee CompiledFunction*][arg slot]: a function of the same module
//   UseMemory              [memory]: loads and stores address that memory
//                          until UseMemory0 (multi-memory; see lowerOtherMemoryAccess)
//   CheckAddress64         [address][offset][bytes][memory]: traps unless the
//                          access lies inside the (64-bit) memory
//   MemoryGrow64, MemoryFill64, MemoryInit64, MemoryCopy64: the bulk
//                          instructions with 64-bit operands (memory64),
//                          cells as their wasm forms'; MemoryCopy64 adds the
//                          masks of its three operands (all ones for an i64)
//   Narrow64               [dst][src]: min(src, 2^32-1), an i64 table index
//                          or count for the 32-bit table handlers (table64)
//   WidenFailure64         [slot]: a 32-bit -1 (table.grow failing) becomes
//                          the i64 -1
//   ReturnCallDirect       [callee CompiledFunction*][arg slot][param slots][result slots]:
//                          return_call to a function of the same module (the
//                          wasm ReturnCall [func index][arg slot][param slots]
//                          [result slots] is the one to an import;
//                          ReturnCallIndirect [type][table][arg slot][index]
//                          [param slots][result slots])
//   JumpIfI32LtS, ...      [a][b][rel]: an integer comparison fused with the
//                          conditional jump that consumes it
//   JumpIfAcc, ..., JumpIfI32LtSAccA, ...: the same with the condition or
//                          operand a / b in the accumulator (AccMode below)
//   I32LoadAdd, ...        [dst][a][b][offset]: a load whose i32 address is
//                          a + b (wrapping), fused with the i32.add computing it;
//                          name##AddImm takes b as an immediate
//   I32StoreAdd, ...       [a][b][value][offset]: likewise for stores
//   I32LoadAbs, ...        [dst][address]: a constant address, the offset
//                          already added; I32StoreAbs, ... [value][address]
//   V128LoadAdd, ...       the same forms for v128.load and v128.store
//   Move2                  [dst1][src1][dst2][src2]: two Move64 in order
//                          (Move3, Move4: three, four); Move64Jump ..
//                          Move4Jump: those moves then a Jump, [rel] last,
//                          counted from the start
//   I32AddImm2             [dst1][a1][imm1][dst2][a2][imm2]: two I32AddImm in
//                          order (pointer and counter steps into locals);
//                          I32AddImm3: three
//   I32AddImmJump, I32AddImmJumpIf, I32AddImmJumpIfI32LtS, ...
//                          [dst][a][imm] then the jump's cells, its offset
//                          relative to the start: a loop step and the jump
//                          that follows it; I32AddImm2Jump, ... likewise
//                          after an I32AddImm2 (I32AddImm3); I32AddJump, ... likewise
//                          after a plain i32.add [dst][a][b]
//   JumpIfLoad8UEqImm, JumpIfLoad8UNeImm [dst][address][offset][imm][rel]:
//                          an i32.load8_u (its byte also written to dst)
//                          compared with a constant and branched on;
//                          JumpIfLoad8UAdd... [dst][a][b][offset][imm][rel]
//                          at the address a + b; JumpIfLoad8UEq, ... the
//                          same with [other] a slot instead of [imm]
//   JumpTableAddImm        [a][imm][count][rel 0]..: JumpTable whose index
//                          is a + imm (an i32.add of a constant); ##Acc with
//                          a in the accumulator; JumpTableLoad8SAddImm
//                          [dst][address][offset][imm][count][rel 0]..:
//                          a i32.load8_s (kept in dst) plus imm (8U: load8_u)
//   JumpTableAcc           JumpTable with the index in the accumulator
//   CheckFuel              [cost]: the resource check at function entry and
//                          at every loop header (a loop's label is its check)
//                          when compiled with CodeOptions::consumeFuel: takes
//                          cost from Store::fuel, or traps OutOfFuel (cost:
//                          the wasm instructions of the region it guards, see
//                          docs/architecture.md)
//   CheckInterrupt         the same place with CodeOptions::interruptible:
//                          traps Interrupted if the store's InterruptState is set
//   CheckFuelInterrupt     [cost]: both, the interruption first
//   CallDirectFuel, CallDirectInterrupt, CallDirectFuelInterrupt: CallDirect
//                          in code compiled with those checks; it runs the
//                          callee's entry check itself and enters past it,
//                          saving a dispatch per call
#define WASMCAP_INTERNAL_OPS(X) \
  X(Move64) X(Move128) X(Const64) X(Const128) X(Jump) X(JumpIf) X(JumpUnless) X(JumpTable) X(Ret) \
  X(Select64) X(Select128) X(GlobalGet64) X(GlobalGet128) X(GlobalSet64) X(GlobalSet128) X(Exit) \
  X(CallDirect) X(Move2) X(Move3) X(Move4) X(Move64Jump) X(Move2Jump) X(Move3Jump) X(Move4Jump) X(I32AddImm2) X(JumpIfAcc) X(JumpUnlessAcc) X(JumpTableAcc) \
  X(V128LoadAdd) X(V128LoadAddImm) X(V128LoadAbs) X(V128StoreAdd) X(V128StoreAddImm) X(V128StoreAbs) \
  WASMCAP_LOAD_OPERAND_BINOPS(WASMCAP_LOAD_OPERAND_NAMES, X) X(F64AddRmw) X(F64AddRmwAbs) \
  X(F64AddRmwAccA) X(F64AddRmwAbsAccA) X(F64AddRmwAccB) X(F64SubRmwAccB) X(F64MulRmw) X(F64MulRmwAccA) X(F64MulLoadRmw) X(F64MulLoadAddImmRmw) \
  WASMCAP_SIMD_LOAD_OPERAND_BINOPS(WASMCAP_SIMD_LOAD_OPERAND_NAMES, X) \
  WASMCAP_SIMD_MUL_ADDS(WASMCAP_SIMD_MUL_ADD_NAME, X) \
  WASMCAP_SHIFTED_OPERAND_BINOPS(WASMCAP_SHIFTED_OPERAND_NAMES, X) \
  X(I32AddImmJump) X(I32AddImmJumpIf) X(I32AddImmJumpUnless) \
  WASMCAP_COMPARE_JUMPS(WASMCAP_ADD_IMM_COMPARE_JUMP_NAMES, X) \
  X(I32AddImm2Jump) X(I32AddImm2JumpIf) X(I32AddImm2JumpUnless) \
  WASMCAP_COMPARE_JUMPS(WASMCAP_ADD_IMM2_COMPARE_JUMP_NAMES, X) \
  X(I32AddImm3) X(I32AddImm3Jump) X(I32AddImm3JumpIf) X(I32AddImm3JumpUnless) \
  WASMCAP_COMPARE_JUMPS(WASMCAP_ADD_IMM3_COMPARE_JUMP_NAMES, X) \
  X(I32AddJump) X(I32AddJumpIf) X(I32AddJumpUnless) \
  WASMCAP_COMPARE_JUMPS(WASMCAP_ADD_COMPARE_JUMP_NAMES, X) \
  X(JumpTableAddImm) X(JumpTableAddImmAcc) X(JumpTableLoad8SAddImm) X(JumpTableLoad8UAddImm) \
  X(JumpIfLoad8UEqImm) X(JumpIfLoad8UNeImm) X(JumpIfLoad8UAddEqImm) X(JumpIfLoad8UAddNeImm) \
  X(JumpIfLoad8UEq) X(JumpIfLoad8UNe) X(JumpIfLoad8UAddEq) X(JumpIfLoad8UAddNe) \
  WASMCAP_COMPARE_JUMPS(WASMCAP_COMPARE_JUMP_NAME, X) \
  WASMCAP_COMPARE_JUMPS(WASMCAP_COMPARE_JUMP_IMM_NAME, X) \
  WASMCAP_COMPARE_JUMPS(WASMCAP_COMPARE_JUMP_ACC_NAMES, X) \
  WASMCAP_FLOAT_COMPARE_JUMPS(WASMCAP_FLOAT_COMPARE_JUMP_NAMES, X) \
  WASMCAP_FLOAT_COMPARE_JUMPS(WASMCAP_FLOAT_COMPARE_JUMP_ACC_NAMES, X) \
  WASMCAP_IMM_BINOPS(WASMCAP_IMM_NAME, X) \
  WASMCAP_RIMM_BINOPS(WASMCAP_RIMM_NAME, X) \
  WASMCAP_IMM_BINOPS(WASMCAP_IMM_ACC_NAMES, X) \
  WASMCAP_RIMM_BINOPS(WASMCAP_RIMM_ACC_NAMES, X) \
  WASMCAP_PLAIN_LOADS(WASMCAP_LOAD_ACC_NAMES, X) \
  WASMCAP_PLAIN_STORES(WASMCAP_STORE_ACC_NAMES, X) \
  WASMCAP_PLAIN_STORES(WASMCAP_STORE_IMM_NAME, X) \
  WASMCAP_ADDRESSED_ACCESSES(WASMCAP_ADDRESS_ADD_NAME, X) \
  X(CheckFuel) X(CheckInterrupt) X(CheckFuelInterrupt) \
  X(CallDirectFuel) X(CallDirectInterrupt) X(CallDirectFuelInterrupt) \
  X(ReturnCallDirect) X(UseMemory) X(UseMemory0) X(CheckAddress64) \
  X(MemoryGrow64) X(MemoryFill64) X(MemoryInit64) X(MemoryCopy64) X(Narrow64) X(WidenFailure64)

// Plain memory accesses (memory 0, i32 address) that fuse with the i32.add
// computing their address.
#define WASMCAP_ADDRESSED_ACCESSES(A, X) WASMCAP_PLAIN_LOADS(A, X) WASMCAP_PLAIN_STORES(A, X)
#define WASMCAP_PLAIN_LOADS(A, X)                                                                  \
  A(X, I32Load) A(X, I64Load) A(X, F32Load) A(X, F64Load) A(X, I32Load8S) A(X, I32Load8U)          \
  A(X, I32Load16S) A(X, I32Load16U) A(X, I64Load8S) A(X, I64Load8U) A(X, I64Load16S)               \
  A(X, I64Load16U) A(X, I64Load32S) A(X, I64Load32U)
#define WASMCAP_PLAIN_STORES(A, X)                                                                 \
  A(X, I32Store) A(X, I64Store) A(X, F32Store) A(X, F64Store) A(X, I32Store8) A(X, I32Store16)     \
  A(X, I64Store8) A(X, I64Store16) A(X, I64Store32)
#define WASMCAP_ADDRESS_ADD_NAME(X, name) X(name##Add) X(name##AddImm) X(name##Abs)

// f64 operations whose operand b is a plain f64.load done by the instruction
// itself: name##Load [dst][a][address][offset], name##LoadAddImm
// [dst][a][address a][imm][offset], name##LoadAbs [dst][a][address]; each
// also ##ToAcc (the result in the accumulator).
#define WASMCAP_LOAD_OPERAND_BINOPS(B, X) B(X, F64Add) B(X, F64Sub) B(X, F64Mul)
// SIMD operations whose operand b is a plain v128.load done by the
// instruction itself: name##Load [dst][a][address][offset], name##LoadAdd
// [dst][a][x][y][offset] (the address the i32 sum x + y).
#define WASMCAP_SIMD_LOAD_OPERAND_BINOPS(B, X) \
  B(X, F32x4Add) B(X, F32x4Sub) B(X, F32x4Mul) B(X, I16x8Add) B(X, I16x8Mul) B(X, I32x4Add) B(X, I8x16Add)
#define WASMCAP_SIMD_LOAD_OPERAND_NAMES(X, name) X(name##Load) X(name##LoadAdd) X(name##LoadStore)
// name##LoadStore: name##Load that also stores its result back to the
// address it loaded from (y[i] = a op y[i]).
// A multiply whose product the next instruction adds to another vector:
// M(X, fused, mul, add), fused [dst][a][x][y] computing a + x * y with the
// two operations' own rounding; fused##Load [dst][x][y][address][offset]
// computing x * y + a loaded vector, fused##LoadStore also storing it back.
#define WASMCAP_SIMD_MUL_ADDS(M, X) \
  M(X, F32x4MulAdd, F32x4Mul, F32x4Add) M(X, I16x8MulAdd, I16x8Mul, I16x8Add) M(X, I32x4MulAdd, I32x4Mul, I32x4Add)
#define WASMCAP_SIMD_MUL_ADD_NAME(X, fused, mul, add) X(fused) X(fused##Load) X(fused##LoadStore)
// An operation whose operand b is a shift or rotation by a constant computed
// right before it (hash and SHA-2 mixing, base + i * 4 array addressing):
// S(X, fused, op, shift), fused [dst][a][x][imm] computing
// a op (x shift imm), with the accumulator variants of a numeric op (AccA: a,
// AccB: x in the accumulator).
#define WASMCAP_SHIFTED_OPERAND_BINOPS(S, X)                                                            \
  S(X, I32XorRotlImm, I32Xor, I32Rotl) S(X, I32XorShrUImm, I32Xor, I32ShrU)                             \
  S(X, I64XorRotlImm, I64Xor, I64Rotl) S(X, I64XorShrUImm, I64Xor, I64ShrU)                             \
  S(X, I32AddShlImm, I32Add, I32Shl) S(X, I64AddShlImm, I64Add, I64Shl)
#define WASMCAP_SHIFTED_OPERAND_NAMES(X, name, op, shift) \
  X(name) X(name##AccA) X(name##AccB) X(name##ToAcc) X(name##AccAToAcc) X(name##AccBToAcc)
// F64AddRmw [a][address][offset], F64AddRmwAbs [a][address]: an F64AddLoad
// whose sum is stored back where it was loaded from (x[i] += a); ##AccA
// with a in the accumulator (cell a unused). F64AddRmwAccB, F64SubRmwAccB
// [address][offset]: x[i] = x[i] + e, x[i] - e, e in the accumulator. A multiply computing a fused
// in (x[i] += y * z, the product rounded, then the sum): F64MulRmw[AccA]
// [y][z][address][offset], F64MulLoadRmw [y][z address][z offset][address]
// [offset], F64MulLoadAddImmRmw [y][z address][z imm][z offset][address][offset].
#define WASMCAP_LOAD_OPERAND_NAMES(X, name)                                                          \
  X(name##Load) X(name##LoadAddImm) X(name##LoadAbs) X(name##LoadToAcc) X(name##LoadAddImmToAcc)     \
  X(name##LoadAbsToAcc)

// The fusable comparisons: C(suffix, operand type, C++ operator, inverse suffix).
#define WASMCAP_COMPARE_JUMPS(C, X)                                                               \
  C(X, I32Eq, uint32_t, ==, I32Ne) C(X, I32Ne, uint32_t, !=, I32Eq) C(X, I32LtS, int32_t, <, I32GeS) \
  C(X, I32LtU, uint32_t, <, I32GeU) C(X, I32GtS, int32_t, >, I32LeS) C(X, I32GtU, uint32_t, >, I32LeU) \
  C(X, I32LeS, int32_t, <=, I32GtS) C(X, I32LeU, uint32_t, <=, I32GtU) C(X, I32GeS, int32_t, >=, I32LtS) \
  C(X, I32GeU, uint32_t, >=, I32LtU) C(X, I64Eq, uint64_t, ==, I64Ne) C(X, I64Ne, uint64_t, !=, I64Eq) \
  C(X, I64LtS, int64_t, <, I64GeS) C(X, I64LtU, uint64_t, <, I64GeU) C(X, I64GtS, int64_t, >, I64LeS) \
  C(X, I64GtU, uint64_t, >, I64LeU) C(X, I64LeS, int64_t, <=, I64GtS) C(X, I64LeU, uint64_t, <=, I64GtU) \
  C(X, I64GeS, int64_t, >=, I64LtS) C(X, I64GeU, uint64_t, >=, I64LtU)
#define WASMCAP_COMPARE_JUMP_NAME(X, name, T, op, inverse) X(JumpIf##name)
#define WASMCAP_COMPARE_JUMP_IMM_NAME(X, name, T, op, inverse) X(JumpIf##name##Imm)
#define WASMCAP_ADD_IMM_COMPARE_JUMP_NAMES(X, name, T, op, inverse) \
  X(I32AddImmJumpIf##name) X(I32AddImmJumpIf##name##Imm)
#define WASMCAP_ADD_IMM2_COMPARE_JUMP_NAMES(X, name, T, op, inverse) \
  X(I32AddImm2JumpIf##name) X(I32AddImm2JumpIf##name##Imm)
#define WASMCAP_ADD_IMM3_COMPARE_JUMP_NAMES(X, name, T, op, inverse) \
  X(I32AddImm3JumpIf##name) X(I32AddImm3JumpIf##name##Imm)
#define WASMCAP_ADD_COMPARE_JUMP_NAMES(X, name, T, op, inverse) \
  X(I32AddJumpIf##name) X(I32AddJumpIf##name##Imm)
#define WASMCAP_COMPARE_JUMP_ACC_NAMES(X, name, T, op, inverse) \
  X(JumpIf##name##AccA) X(JumpIf##name##AccB) X(JumpIf##name##ImmAccA)

// Float comparisons fuse with branches too, but a false float comparison is
// not the inverse comparison (NaN), so each has a JumpIf and a JumpUnless
// form, each also with an immediate second operand:
// C(suffix, float type, C++ operator).
#define WASMCAP_FLOAT_COMPARE_JUMPS(C, X)                                                          \
  C(X, F32Eq, float, ==) C(X, F32Ne, float, !=) C(X, F32Lt, float, <) C(X, F32Gt, float, >)          \
  C(X, F32Le, float, <=) C(X, F32Ge, float, >=) C(X, F64Eq, double, ==) C(X, F64Ne, double, !=)      \
  C(X, F64Lt, double, <) C(X, F64Gt, double, >) C(X, F64Le, double, <=) C(X, F64Ge, double, >=)
#define WASMCAP_FLOAT_COMPARE_JUMP_NAMES(X, name, T, op) \
  X(JumpIf##name) X(JumpUnless##name) X(JumpIf##name##Imm) X(JumpUnless##name##Imm)
#define WASMCAP_FLOAT_COMPARE_JUMP_ACC_NAMES(X, name, T, op)                                   \
  X(JumpIf##name##AccA) X(JumpIf##name##AccB) X(JumpUnless##name##AccA) X(JumpUnless##name##AccB) \
  X(JumpIf##name##ImmAccA) X(JumpUnless##name##ImmAccA)

// Integer and float operations also lowered with a constant second operand, as
// name##Imm [dst][a][imm] (the comparisons then fuse into JumpIf##name##Imm
// [a][imm][rel]).
#define WASMCAP_IMM_BINOPS(B, X)                                                                   \
  B(X, I32Add) B(X, I32Sub) B(X, I32Mul) B(X, I32And) B(X, I32Or) B(X, I32Xor) B(X, I32Shl)          \
  B(X, I32ShrS) B(X, I32ShrU) B(X, I32Rotl) B(X, I32Rotr) B(X, I32Eq) B(X, I32Ne) B(X, I32LtS) B(X, I32LtU) B(X, I32GtS)         \
  B(X, I32GtU) B(X, I32LeS) B(X, I32LeU) B(X, I32GeS) B(X, I32GeU) B(X, I64Add) B(X, I64Sub)         \
  B(X, I64Mul) B(X, I64And) B(X, I64Or) B(X, I64Xor) B(X, I64Shl) B(X, I64ShrS) B(X, I64ShrU)        \
  B(X, I64Rotl) B(X, I64Rotr)                                                                      \
  B(X, I64Eq) B(X, I64Ne) B(X, I64LtS) B(X, I64LtU) B(X, I64GtS) B(X, I64GtU) B(X, I64LeS)          \
  B(X, I64LeU) B(X, I64GeS) B(X, I64GeU) B(X, F32Add) B(X, F32Sub) B(X, F32Mul) B(X, F32Div)         \
  B(X, F32Eq) B(X, F32Ne) B(X, F32Lt) B(X, F32Gt) B(X, F32Le) B(X, F32Ge) B(X, F64Add) B(X, F64Sub)  \
  B(X, F64Mul) B(X, F64Div) B(X, F64Eq) B(X, F64Ne) B(X, F64Lt) B(X, F64Gt) B(X, F64Le) B(X, F64Ge)
#define WASMCAP_IMM_NAME(X, name) X(name##Imm)
// Non-commutative operations also lowered with a constant first operand, as
// name##RImm [dst][b][imm] computing imm op b.
#define WASMCAP_RIMM_BINOPS(B, X)                                                                  \
  B(X, I32Sub) B(X, I64Sub) B(X, I32Shl) B(X, I64Shl) B(X, F32Sub) B(X, F32Div) B(X, F64Sub)        \
  B(X, F64Div)
#define WASMCAP_RIMM_NAME(X, name) X(name##RImm)
// Accumulator variants (AccMode below) of the immediate forms, loads and stores.
#define WASMCAP_IMM_ACC_NAMES(X, name) X(name##ImmAccA) X(name##ImmToAcc) X(name##ImmAccAToAcc)
#define WASMCAP_RIMM_ACC_NAMES(X, name) X(name##RImmAccA) X(name##RImmToAcc) X(name##RImmAccAToAcc)
#define WASMCAP_LOAD_ACC_NAMES(X, name)                                                       \
  X(name##ToAcc) X(name##AddToAcc) X(name##AddImmToAcc) X(name##AbsToAcc) X(name##ToSlotAcc)   \
  X(name##AddToSlotAcc) X(name##AddImmToSlotAcc) X(name##AbsToSlotAcc)
#define WASMCAP_STORE_ACC_NAMES(X, name) X(name##AccV) X(name##AbsAccV)
// A plain store of a constant: name##Imm [address][value][offset], the value
// an immediate.
#define WASMCAP_STORE_IMM_NAME(X, name) X(name##Imm)

// The accumulator: a value consumed by the very next instruction can skip
// its frame slot and stay in a register of the dispatch loop (`acc`), so a
// chain of dependent operations does not wait on a store and reload for each
// link. The layouts are unchanged (the unused dst or operand cell stays), so
// lowering can switch an instruction to a variant, or back, by its handler
// alone. Each scalar numeric op X has variants X##AccA / X##AccB (operand a /
// b read from the accumulator), X##ToAcc (result written to it),
// X##AccAToAcc and X##AccBToAcc; each X##Imm has X##ImmAccA, X##ImmToAcc and
// X##ImmAccAToAcc (X##RImm likewise). Plain loads L (memory 0) have L##ToAcc, L##AddToAcc,
// L##AddImmToAcc and L##AbsToAcc; plain stores S have S##AccV and S##AbsAccV
// (the stored value from the accumulator, for AccMode kAccB). Loads also have
// L##ToSlotAcc, ... (kToSlotAndAcc): the value goes to its slot, a local it
// was tee'd into, and to the accumulator for the next instruction.
enum AccMode : unsigned { kAccA = 1, kAccB = 2, kToAcc = 4, kToSlotAndAcc = 8 };
#define WASMCAP_ACC_VARIANT_COUNT 5
#define WASMCAP_ACC_IMM_VARIANT_COUNT 3

enum class InternalOp : uint16_t {
  First_ = static_cast<uint16_t>(ir::Opcode::Count_) - 1,
#define WASMCAP_X(name) name,
  WASMCAP_INTERNAL_OPS(WASMCAP_X)
#undef WASMCAP_X
// (numeric_ops.inc cannot be expanded inside WASMCAP_INTERNAL_OPS)
#define NUMERIC_OP(name) name##AccA, name##AccB, name##ToAcc, name##AccAToAcc, name##AccBToAcc,
#include "interp/numeric_ops.inc"
#undef NUMERIC_OP
  Count_
};

// The name of handler `index` (an opcode's text name, or an internal
// instruction's enum name), for profiles and dumps.
std::string handlerName(size_t index);
constexpr size_t kHandlerCount = static_cast<size_t>(InternalOp::Count_);

constexpr size_t handlerIndex(ir::Opcode op) { return static_cast<size_t>(op); }
constexpr size_t handlerIndex(InternalOp op) { return static_cast<size_t>(op); }

// A try_table's body [start, end) (cells) and its catch clauses: an
// exception thrown there, or by a call made there, that a clause matches
// has its values written from slot `dest` on (the exnref after them for the
// _ref clauses) and continues at the clause's landing pad, the branch to
// the clause's label.
struct CatchClause {
  uint8_t kind = 0;    // binary::Catch::Kind: 0 catch, 1 catch_ref, 2 catch_all, 3 catch_all_ref
  uint32_t tag = 0;    // the module's tag index (catch, catch_ref)
  uint32_t pad = 0;    // cell of the landing pad
};
struct TryRegion {
  uint32_t start = 0, end = 0;
  uint32_t dest = 0;
  std::vector<CatchClause> clauses;
};

// One lowered function.
struct CompiledFunction {
  std::vector<Cell> code;
  uint32_t funcIndex = 0;
  uint32_t paramSlots = 0;
  uint32_t localSlots = 0;   // declared locals (zeroed on entry)
  uint32_t resultSlots = 0;
  uint32_t frameSlots = 0;   // params + locals + deepest operand stack
  const ir::FuncType* type = nullptr;
  // CallDirect cells holding a function index until compile() resolves them.
  std::vector<size_t> directCalls;
  // The try_table bodies, innermost first (the first containing a cell is
  // the innermost there).
  std::vector<TryRegion> tryRegions;
  // (first cell, module byte offset) of each lowered instruction, ascending.
  std::vector<std::pair<uint32_t, uint32_t>> offsets;

  // The module byte offset of the instruction containing `pc` (0 if unknown).
  uint64_t wasmOffset(const Cell* pc) const;
};

class ModuleCode final : public runtime::CompiledCode {
 public:
  const void* function(uint32_t definedIndex) const override { return funcs[definedIndex].get(); }
  std::vector<std::unique_ptr<CompiledFunction>> funcs;
};

// ---- slot access ----------------------------------------------------------
inline uint32_t readI32(const Slot* fp, uint64_t slot) { return static_cast<uint32_t>(fp[slot]); }
inline uint64_t readI64(const Slot* fp, uint64_t slot) { return fp[slot]; }
inline runtime::V128 readV128(const Slot* fp, uint64_t slot) {
  runtime::V128 v;
  std::memcpy(v.bytes, fp + slot, 16);
  return v;
}
inline runtime::Ref readRef(const Slot* fp, uint64_t slot) { return reinterpret_cast<runtime::Ref>(fp[slot]); }

inline void writeSlot(Slot* fp, uint64_t slot, uint32_t v) { fp[slot] = v; }
inline void writeSlot(Slot* fp, uint64_t slot, uint64_t v) { fp[slot] = v; }
inline void writeSlot(Slot* fp, uint64_t slot, const runtime::V128& v) { std::memcpy(fp + slot, v.bytes, 16); }
inline void writeRef(Slot* fp, uint64_t slot, runtime::Ref r) { fp[slot] = reinterpret_cast<uintptr_t>(r); }

// Values <-> slots, by type (host calls and the embedder boundary).
void valueToSlots(const runtime::Value& v, Slot* dst);
runtime::Value slotsToValue(ir::ValType t, const Slot* src);

}  // namespace wasmcap::interp
