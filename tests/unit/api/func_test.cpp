#include <gtest/gtest.h>

#include <wasmcap/wasmcap.hpp>

namespace wasmcap {
namespace {

constexpr const char* kMath = R"(
(module
  (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
  (func (export "swap") (param i64 f64) (result f64 i64) local.get 1 local.get 0)
  (func (export "nothing"))
  (func (export "fib") (param i32) (result i32)
    local.get 0 i32.const 2 i32.lt_u
    if (result i32) local.get 0
    else local.get 0 i32.const 1 i32.sub call 3 local.get 0 i32.const 2 i32.sub call 3 i32.add end))
)";

struct Fixture : ::testing::Test {
  void SetUp() override {
    Result<Module> m = Module::fromWat(engine, kMath);
    ASSERT_TRUE(m) << m.error().describe();
    Result<Instance> i = linker.instantiate(*m, "math");
    ASSERT_TRUE(i) << i.error().describe();
    instance.emplace(*i);
  }
  Engine engine;
  Store store{engine};
  Linker linker{store};
  std::optional<Instance> instance;
};

using FuncTest = Fixture;

TEST_F(FuncTest, UntypedCallsCheckCountAndTypes) {
  Result<Func> add = instance->func("add");
  ASSERT_TRUE(add);
  EXPECT_EQ(add->type(), (FuncType{{ValType::i32(), ValType::i32()}, {ValType::i32()}}));
  Result<std::vector<Value>> r = add->call({Value::i32(2), Value::i32(40)});
  ASSERT_TRUE(r) << r.error().describe();
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0], Value::i32(42));

  Result<std::vector<Value>> few = add->call({Value::i32(2)});
  ASSERT_FALSE(few);
  EXPECT_EQ(few.error().code, ErrorCode::Usage);
  EXPECT_NE(few.error().message.find("takes 2 argument(s), 1 given"), std::string::npos);
  Result<std::vector<Value>> wrong = add->call({Value::i32(2), Value::i64(3)});
  ASSERT_FALSE(wrong);
  EXPECT_NE(wrong.error().message.find("argument 1 has type i64, expected i32"), std::string::npos);

  Value out[2];
  Value args[2] = {Value::i32(1), Value::i32(2)};
  EXPECT_FALSE(add->call(args, out));  // room for two results, one returned
}

TEST_F(FuncTest, TypedCallsConvertDirectly) {
  auto add = instance->typedFunc<int32_t(int32_t, int32_t)>("add");
  ASSERT_TRUE(add) << add.error().describe();
  EXPECT_EQ(*(*add)(20, 22), 42);
  EXPECT_EQ(*add->call(-1, 1), 0);

  auto fib = instance->typedFunc<uint32_t(uint32_t)>("fib");
  ASSERT_TRUE(fib);
  EXPECT_EQ(*(*fib)(20), 6765u);

  auto swap = instance->typedFunc<std::tuple<double, int64_t>(int64_t, double)>("swap");
  ASSERT_TRUE(swap) << swap.error().describe();
  Result<std::tuple<double, int64_t>> s = (*swap)(7, 2.5);
  ASSERT_TRUE(s);
  EXPECT_EQ(std::get<0>(*s), 2.5);
  EXPECT_EQ(std::get<1>(*s), 7);

  auto nothing = instance->typedFunc<void()>("nothing");
  ASSERT_TRUE(nothing);
  EXPECT_TRUE((*nothing)());
}

TEST_F(FuncTest, TypedViewChecksTheSignatureOnce) {
  auto bad = instance->typedFunc<int64_t(int32_t, int32_t)>("add");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::Usage);
  EXPECT_NE(bad.error().message.find("(i32, i32) -> (i32)"), std::string::npos) << bad.error().message;
  EXPECT_NE(bad.error().message.find("(i32, i32) -> (i64)"), std::string::npos);
}

TEST_F(FuncTest, MissingOrWrongKindOfExportIsNamed) {
  Result<Func> none = instance->func("sub");
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().message.find("no export named \"sub\""), std::string::npos);
  Result<Memory> notMemory = instance->memory("add");
  ASSERT_FALSE(notMemory);
  EXPECT_NE(notMemory.error().message.find("is a func, not a memory"), std::string::npos);
}

TEST_F(FuncTest, HandlesCompareAndHashByObject) {
  Result<Func> a1 = instance->func("add"), a2 = instance->func("add"), f = instance->func("fib");
  EXPECT_EQ(*a1, *a2);
  EXPECT_FALSE(*a1 == *f);
  EXPECT_EQ(std::hash<Func>()(*a1), std::hash<Func>()(*a2));
  EXPECT_EQ(&a1->owner(), &store);
}

}  // namespace
}  // namespace wasmcap
