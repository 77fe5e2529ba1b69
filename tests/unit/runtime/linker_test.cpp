#include "runtime/linker.h"

#include <gtest/gtest.h>

#include <cstring>

#include "test_module.h"

namespace wasmcap::runtime {
namespace {

using ir::ExternKind;
using ir::ValType;
using testing::FakeExecutor;
using testing::globalGet;
using testing::i32Const;
using testing::ModuleBuilder;

class LinkerTest : public ::testing::Test {
 protected:
  FakeExecutor executor;
  Store store{executor};
  Linker linker;

  Result<Instance*> instantiate(ModuleBuilder& b, const std::string& name = {}) {
    return linker.instantiate(store, b.build(executor), name);
  }
  Table* newTable(uint64_t min, std::optional<uint64_t> max = std::nullopt) {
    ir::TableType t;
    t.limits.min = min;
    t.limits.max = max;
    return store.addTable(std::make_unique<Table>(t, nullptr));
  }
  Memory* newMemory(uint64_t min, std::optional<uint64_t> max = std::nullopt) {
    ir::MemoryType t;
    t.limits.min = min;
    t.limits.max = max;
    auto r = Memory::create(t);
    EXPECT_TRUE(r.ok());
    return store.addMemory(std::unique_ptr<Memory>(r.ok() ? *r : nullptr));
  }
  Global* newGlobal(ValType type, bool mut, uint32_t i32) {
    auto g = std::make_unique<Global>();
    g->type = {type, mut};
    g->value.i32 = i32;
    return store.addGlobal(std::move(g));
  }
  FuncInst* newHostFunc(std::vector<ValType> params, std::vector<ValType> results) {
    ir::FuncType t{std::move(params), std::move(results)};
    return store.addHostFunc(t, [](HostCallContext&, std::span<const Value>, std::span<Value>) {
      return std::optional<Trap>{};
    });
  }
};

void expectError(const Result<Instance*>& r, ErrorCode code, const std::string& prefix) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, code);
  EXPECT_EQ(r.error().message.rfind(prefix, 0), 0u) << r.error().message;
}

TEST_F(LinkerTest, DefineAndFind) {
  Global* g = newGlobal(ValType::i32(), false, 1);
  linker.define("env", "g", Extern::global(g));
  const Extern* found = linker.find("env", "g");
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->asGlobal(), g);
  EXPECT_EQ(found->asFunc(), nullptr);
  EXPECT_EQ(linker.find("env", "h"), nullptr);
  EXPECT_EQ(linker.find("other", "g"), nullptr);
}

TEST_F(LinkerTest, UnknownImport) {
  ModuleBuilder b;
  b.importFunc("env", "f", b.type({}, {}));
  expectError(instantiate(b), ErrorCode::Unlinkable, "unknown import");
}

TEST_F(LinkerTest, FunctionImportNeedsAnEqualType) {
  linker.define("env", "f", Extern::func(newHostFunc({ValType::i32()}, {})));
  ModuleBuilder wrong;
  wrong.importFunc("env", "f", wrong.type({ValType::i64()}, {}));
  expectError(instantiate(wrong), ErrorCode::Unlinkable, "incompatible import type");
  ModuleBuilder right;
  right.importFunc("env", "f", right.type({ValType::i32()}, {}));
  EXPECT_TRUE(instantiate(right).ok());
}

TEST_F(LinkerTest, ImportKindMustMatch) {
  linker.define("env", "x", Extern::global(newGlobal(ValType::i32(), false, 0)));
  ModuleBuilder b;
  b.importFunc("env", "x", b.type({}, {}));
  expectError(instantiate(b), ErrorCode::Unlinkable, "incompatible import type");
}

