// Memory, Table, Global and Extern, created by the host and by modules.
#include <gtest/gtest.h>

#include <wasmcap/wasmcap.hpp>

namespace wasmcap {
namespace {

TEST(Memory, CreateGrowReadWriteWithBoundsChecks) {
  Engine engine;
  Store store(engine);
  Result<Memory> mem = Memory::create(store, MemoryType{Limits{1, 3}});
  ASSERT_TRUE(mem) << mem.error().describe();
  EXPECT_EQ(mem->pages(), 1u);
  EXPECT_EQ(mem->size(), kWasmPageSize);
  uint8_t* base = mem->data();
  ASSERT_TRUE(mem->store<uint64_t>(8, 0x1122334455667788ull));
  EXPECT_EQ(*mem->load<uint64_t>(8), 0x1122334455667788ull);
  EXPECT_EQ(base[8], 0x88);  // little-endian, in place

  Result<uint64_t> old = mem->grow(2);
  ASSERT_TRUE(old);
  EXPECT_EQ(*old, 1u);
  EXPECT_EQ(mem->pages(), 3u);
  EXPECT_EQ(mem->data(), base);  // growing never moves the memory
  EXPECT_EQ(mem->type().limits.min, 3u);
  Result<uint64_t> tooFar = mem->grow(1);
  ASSERT_FALSE(tooFar);
  EXPECT_EQ(tooFar.error().code, ErrorCode::Exhaustion);

  const uint8_t bytes[4] = {1, 2, 3, 4};
  EXPECT_TRUE(mem->write(3 * kWasmPageSize - 4, bytes));
  EXPECT_FALSE(mem->write(3 * kWasmPageSize - 3, bytes));
  uint8_t out[4];
  EXPECT_TRUE(mem->read(3 * kWasmPageSize - 4, out));
  EXPECT_EQ(out[3], 4);
  EXPECT_FALSE(mem->read(UINT64_MAX, out));
  EXPECT_FALSE(mem->span(1, UINT64_MAX));
  EXPECT_FALSE(mem->load<uint32_t>(3 * kWasmPageSize - 2));
}

TEST(Memory, HostMemoryImportedByAModule) {
  Engine engine;
  Store store(engine);
  Linker linker(store);
  Result<Memory> mem = Memory::create(store, MemoryType{Limits{1, std::nullopt}});
  ASSERT_TRUE(mem);
  ASSERT_TRUE(linker.define("env", "memory", *mem));
  Result<Module> m = Module::fromWat(engine, R"(
    (module (import "env" "memory" (memory 1))
            (func (export "poke") (param i32 i32) local.get 0 local.get 1 i32.store)
            (func (export "grow") (result i32) i32.const 1 memory.grow))
  )");
  ASSERT_TRUE(m);
  Result<Instance> inst = linker.instantiate(*m);
  ASSERT_TRUE(inst) << inst.error().describe();
  ASSERT_TRUE((*inst->typedFunc<void(int32_t, int32_t)>("poke"))(16, 1234));
  EXPECT_EQ(*mem->load<int32_t>(16), 1234);
  EXPECT_EQ(*(*inst->typedFunc<int32_t()>("grow"))(), 1);
  EXPECT_EQ(mem->pages(), 2u);  // the host sees the module's growth
}

TEST(Table, CreateGetSetGrow) {
  Engine engine;
  Store store(engine);
  int a = 0, b = 0;
  Result<Table> t = Table::create(store, TableType{ValType::externref(), Limits{2, 4}}, Value::externref({&a}));
  ASSERT_TRUE(t) << t.error().describe();
  EXPECT_EQ(t->size(), 2u);
  EXPECT_EQ(t->get(1)->externref().ptr, &a);
  ASSERT_TRUE(t->set(0, Value::externref({&b})));
  EXPECT_EQ(t->get(0)->externref().ptr, &b);
  EXPECT_FALSE(t->get(2));
  EXPECT_FALSE(t->set(2, Value::externref({})));
  Result<void> wrongType = t->set(0, Value(ValType::funcref()));
  ASSERT_FALSE(wrongType);
  EXPECT_NE(wrongType.error().message.find("funcref cannot be stored in a table of externref"), std::string::npos);

  Result<uint64_t> old = t->grow(2, Value(ValType::externref()));
  ASSERT_TRUE(old);
  EXPECT_EQ(*old, 2u);
  EXPECT_EQ(t->size(), 4u);
  EXPECT_TRUE(t->get(3)->isNullRef());
  EXPECT_FALSE(t->grow(1, Value(ValType::externref())));  // beyond its maximum
  EXPECT_EQ(t->type().limits.min, 4u);
  EXPECT_FALSE(Table::create(store, TableType{ValType::i32(), Limits{1, std::nullopt}}, Value::i32(0)));
}

TEST(Table, FuncrefTableCallsThroughWasm) {
  Engine engine;
  Store store(engine);
  Linker linker(store);
  Func seven = Func::wrap(store, []() -> int32_t { return 7; });
  Result<Table> t = Table::create(store, TableType{ValType::funcref(), Limits{1, std::nullopt}}, Value(ValType::funcref()));
  ASSERT_TRUE(t);
  ASSERT_TRUE(t->set(0, Value::funcref(seven)));
  ASSERT_TRUE(linker.define("env", "table", *t));
  Result<Module> m = Module::fromWat(engine, R"(
    (module (type $r (func (result i32)))
            (import "env" "table" (table 1 funcref))
            (func (export "call0") (result i32) i32.const 0 call_indirect (type $r)))
  )");
  ASSERT_TRUE(m);
  Result<Instance> inst = linker.instantiate(*m);
  ASSERT_TRUE(inst) << inst.error().describe();
  EXPECT_EQ(*(*inst->typedFunc<int32_t()>("call0"))(), 7);
}

TEST(Global, CreateGetSetAndMutability) {
  Engine engine;
  Store store(engine);
  Result<Global> g = Global::create(store, GlobalType{ValType::i64(), true}, Value::i64(5));
  ASSERT_TRUE(g);
  EXPECT_EQ(g->get().i64(), 5);
  ASSERT_TRUE(g->set(Value::i64(-6)));
  EXPECT_EQ(g->get().i64(), -6);
  EXPECT_FALSE(g->set(Value::i32(1)));
  Result<Global> k = Global::create(store, GlobalType{ValType::f64(), false}, Value::f64(2.5));
  ASSERT_TRUE(k);
  Result<void> r = k->set(Value::f64(1));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("immutable"), std::string::npos);
  EXPECT_FALSE(Global::create(store, GlobalType{ValType::f64(), false}, Value::f32(1)));

