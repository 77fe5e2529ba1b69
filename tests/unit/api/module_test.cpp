#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <wasmcap/wasmcap.hpp>

namespace wasmcap {
namespace {

constexpr const char* kReflect = R"(
(module $reflected
  (import "env" "f" (func (param i32 f64) (result i64)))
  (import "env" "t" (table 2 10 funcref))
  (import "env" "m" (memory 1 2))
  (import "env" "g" (global (mut f32)))
  (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
  (export "mem" (memory 0))
  (table (export "tab") 4 externref)
  (global (export "glob") i64 (i64.const 7)))
)";

TEST(Module, FromWatReflectsImportsAndExportsInOrder) {
  Engine engine;
  Result<Module> m = Module::fromWat(engine, kReflect);
  ASSERT_TRUE(m) << m.error().describe();
  EXPECT_EQ(m->name(), "reflected");
  auto imports = m->imports();
  ASSERT_EQ(imports.size(), 4u);
  EXPECT_EQ(imports[0].module, "env");
  EXPECT_EQ(imports[0].name, "f");
  ASSERT_NE(imports[0].type.func(), nullptr);
  EXPECT_EQ(*imports[0].type.func(), (FuncType{{ValType::i32(), ValType::f64()}, {ValType::i64()}}));
  ASSERT_NE(imports[1].type.table(), nullptr);
  EXPECT_EQ(*imports[1].type.table(), (TableType{ValType::funcref(), Limits{2, 10}}));
  ASSERT_NE(imports[2].type.memory(), nullptr);
  EXPECT_EQ(imports[2].type.memory()->limits, (Limits{1, 2}));
  ASSERT_NE(imports[3].type.global(), nullptr);
  EXPECT_EQ(*imports[3].type.global(), (GlobalType{ValType::f32(), true}));

  auto exports = m->exports();
  ASSERT_EQ(exports.size(), 4u);
  EXPECT_EQ(exports[0].name, "add");
  EXPECT_EQ(exports[0].type.kind(), ExternKind::Func);
  EXPECT_EQ(exports[0].type.func()->toString(), "(i32, i32) -> (i32)");
  EXPECT_EQ(exports[1].type.memory()->limits, (Limits{1, 2}));
  EXPECT_EQ(exports[2].type.table()->element, ValType::externref());
  EXPECT_EQ(*exports[3].type.global(), (GlobalType{ValType::i64(), false}));
}

TEST(Module, ListsEveryMemoryAndTableExportedOrNot) {
  Engine engine;
  Result<Module> m = Module::fromWat(engine, R"(
    (module (import "env" "t" (table 2 10 funcref))
            (memory 3 7)
            (table 5 externref))
  )");
  ASSERT_TRUE(m) << m.error().describe();
  auto memories = m->memories();
  ASSERT_EQ(memories.size(), 1u);
  EXPECT_EQ(memories[0].limits, (Limits{3, 7}));
  auto tables = m->tables();
  ASSERT_EQ(tables.size(), 2u);  // the imported one first
  EXPECT_EQ(tables[0], (TableType{ValType::funcref(), Limits{2, 10}}));
  EXPECT_EQ(tables[1].element, ValType::externref());
  EXPECT_EQ(tables[1].limits.min, 5u);
  EXPECT_FALSE(tables[1].limits.max);
}

TEST(Module, MalformedBytesAreAnErrorWithAnOffset) {
  Engine engine;
  const uint8_t bad[] = {0, 'a', 's', 'm', 2, 0, 0, 0};
  Result<Module> m = Module::fromBytes(engine, bad);
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().code, ErrorCode::Malformed);
  ASSERT_TRUE(m.error().offset.has_value());
  EXPECT_NE(m.error().describe().find("malformed"), std::string::npos);
}

TEST(Module, InvalidModuleIsAnInvalidError) {
  Engine engine;
  Result<Module> m = Module::fromWat(engine, "(module (func (result i32) i64.const 1))");
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().code, ErrorCode::Invalid);
  EXPECT_NE(m.error().message.find("type mismatch"), std::string::npos) << m.error().message;
}