TEST_F(LinkerTest, GlobalImportNeedsSameTypeAndMutability) {
  linker.define("env", "g", Extern::global(newGlobal(ValType::i32(), true, 0)));
  ModuleBuilder immutable;
  immutable.importGlobal("env", "g", {ValType::i32(), false});
  expectError(instantiate(immutable), ErrorCode::Unlinkable, "incompatible import type");
  ModuleBuilder otherType;
  otherType.importGlobal("env", "g", {ValType::i64(), true});
  expectError(instantiate(otherType), ErrorCode::Unlinkable, "incompatible import type");
  ModuleBuilder same;
  same.importGlobal("env", "g", {ValType::i32(), true});
  EXPECT_TRUE(instantiate(same).ok());
}

ir::TableType tableType(uint64_t min, std::optional<uint64_t> max, ValType elem = ValType::funcref()) {
  ir::TableType t;
  t.elem = elem;
  t.limits.min = min;
  t.limits.max = max;
  return t;
}

TEST_F(LinkerTest, TableImportLimitsSubtyping) {
  linker.define("env", "t", Extern::table(newTable(10, 20)));
  linker.define("env", "unbounded", Extern::table(newTable(10)));
  struct Case {
    const char* name;
    ir::TableType declared;
    bool ok;
  } cases[] = {
      {"t", tableType(10, 20), true},
      {"t", tableType(5, std::nullopt), true},   // larger min, no max required
      {"t", tableType(5, 30), true},             // smaller max than required
      {"t", tableType(11, std::nullopt), false}, // min too small
      {"t", tableType(10, 15), false},           // max too large
      {"unbounded", tableType(1, 100), false},   // max required but absent
      {"t", tableType(10, 20, ValType::externref()), false},
  };
  for (const Case& c : cases) {
    ModuleBuilder b;
    b.importTable("env", c.name, c.declared);
    auto r = instantiate(b);
    EXPECT_EQ(r.ok(), c.ok) << c.name << " min " << c.declared.limits.min;
  }
}

ir::MemoryType memoryType(uint64_t min, std::optional<uint64_t> max) {
  ir::MemoryType t;
  t.limits.min = min;
  t.limits.max = max;
  return t;
}

TEST_F(LinkerTest, MemoryImportUsesTheCurrentSize) {
  Memory* mem = newMemory(1, 4);
  linker.define("env", "m", Extern::memory(mem));
  ModuleBuilder needsTwo;
  needsTwo.importMemory("env", "m", memoryType(2, std::nullopt));
  expectError(instantiate(needsTwo), ErrorCode::Unlinkable, "incompatible import type");
  ASSERT_EQ(mem->grow(1), 1u);
  EXPECT_TRUE(instantiate(needsTwo).ok());
  ModuleBuilder maxTooSmall;
  maxTooSmall.importMemory("env", "m", memoryType(1, 3));
  expectError(instantiate(maxTooSmall), ErrorCode::Unlinkable, "incompatible import type");
}

