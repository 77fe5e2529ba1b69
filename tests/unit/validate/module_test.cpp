// Module-level rules: limits, memories, globals, constant expressions,
// segments, exports and the start function.
#include <gtest/gtest.h>

#include "module_builder.h"

namespace wasmcap::validate::testing {
namespace {

constexpr uint8_t END = 0x0B;
const Bytes kI32Zero = {0x41, 0x00, END};

TEST(ValidateModule, EmptyModule) { EXPECT_TRUE(isValid(ir::Module{})); }

TEST(ValidateModule, MemoryLimits) {
  ModuleBuilder ok;
  ok.memory(0, 65536);
  EXPECT_TRUE(isValid(ok.module()));
  ModuleBuilder big;
  big.memory(65537);
  EXPECT_TRUE(isInvalid(big.module(), "memory size must be at most 65536 pages (4GiB)"));
  ModuleBuilder bigMax;
  bigMax.memory(0, 65537);
  EXPECT_TRUE(isInvalid(bigMax.module(), "memory size must be at most 65536 pages (4GiB)"));
  ModuleBuilder inverted;
  inverted.memory(2, 1);
  EXPECT_TRUE(isInvalid(inverted.module(), "size minimum must not be greater than maximum"));
  ModuleBuilder tableInverted;
  tableInverted.table(FUNCREF, 10, 1);
  EXPECT_TRUE(isInvalid(tableInverted.module(), "size minimum must not be greater than maximum"));
}

TEST(ValidateModule, MultipleMemoriesNeedTheFeature) {
  ModuleBuilder b;
  b.importMemory(1);
  b.memory(0);
  Result<void> wasm2 = validateModule(b.module(), Features::wasm2());
  ASSERT_FALSE(wasm2.ok());
  EXPECT_EQ(wasm2.error().message.rfind("multiple memories", 0), 0u) << wasm2.error().message;
  Features f = Features::wasm2();
  f.multiMemory = true;
  EXPECT_TRUE(validateModule(b.module(), f).ok());
}

TEST(ValidateModule, MultiMemoryAllowsMemargIndices) {
  ModuleBuilder b;
  b.memory(1);
  b.memory(1);
  b.func({}, {ValType::i32()}, {0x41, 0x00, 0x28, 0x42, 0x01, 0x00, END});  // i32.load memory 1
  Features f = Features::wasm2();
  f.multiMemory = true;
  EXPECT_TRUE(validateModule(b.module(), f).ok());
  ModuleBuilder c;
  c.memory(1);
  c.memory(1);
  c.func({}, {ValType::i32()}, {0x41, 0x00, 0x28, 0x42, 0x02, 0x00, END});  // memory 2 does not exist
  Result<void> r = validateModule(c.module(), f);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message.rfind("unknown memory 2", 0), 0u) << r.error().message;
}

TEST(ValidateModule, GlobalInitializers) {
  ModuleBuilder b;
  uint32_t imported = b.importGlobal(I32, false);
  b.global(I32, false, {0x23, static_cast<uint8_t>(imported), END});
  b.global(I64, true, {0x42, 0x05, END});
  b.global(FUNCREF, false, {0xD0, 0x70, END});
  b.global(V128, false, {0xFD, 0x0C, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, END});
  EXPECT_TRUE(isValid(b.module()));

  ModuleBuilder wrongType;
  wrongType.global(I32, false, {0x42, 0x00, END});
  EXPECT_TRUE(isInvalid(wrongType.module(), "type mismatch"));
  ModuleBuilder empty;
  empty.global(I32, false, {END});
  EXPECT_TRUE(isInvalid(empty.module(), "type mismatch"));
  ModuleBuilder two;
  two.global(I32, false, {0x41, 0x00, 0x41, 0x00, END});
  EXPECT_TRUE(isInvalid(two.module(), "type mismatch"));
  ModuleBuilder nonConst;
  nonConst.global(I32, false, {0x41, 0x00, 0x41, 0x00, 0x6A, END});  // i32.add (extended const is 3.0)
  EXPECT_TRUE(isInvalid(nonConst.module(), "constant expression required", ErrorCode::Invalid, Features::wasm2()));
  EXPECT_TRUE(isValid(nonConst.module()));
  ModuleBuilder div;
  div.global(I32, false, {0x41, 0x00, 0x41, 0x01, 0x6D, END});  // i32.div_s is never constant
  EXPECT_TRUE(isInvalid(div.module(), "constant expression required: i32.div_s"));
  ModuleBuilder mixed;
  mixed.global(I64, false, {0x41, 0x00, 0x42, 0x01, 0x7C, END});  // i64.add of an i32 and an i64
  EXPECT_TRUE(isInvalid(mixed.module(), "type mismatch"));
  ModuleBuilder nullType;
  nullType.global(FUNCREF, false, {0xD0, 0x6F, END});
  EXPECT_TRUE(isInvalid(nullType.module(), "type mismatch"));

  // global.get: immutable globals, in 2.0 only imported ones, with
  // extended-const also the module's own globals defined before.
  ModuleBuilder own;
  own.global(I32, false, kI32Zero);
  own.global(I32, false, {0x23, 0x00, END});
  EXPECT_TRUE(isInvalid(own.module(), "unknown global 0", ErrorCode::Invalid, Features::wasm2()));
  EXPECT_TRUE(isValid(own.module()));
  ModuleBuilder ownMut;
  ownMut.global(I32, true, kI32Zero);
  ownMut.global(I32, false, {0x23, 0x00, END});
  EXPECT_TRUE(isInvalid(ownMut.module(), "constant expression required: global 0 is mutable"));
  ModuleBuilder later;
  later.global(I32, false, {0x23, 0x01, END});
  later.global(I32, false, kI32Zero);
  EXPECT_TRUE(isInvalid(later.module(), "unknown global 1"));
  ModuleBuilder mut;
  mut.importGlobal(I32, true);
  mut.global(I32, false, {0x23, 0x00, END});
  EXPECT_TRUE(isInvalid(mut.module(), "constant expression required"));
  ModuleBuilder self;
  self.global(I32, false, {0x23, 0x00, END});
  EXPECT_TRUE(isInvalid(self.module(), "unknown global"));
  ModuleBuilder refFunc;
  refFunc.global(FUNCREF, false, {0xD2, 0x02, END});
  EXPECT_TRUE(isInvalid(refFunc.module(), "unknown function 2"));
}

TEST(ValidateModule, Exports) {
  ModuleBuilder b;
  uint32_t f = b.func({}, {}, {END});
  b.memory(1);
  b.exportAs("a", ir::ExternKind::Func, f);
  b.exportAs("b", ir::ExternKind::Memory, 0);
  EXPECT_TRUE(isValid(b.module()));
  b.exportAs("a", ir::ExternKind::Memory, 0);
  EXPECT_TRUE(isInvalid(b.module(), "duplicate export name"));

  ModuleBuilder c;
  c.exportAs("f", ir::ExternKind::Func, 0);
  EXPECT_TRUE(isInvalid(c.module(), "unknown function 0"));
  ModuleBuilder d;
  d.exportAs("g", ir::ExternKind::Global, 1);
  EXPECT_TRUE(isInvalid(d.module(), "unknown global 1"));
  ModuleBuilder e;
  e.exportAs("t", ir::ExternKind::Table, 0);
  EXPECT_TRUE(isInvalid(e.module(), "unknown table 0"));
  ModuleBuilder m;
  m.exportAs("m", ir::ExternKind::Memory, 0);
  EXPECT_TRUE(isInvalid(m.module(), "unknown memory 0"));
}

TEST(ValidateModule, StartFunction) {
  ModuleBuilder b;
  b.start(b.func({}, {}, {END}));
  EXPECT_TRUE(isValid(b.module()));
  ModuleBuilder c;
  c.start(c.func({}, {I32}, {0x41, 0x00, END}));
  EXPECT_TRUE(isInvalid(c.module(), "start function"));
  ModuleBuilder d;
  d.start(d.func({I32}, {}, {END}));
  EXPECT_TRUE(isInvalid(d.module(), "start function"));
  ModuleBuilder e;
  e.start(3);
  EXPECT_TRUE(isInvalid(e.module(), "unknown function"));
}

TEST(ValidateModule, FunctionTypeIndices) {
  ModuleBuilder b;
  b.funcOfType(5, {END});
  EXPECT_TRUE(isInvalid(b.module(), "unknown type"));
  ModuleBuilder c;
  c.importFunc(0);
  EXPECT_TRUE(isInvalid(c.module(), "unknown type"));
}

TEST(ValidateModule, ElementSegments) {
  ModuleBuilder b;
  uint32_t f = b.func({}, {}, {END});
  b.table(FUNCREF, 1);
  b.elemFuncs(0, kI32Zero, {f});
  b.elemExprs(ir::SegmentMode::Passive, FUNCREF, {{0xD2, 0x00, END}, {0xD0, 0x70, END}});
  b.elemExprs(ir::SegmentMode::Declarative, FUNCREF, {{0xD2, 0x00, END}});
  EXPECT_TRUE(isValid(b.module()));

  ModuleBuilder noTable;
  noTable.func({}, {}, {END});
  noTable.elemFuncs(0, kI32Zero, {0});
  EXPECT_TRUE(isInvalid(noTable.module(), "unknown table 0"));

  ModuleBuilder badFunc;
  badFunc.table(FUNCREF, 1);
  badFunc.elemFuncs(0, kI32Zero, {4});
  EXPECT_TRUE(isInvalid(badFunc.module(), "unknown function 4"));

  ModuleBuilder badOffset;
  badOffset.table(FUNCREF, 1);
  badOffset.elemFuncs(0, {0x42, 0x00, END}, {});
  EXPECT_TRUE(isInvalid(badOffset.module(), "type mismatch"));

  ModuleBuilder nonConstOffset;
  nonConstOffset.table(FUNCREF, 1);
  nonConstOffset.elemFuncs(0, {0x41, 0x00, 0x45, END}, {});
  EXPECT_TRUE(isInvalid(nonConstOffset.module(), "constant expression required"));

  ModuleBuilder tableType;  // funcref segment into an externref table
  tableType.table(EXTERNREF, 1);
  tableType.elemExprs(ir::SegmentMode::Active, FUNCREF, {{0xD0, 0x70, END}});
  EXPECT_TRUE(isInvalid(tableType.module(), "type mismatch"));

  ModuleBuilder itemType;  // externref item in a funcref segment
  itemType.elemExprs(ir::SegmentMode::Passive, FUNCREF, {{0xD0, 0x6F, END}});
  EXPECT_TRUE(isInvalid(itemType.module(), "type mismatch"));

  ModuleBuilder itemConst;
  itemConst.elemExprs(ir::SegmentMode::Passive, FUNCREF, {{0x41, 0x00, 0x1A, END}});
  EXPECT_TRUE(isInvalid(itemConst.module(), "constant expression required"));
}

TEST(ValidateModule, DataSegments) {
  ModuleBuilder b;
  b.memory(1);
  b.dataActive(0, kI32Zero);
  b.dataPassive();
  EXPECT_TRUE(isValid(b.module()));

  ModuleBuilder noMemory;
  noMemory.dataActive(0, kI32Zero);
  EXPECT_TRUE(isInvalid(noMemory.module(), "unknown memory 0"));
  ModuleBuilder memory1;
  memory1.memory(1);
  memory1.dataActive(1, kI32Zero);
  EXPECT_TRUE(isInvalid(memory1.module(), "unknown memory 1"));
  ModuleBuilder offsetType;
  offsetType.memory(1);
  offsetType.dataActive(0, {0x42, 0x00, END});
  EXPECT_TRUE(isInvalid(offsetType.module(), "type mismatch"));

  ModuleBuilder importedGlobal;
  importedGlobal.importGlobal(I32, false);
  importedGlobal.memory(1);
  importedGlobal.dataActive(0, {0x23, 0x00, END});
  EXPECT_TRUE(isValid(importedGlobal.module()));
  ModuleBuilder ownGlobal;
  ownGlobal.global(I32, false, kI32Zero);
  ownGlobal.memory(1);
  ownGlobal.dataActive(0, {0x23, 0x00, END});
  EXPECT_TRUE(isInvalid(ownGlobal.module(), "unknown global 0", ErrorCode::Invalid, Features::wasm2()));
  EXPECT_TRUE(isValid(ownGlobal.module()));  // extended-const: every global is defined by then
  ModuleBuilder sum;
  sum.global(I32, false, kI32Zero);
  sum.memory(1);
  sum.dataActive(0, {0x23, 0x00, 0x41, 0x10, 0x6A, END});  // global 0 + 16
  EXPECT_TRUE(isValid(sum.module()));
}

}  // namespace
}  // namespace wasmcap::validate::testing
