// Linker and Instance: resolving imports, errors, positional instantiation.
#include <gtest/gtest.h>

#include <wasmcap/wasmcap.hpp>

namespace wasmcap {
namespace {

constexpr const char* kLib = R"(
(module
  (memory (export "mem") 1)
  (global (export "base") i32 (i32.const 100))
  (func (export "double") (param i32) (result i32) local.get 0 i32.const 2 i32.mul))
)";
constexpr const char* kApp = R"(
(module
  (import "lib" "double" (func $double (param i32) (result i32)))
  (import "lib" "mem" (memory 1))
  (import "lib" "base" (global $base i32))
  (func (export "run") (result i32) global.get $base call $double))
)";

TEST(Linker, OneInstanceExportsSatisfyAnothersImports) {
  Engine engine;
  Store store(engine);
  Linker linker(store);
  Result<Instance> lib = linker.instantiate(*Module::fromWat(engine, kLib), "lib");
  ASSERT_TRUE(lib);
  ASSERT_TRUE(linker.defineInstance("lib", *lib));
  Result<Instance> app = linker.instantiate(*Module::fromWat(engine, kApp), "app");
  ASSERT_TRUE(app) << app.error().describe();
  EXPECT_EQ(*(*app->typedFunc<int32_t()>("run"))(), 200);
  EXPECT_EQ(app->name(), "app");

  auto exports = lib->exports();
  ASSERT_EQ(exports.size(), 3u);
  EXPECT_EQ(exports[0].first, "mem");
  EXPECT_EQ(exports[0].second.kind(), ExternKind::Memory);
  EXPECT_EQ(exports[2].first, "double");
}

TEST(Linker, MissingAndMismatchedImportsAreUnlinkable) {
  Engine engine;
  Store store(engine);
  Linker linker(store);
  Result<Instance> missing = linker.instantiate(*Module::fromWat(engine, kApp));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::Unlinkable);
  EXPECT_NE(missing.error().message.find("unknown import \"lib\" \"double\""), std::string::npos);

  ASSERT_TRUE(linker.func("lib", "double", [](int64_t x) { return x; }));
  Result<Instance> mismatch = linker.instantiate(*Module::fromWat(engine, R"(
    (module (import "lib" "double" (func (param i32) (result i32)))))"));
  ASSERT_FALSE(mismatch);
  EXPECT_EQ(mismatch.error().code, ErrorCode::Unlinkable);
  EXPECT_NE(mismatch.error().message.find("incompatible import type"), std::string::npos);
}

TEST(Linker, RefusesObjectsOfAnotherStore) {
  Engine engine;
  Store a(engine), b(engine);
  Linker linker(a);
  Func f = Func::wrap(b, []() {});
  Result<void> r = linker.define("env", "f", f);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::Usage);
}

TEST(Linker, LaterDefinitionsReplaceEarlierOnes) {
  Engine engine;
  Store store(engine);
  Linker linker(store);
  ASSERT_TRUE(linker.func("env", "v", []() -> int32_t { return 1; }));
  ASSERT_TRUE(linker.func("env", "v", []() -> int32_t { return 2; }));
  Result<Instance> inst = linker.instantiate(*Module::fromWat(engine, R"(
    (module (import "env" "v" (func $v (result i32))) (func (export "get") (result i32) call $v)))"));
  ASSERT_TRUE(inst);
  EXPECT_EQ(*(*inst->typedFunc<int32_t()>("get"))(), 2);
}

TEST(Instance, CreateTakesImportsInOrder) {
  Engine engine;
  Store store(engine);
  Result<Module> m = Module::fromWat(engine, R"(
    (module (import "a" "x" (func $x (result i32))) (import "a" "x" (func $y (result i32)))
            (func (export "diff") (result i32) call $x call $y i32.sub)))");
  ASSERT_TRUE(m);
  // The same (module, name) twice, satisfied by two different functions:
  // only positional imports can say that.
  Func ten = Func::wrap(store, []() -> int32_t { return 10; });
  Func three = Func::wrap(store, []() -> int32_t { return 3; });
  Extern imports[] = {ten, three};
  Result<Instance> inst = Instance::create(store, *m, imports);
  ASSERT_TRUE(inst) << inst.error().describe();
  EXPECT_EQ(*(*inst->typedFunc<int32_t()>("diff"))(), 7);

  Extern tooFew[] = {ten};
  Result<Instance> bad = Instance::create(store, *m, tooFew);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::Unlinkable);
}

TEST(Instance, StartFunctionTrapIsUninstantiableWithTheTrap) {
  Engine engine;
  Store store(engine);
  Linker linker(store);
  Result<Instance> inst = linker.instantiate(*Module::fromWat(engine, R"(
    (module (func $boom unreachable) (start $boom)))"));
  ASSERT_FALSE(inst);
  EXPECT_EQ(inst.error().code, ErrorCode::Uninstantiable);
  ASSERT_TRUE(inst.error().trap);
  EXPECT_EQ(inst.error().trap->kind, TrapKind::Unreachable);
  EXPECT_EQ(inst.error().trap->backtrace.size(), 1u);
}

TEST(Instance, SegmentOutOfBoundsIsUninstantiable) {
  Engine engine;
  Store store(engine);
  Linker linker(store);
  Result<Instance> inst = linker.instantiate(*Module::fromWat(engine, R"(
    (module (memory 1) (data (i32.const 65535) "ab")))"));
  ASSERT_FALSE(inst);
  EXPECT_EQ(inst.error().code, ErrorCode::Uninstantiable);
  EXPECT_NE(inst.error().message.find("out of bounds memory access"), std::string::npos);
}

}  // namespace
}  // namespace wasmcap
