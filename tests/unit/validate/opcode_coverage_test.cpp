// Every instruction of the opcode table has a validation rule: placed between
// two `unreachable`s (so its operands and results are polymorphic) in a module
// where each index immediate 0 exists, each one validates.
#include <gtest/gtest.h>

#include "ir/opcode.h"
#include "module_builder.h"

namespace wasmcap::validate::testing {
namespace {

using ir::Imm;

void appendU32(Bytes& out, uint32_t v) {
  do {
    uint8_t byte = v & 0x7F;
    v >>= 7;
    out.push_back(v ? (byte | 0x80) : byte);
  } while (v);
}

// Immediates of the given kind, all naming index 0 (or lane 0, or i32
// types); a memarg has the natural alignment (which atomics require exactly).
Bytes zeroImmediates(const ir::OpInfo& info) {
  switch (info.imm) {
    case Imm::None: return {};
    case Imm::Block: return {0x40};
    case Imm::TryTable: return {0x40, 0x00};  // no catch clauses
    case Imm::BrTable: return {0x01, 0x00, 0x00};
    case Imm::CallIndirect: case Imm::MemoryInit: case Imm::MemoryCopy: case Imm::TableInit:
    case Imm::TableCopy: return {0x00, 0x00};
    case Imm::Memarg: return {info.alignLog2, 0x00};
    case Imm::MemargLane: return {0x00, 0x00, 0x00};
    case Imm::F32: return Bytes(4, 0);
    case Imm::F64: return Bytes(8, 0);
    case Imm::V128: case Imm::Shuffle: return Bytes(16, 0);
    case Imm::HeapType: return {0x70};
    case Imm::SelectT: return {0x01, 0x7F};
    default: return {0x00};  // one index, lane or integer immediate
  }
}

// `rich`: the module has a memory, table, global, elem and data segment 0,
// and a tag 0.
ir::Module moduleWith(const ir::OpInfo& info, bool rich = true) {
  ModuleBuilder b;
  uint32_t type0 = b.type({}, {});
  if (rich) {
    b.memory(1);
    b.table(FUNCREF, 1);
    b.global(I32, true, {0x41, 0x00, 0x0B});
    b.elemExprs(ir::SegmentMode::Passive, FUNCREF, {});
    b.dataPassive();
    b.dataCount(1);
  }
  Bytes body = {0x00};  // unreachable
  if (info.prefix) body.push_back(info.prefix);
  if (info.prefix) appendU32(body, info.code);
  else body.push_back(static_cast<uint8_t>(info.code));
  Bytes imm = zeroImmediates(info);
  body.insert(body.end(), imm.begin(), imm.end());
  if (info.imm == Imm::Block || info.imm == Imm::TryTable) body.push_back(0x0B);  // close the block it opened
  body.push_back(0x00);  // unreachable again: whatever it produced is dropped
  body.push_back(0x0B);
  // br_on_non_null's label (the function's) must carry a reference.
  uint32_t fnType = info.op == ir::Opcode::BrOnNonNull ? b.type({}, {FUNCREF}) : type0;
  uint32_t f = b.funcOfType(fnType, body, {I32});
  b.exportAs("f", ir::ExternKind::Func, f);  // declares it for ref.func 0
  ir::Module m = b.module();
  if (rich) m.tags.push_back(ir::TagType{type0});  // tag 0, for throw
  return m;
}

TEST(ValidateOpcodes, EveryInstructionHasARule) {
  int checked = 0;
  for (size_t i = 0; i < static_cast<size_t>(ir::Opcode::Count_); ++i) {
    const ir::OpInfo& info = ir::opInfo(static_cast<ir::Opcode>(i));
    if (info.op == ir::Opcode::Else || info.op == ir::Opcode::End) continue;  // structure, tested elsewhere
    Result<void> r = validateModule(moduleWith(info));
    EXPECT_TRUE(r.ok()) << info.name << ": " << (r.ok() ? "" : r.error().describe());
    ++checked;
  }
  EXPECT_GT(checked, 400);
}

// Without the entities the immediates name, instructions are rejected as
// invalid ("unknown memory 0", ...), never with another kind of error.
TEST(ValidateOpcodes, MissingEntitiesAreInvalid) {
  int rejected = 0;
  for (size_t i = 0; i < static_cast<size_t>(ir::Opcode::Count_); ++i) {
    const ir::OpInfo& info = ir::opInfo(static_cast<ir::Opcode>(i));
    if (info.op == ir::Opcode::Else || info.op == ir::Opcode::End) continue;
    Result<void> r = validateModule(moduleWith(info, /*rich=*/false));
    if (r.ok()) continue;
    ++rejected;
    EXPECT_EQ(r.error().code, ErrorCode::Invalid) << info.name << ": " << r.error().describe();
    EXPECT_EQ(r.error().message.rfind("unknown ", 0), 0u) << info.name << ": " << r.error().describe();
  }
  EXPECT_GT(rejected, 50);  // every memory, table, global, segment instruction
}

}  // namespace
}  // namespace wasmcap::validate::testing