TEST(Module, BadWatReportsLineAndColumn) {
  Engine engine;
  Result<Module> m = Module::fromWat(engine, "(module\n  (func (bogus)))");
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().code, ErrorCode::Malformed);
  EXPECT_EQ(m.error().line, 2u);
  EXPECT_GT(m.error().column, 0u);
}

TEST(Module, ValidateChecksWithoutCompiling) {
  Result<std::vector<uint8_t>> good = watToWasm("(module (func))");
  ASSERT_TRUE(good);
  EXPECT_TRUE(Module::validate(*good));
  Result<std::vector<uint8_t>> invalid = watToWasm("(module (func (result i32)))");
  ASSERT_TRUE(invalid);
  Result<void> r = Module::validate(*invalid);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::Invalid);
}

TEST(Module, FromFileReadsBinaryAndTextAndNamesMissingFiles) {
  Engine engine;
  const std::string dir = ::testing::TempDir();
  const std::string wat = dir + "/api_module_test.wat", wasm = dir + "/api_module_test.wasm";
  std::ofstream(wat) << "(module (func (export \"f\")))";
  Result<std::vector<uint8_t>> bytes = watToWasm("(module (func (export \"g\")))");
  ASSERT_TRUE(bytes);
  std::ofstream(wasm, std::ios::binary).write(reinterpret_cast<const char*>(bytes->data()), bytes->size());

  Result<Module> fromText = Module::fromFile(engine, wat);
  ASSERT_TRUE(fromText) << fromText.error().describe();
  EXPECT_EQ(fromText->exports()[0].name, "f");
  Result<Module> fromBinary = Module::fromFile(engine, wasm);
  ASSERT_TRUE(fromBinary) << fromBinary.error().describe();
  EXPECT_EQ(fromBinary->exports()[0].name, "g");

  Result<Module> missing = Module::fromFile(engine, dir + "/no/such/file.wasm");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::Io);
  EXPECT_NE(missing.error().message.find("no/such/file.wasm"), std::string::npos);
  std::remove(wat.c_str());
  std::remove(wasm.c_str());
}

TEST(Module, SerializeRoundTripsAndRefusesOtherSettingsAndGarbage) {
  Engine engine;
  Result<Module> m = Module::fromWat(engine, "(module (func (export \"one\") (result i32) i32.const 1))");
  ASSERT_TRUE(m);
  Result<std::vector<uint8_t>> bytes = m->serialize();
  ASSERT_TRUE(bytes);

  Result<Module> back = Module::deserialize(engine, *bytes);
  ASSERT_TRUE(back) << back.error().describe();
  Store store(engine);
  Linker linker(store);
  Result<Instance> inst = linker.instantiate(*back);
  ASSERT_TRUE(inst);
  EXPECT_EQ(*(*inst->typedFunc<int32_t()>("one"))(), 1);

  Engine fuel(EngineConfig{.consumeFuel = true});
  Result<Module> other = Module::deserialize(fuel, *bytes);
  ASSERT_FALSE(other);
  EXPECT_NE(other.error().message.find("engine settings"), std::string::npos);

  std::vector<uint8_t> garbage(bytes->begin(), bytes->end());
  garbage.resize(garbage.size() - 3);  // a truncated module body
  EXPECT_FALSE(Module::deserialize(engine, garbage));
  const uint8_t notSerialized[] = {1, 2, 3};
  EXPECT_FALSE(Module::deserialize(engine, notSerialized));
}

TEST(Module, OnlyRunsInStoresOfItsEngine) {
  Engine a, b;
  Result<Module> m = Module::fromWat(a, "(module)");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->engine(), a);
  Store store(b);
  Linker linker(store);
  Result<Instance> inst = linker.instantiate(*m);
  ASSERT_FALSE(inst);
  EXPECT_EQ(inst.error().code, ErrorCode::Usage);
}

TEST(Engine, KeepsItsConfigAndVersionIsSet) {
  Engine e(EngineConfig{.consumeFuel = true, .interruptible = true});
  EXPECT_TRUE(e.config().consumeFuel);
  EXPECT_TRUE(e.config().interruptible);
  Engine copy = e;
  EXPECT_EQ(copy, e);
  EXPECT_FALSE(Engine() == e);
  EXPECT_NE(std::string(version()).find('.'), std::string::npos);
}

}  // namespace
}  // namespace wasmcap