TEST_F(LinkerTest, CreatesFunctionsTablesMemoriesGlobalsAndExports) {
  FuncInst* host = newHostFunc({}, {ValType::i32()});
  Global* imported = newGlobal(ValType::i32(), false, 40);
  linker.define("env", "f", Extern::func(host));
  linker.define("env", "g", Extern::global(imported));

  ModuleBuilder b;
  uint32_t t = b.type({}, {ValType::i32()});
  b.importFunc("env", "f", t);
  b.importGlobal("env", "g", {ValType::i32(), false});
  uint32_t fn = b.func(t);
  b.table(3);
  b.memory(1, 2);
  uint32_t g = b.global(ValType::i32(), true, globalGet(0));
  b.exportAs("fn", ExternKind::Func, fn);
  b.exportAs("imported", ExternKind::Func, 0);
  b.exportAs("tab", ExternKind::Table, 0);
  b.exportAs("mem", ExternKind::Memory, 0);
  b.exportAs("glob", ExternKind::Global, g);

  auto r = instantiate(b, "main");
  ASSERT_TRUE(r.ok()) << r.error().describe();
  Instance* inst = *r;
  EXPECT_EQ(inst->name, "main");
  ASSERT_EQ(inst->funcs.size(), 2u);
  EXPECT_EQ(inst->funcs[0], host);
  FuncInst* defined = inst->funcs[1];
  EXPECT_EQ(defined->instance, inst);
  EXPECT_EQ(defined->index, 1u);
  EXPECT_EQ(defined->code, inst->compiled->code->function(0));
  EXPECT_EQ(defined->typeId, host->typeId);  // same signature, same canonical id
  EXPECT_EQ(inst->typeIds.at(t), host->typeId);

  ASSERT_EQ(inst->tables.size(), 1u);
  EXPECT_EQ(inst->tables[0]->size(), 3u);
  EXPECT_EQ(inst->tables[0]->get(2), nullptr);
  ASSERT_EQ(inst->memories.size(), 1u);
  EXPECT_EQ(inst->memories[0]->pages(), 1u);
  ASSERT_EQ(inst->globals.size(), 2u);
  EXPECT_EQ(inst->globals[0], imported);
  EXPECT_EQ(inst->globals[1]->value.i32, 40u);
  EXPECT_TRUE(inst->globals[1]->type.mut);

  ASSERT_NE(inst->findExport("fn"), nullptr);
  EXPECT_EQ(inst->findExport("fn")->asFunc(), defined);
  EXPECT_EQ(inst->findExport("imported")->asFunc(), host);
  EXPECT_EQ(inst->findExport("tab")->asTable(), inst->tables[0]);
  EXPECT_EQ(inst->findExport("mem")->asMemory(), inst->memories[0]);
  EXPECT_EQ(inst->findExport("glob")->asGlobal(), inst->globals[1]);
  EXPECT_EQ(inst->findExport("nope"), nullptr);

  // Another module can import the exports.
  linker.defineInstance("main", *inst);
  EXPECT_EQ(linker.find("main", "fn")->asFunc(), defined);
  EXPECT_EQ(linker.find("main", "mem")->asMemory(), inst->memories[0]);
}

TEST_F(LinkerTest, ActiveElementSegmentsFillTheTableAndAreDropped) {
  ModuleBuilder b;
  uint32_t t = b.type({}, {});
  uint32_t f0 = b.func(t);
  uint32_t f1 = b.func(t);
  b.table(4);
  b.activeElem(0, 1, {f1, f0});
  b.elemWithMode(ir::SegmentMode::Passive, {f0, f1, f0});
  b.elemWithMode(ir::SegmentMode::Declarative, {f1});
  auto r = instantiate(b);
  ASSERT_TRUE(r.ok()) << r.error().describe();
  Instance* inst = *r;
  Table* table = inst->tables[0];
  EXPECT_EQ(table->get(0), nullptr);
  EXPECT_EQ(table->get(1), inst->funcs[f1]);
  EXPECT_EQ(table->get(2), inst->funcs[f0]);
  EXPECT_EQ(table->get(3), nullptr);
  ASSERT_EQ(inst->elemSegments.size(), 3u);
  EXPECT_TRUE(inst->elemSegments[0].empty());  // active: dropped
  ASSERT_EQ(inst->elemSegments[1].size(), 3u); // passive: kept
  EXPECT_EQ(inst->elemSegments[1][1], inst->funcs[f1]);
  EXPECT_TRUE(inst->elemSegments[2].empty());  // declarative: dropped
}