  Linker linker(store);
  ASSERT_TRUE(linker.define("env", "g", *g));
  Result<Module> m = Module::fromWat(engine, R"(
    (module (import "env" "g" (global $g (mut i64)))
            (func (export "bump") global.get $g i64.const 1 i64.add global.set $g))
  )");
  ASSERT_TRUE(m);
  Result<Instance> inst = linker.instantiate(*m);
  ASSERT_TRUE(inst);
  ASSERT_TRUE((*inst->typedFunc<void()>("bump"))());
  EXPECT_EQ(g->get().i64(), -5);
}

TEST(Extern, KindsAndConversions) {
  Engine engine;
  Store store(engine);
  Func f = Func::wrap(store, [](int32_t x) { return x; });
  Extern e = f;
  EXPECT_EQ(e.kind(), ExternKind::Func);
  ASSERT_TRUE(e.func());
  EXPECT_EQ(*e.func(), f);
  EXPECT_FALSE(e.memory());
  EXPECT_EQ(*e.type().func(), (FuncType{{ValType::i32()}, {ValType::i32()}}));
  Result<Global> g = Global::create(store, GlobalType{ValType::i32(), false}, Value::i32(1));
  ASSERT_TRUE(g);
  Extern eg = *g;
  EXPECT_EQ(eg.kind(), ExternKind::Global);
  EXPECT_FALSE(eg == e);
  EXPECT_EQ(eg.type().global()->type, ValType::i32());
}

}  // namespace
}  // namespace wasmcap