TEST_F(LinkerTest, OutOfBoundsElementSegmentFailsButEarlierWritesStay) {
  Table* shared = newTable(2);
  linker.define("env", "t", Extern::table(shared));
  ModuleBuilder b;
  b.importTable("env", "t", tableType(2, std::nullopt));
  uint32_t f = b.func(b.type({}, {}));
  b.activeElem(0, 0, {f});
  b.activeElem(0, 1, {f, f});  // one past the end
  b.activeElem(0, 1, {f});     // never reached
  auto r = instantiate(b);
  expectError(r, ErrorCode::Uninstantiable, "out of bounds table access");
  ASSERT_NE(shared->get(0), nullptr);  // the first segment's effect remains
  EXPECT_EQ(static_cast<FuncInst*>(shared->get(0))->index, f);
  EXPECT_EQ(shared->get(1), nullptr);  // nothing partial from the failing one
  // The function of the failed instance is still alive and callable.
  FuncInst* survivor = static_cast<FuncInst*>(shared->get(0));
  executor.bodies[f] = [](Store&, FuncInst&, std::span<const Value>, std::span<Value>) {
    return std::optional<Trap>{};
  };
  std::vector<Value> results;
  EXPECT_FALSE(invoke(store, *survivor, {}, results).has_value());
}

TEST_F(LinkerTest, EmptySegmentAtTheEndIsInBoundsButPastTheEndIsNot) {
  {
    ModuleBuilder b;
    b.table(2);
    b.activeElem(0, 2, {});
    b.memory(1);
    b.activeData(0, ir::kPageSize, {});
    EXPECT_TRUE(instantiate(b).ok());
  }
  {
    ModuleBuilder b;
    b.table(2);
    b.activeElem(0, 3, {});
    expectError(instantiate(b), ErrorCode::Uninstantiable, "out of bounds table access");
  }
  {
    ModuleBuilder b;
    b.memory(1);
    b.activeData(0, ir::kPageSize + 1, {});
    expectError(instantiate(b), ErrorCode::Uninstantiable, "out of bounds memory access");
  }
  {
    ModuleBuilder b;
    b.memory(1);
    b.activeData(0, -1, {1});  // offsets are unsigned: 0xFFFFFFFF
    expectError(instantiate(b), ErrorCode::Uninstantiable, "out of bounds memory access");
  }
}

TEST_F(LinkerTest, DataSegmentsWriteMemoryInOrder) {
  Memory* mem = newMemory(1);
  linker.define("env", "m", Extern::memory(mem));
  ModuleBuilder b;
  b.importMemory("env", "m", memoryType(1, std::nullopt));
  b.activeData(0, 10, {1, 2, 3});
  b.activeData(0, 11, {9});  // later segments overwrite earlier ones
  b.passiveData({7, 7});
  auto r = instantiate(b);
  ASSERT_TRUE(r.ok()) << r.error().describe();
  EXPECT_EQ(mem->base()[10], 1);
  EXPECT_EQ(mem->base()[11], 9);
  EXPECT_EQ(mem->base()[12], 3);
  ASSERT_EQ((*r)->dataSegments.size(), 3u);
  EXPECT_EQ((*r)->dataSegments[0].size, 0u);  // active: dropped
  EXPECT_EQ((*r)->dataSegments[2].size, 2u);  // passive: kept
  EXPECT_EQ((*r)->module().bytes[(*r)->dataSegments[2].offset], 7);
}

TEST_F(LinkerTest, OutOfBoundsDataSegmentFailsButEarlierWritesStay) {
  Memory* mem = newMemory(1);
  linker.define("env", "m", Extern::memory(mem));
  Table* shared = newTable(1);
  linker.define("env", "t", Extern::table(shared));
  ModuleBuilder b;
  b.importTable("env", "t", tableType(1, std::nullopt));
  b.importMemory("env", "m", memoryType(1, std::nullopt));
  uint32_t f = b.func(b.type({}, {}));
  b.activeElem(0, 0, {f});  // element segments are applied before data
  b.activeData(0, 0, {42});
  b.activeData(0, ir::kPageSize - 1, {1, 2});
  expectError(instantiate(b), ErrorCode::Uninstantiable, "out of bounds memory access");
  EXPECT_EQ(mem->base()[0], 42);
  EXPECT_EQ(mem->base()[ir::kPageSize - 1], 0);
  EXPECT_NE(shared->get(0), nullptr);
}

TEST_F(LinkerTest, StartFunctionRunsAfterSegments) {
  ModuleBuilder b;
  uint32_t start = b.func(b.type({}, {}));
  b.memory(1);
  b.activeData(0, 0, {5});
  b.m.start = start;
  b.exportAs("mem", ExternKind::Memory, 0);
  int seen = -1;
  executor.bodies[start] = [&seen](Store&, FuncInst& f, std::span<const Value>, std::span<Value>) {
    seen = f.instance->memories[0]->base()[0];
    f.instance->memories[0]->base()[1] = 6;
    return std::optional<Trap>{};
  };
  auto r = instantiate(b);
  ASSERT_TRUE(r.ok()) << r.error().describe();
  EXPECT_EQ(seen, 5);
  EXPECT_EQ((*r)->memories[0]->base()[1], 6);
  EXPECT_EQ(executor.calls, 1);
}

TEST_F(LinkerTest, TrappingStartFunctionFailsInstantiationKeepingEffects) {
  ModuleBuilder b;
  uint32_t start = b.func(b.type({}, {}));
  b.memory(1);
  b.m.start = start;
  b.exportAs("mem", ExternKind::Memory, 0);
  Memory* written = nullptr;
  executor.bodies[start] = [&written](Store&, FuncInst& f, std::span<const Value>, std::span<Value>) {
    written = f.instance->memories[0];
    written->base()[3] = 33;
    return std::optional<Trap>(Trap(TrapKind::IntegerDivideByZero));
  };
  expectError(instantiate(b), ErrorCode::Uninstantiable, "integer divide by zero");
  ASSERT_NE(written, nullptr);
  EXPECT_EQ(written->base()[3], 33);  // the store keeps the failed instance's memory alive
}

TEST_F(LinkerTest, StoreLimitsApply) {
  Limits limits;
  limits.maxMemoryPages = 2;
  limits.maxTableElements = 5;
  Store limited(executor, limits);
  {
    ModuleBuilder b;
    b.memory(3);
    auto r = linker.instantiate(limited, b.build(executor));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::Exhaustion);
  }
  {
    ModuleBuilder b;
    b.table(6);
    auto r = linker.instantiate(limited, b.build(executor));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::Exhaustion);
  }
  {
    ModuleBuilder b;
    b.memory(1);
    auto r = linker.instantiate(limited, b.build(executor));
    ASSERT_TRUE(r.ok());
    Memory* mem = (*r)->memories[0];
    EXPECT_EQ(mem->grow(1), 1u);
    EXPECT_EQ(mem->grow(1), ~uint64_t{0});  // the cap, not the 4 GiB limit
  }
}

TEST_F(LinkerTest, InvokeChecksArgumentsAndSizesResults) {
  FuncInst* f = store.addHostFunc({{ValType::i32()}, {ValType::i64(), ValType::f32()}},
                                  [](HostCallContext&, std::span<const Value> args, std::span<Value> results) {
                                    results[0].raw.i64 = uint64_t{args[0].raw.i32} * 2;
                                    results[1].raw.f32 = 0x3F800000;
                                    return std::optional<Trap>{};
                                  });
  std::vector<Value> results;
  Value arg = Value::i32(21);
  EXPECT_FALSE(invoke(store, *f, {&arg, 1}, results).has_value());
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].type, ValType::i64());
  EXPECT_EQ(results[0].raw.i64, 42u);
  EXPECT_EQ(results[1].type, ValType::f32());
  EXPECT_EQ(results[1].raw.f32, 0x3F800000u);

  auto noArgs = invoke(store, *f, {}, results);
  ASSERT_TRUE(noArgs.has_value());
  EXPECT_EQ(noArgs->kind, TrapKind::Host);
  Value wrong = Value::i64(1);
  EXPECT_TRUE(invoke(store, *f, {&wrong, 1}, results).has_value());
}

}  // namespace
}  // namespace wasmcap::runtime
