#include "runtime/const_expr.h"

#include <gtest/gtest.h>

#include "test_module.h"

namespace wasmcap::runtime {
namespace {

using testing::concat;
using testing::globalGet;
using testing::i32Const;
using testing::i64Const;
using testing::ModuleBuilder;
using testing::refFunc;

// An instance whose module is `b.m`, with the given globals and functions.
struct Fixture {
  ModuleBuilder b;
  std::shared_ptr<CompiledModule> compiled = std::make_shared<CompiledModule>();
  Instance inst;

  Result<Value> eval(const std::vector<uint8_t>& code) {
    ir::ConstExpr e = b.expr(code);
    compiled->module = b.m;
    inst.compiled = compiled;
    return evalConstExpr(inst, e);
  }
};

TEST(ConstExpr, IntegerConstants) {
  Fixture f;
  auto a = f.eval(i32Const(-5));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->type, ir::ValType::i32());
  EXPECT_EQ(a->raw.i32, 0xFFFFFFFBu);
  auto b = f.eval(i64Const(INT64_MIN));
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->type, ir::ValType::i64());
  EXPECT_EQ(b->raw.i64, uint64_t{1} << 63);
}

TEST(ConstExpr, FloatConstantsKeepTheirBits) {
  Fixture f;
  // f32.const with a NaN payload, f64.const -0.0.
  auto a = f.eval({0x43, 0x01, 0x00, 0xC0, 0x7F});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->type, ir::ValType::f32());
  EXPECT_EQ(a->raw.f32, 0x7FC00001u);
  auto b = f.eval({0x44, 0, 0, 0, 0, 0, 0, 0, 0x80});
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->type, ir::ValType::f64());
  EXPECT_EQ(b->raw.f64, uint64_t{1} << 63);
}

TEST(ConstExpr, V128Constant) {
  Fixture f;
  std::vector<uint8_t> code{0xFD, 0x0C};
  for (uint8_t i = 0; i < 16; ++i) code.push_back(static_cast<uint8_t>(i * 3));
  auto v = f.eval(code);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->type, ir::ValType::v128());
  for (int i = 0; i < 16; ++i) EXPECT_EQ(v->raw.v128.bytes[i], i * 3);
}

TEST(ConstExpr, References) {
  Fixture f;
  FuncInst fn0, fn1;
  f.inst.funcs = {&fn0, &fn1};
  auto nullExtern = f.eval({0xD0, 0x6F});
  ASSERT_TRUE(nullExtern.ok());
  EXPECT_EQ(nullExtern->type, ir::ValType::externref());
  EXPECT_EQ(nullExtern->raw.ref, nullptr);
  auto fn = f.eval(refFunc(1));
  ASSERT_TRUE(fn.ok());
  EXPECT_EQ(fn->type, ir::ValType::funcref());
  EXPECT_EQ(fn->raw.ref, &fn1);
  EXPECT_FALSE(f.eval(refFunc(2)).ok());
}

TEST(ConstExpr, GlobalGetReadsTheCurrentValue) {
  Fixture f;
  Global g;
  g.type = {ir::ValType::i64(), false};
  g.value.i64 = 77;
  f.inst.globals = {&g};
  auto v = f.eval(globalGet(0));
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->type, ir::ValType::i64());
  EXPECT_EQ(v->raw.i64, 77u);
  auto missing = f.eval(globalGet(1));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::Invalid);
}

TEST(ConstExpr, PaddedImmediatesAndTrailingInstructions) {
  Fixture f;
  auto max = f.eval({0x41, 0xFF, 0xFF, 0xFF, 0xFF, 0x07});  // INT32_MAX in the longest form
  ASSERT_TRUE(max.ok());
  EXPECT_EQ(max->raw.i32, 0x7FFFFFFFu);
  auto zero = f.eval({0x42, 0x80, 0x80, 0x00});  // i64.const 0, padded
  ASSERT_TRUE(zero.ok());
  EXPECT_EQ(zero->type, ir::ValType::i64());
  EXPECT_EQ(zero->raw.i64, 0u);
  Global g;
  g.type = {ir::ValType::i32(), false};
  g.value.i32 = 5;
  f.inst.globals = {&g};
  auto padded = f.eval({0x23, 0x80, 0x00});  // global.get 0, padded
  ASSERT_TRUE(padded.ok());
  EXPECT_EQ(padded->raw.i32, 5u);
  EXPECT_FALSE(f.eval({0x41, 0x01, 0x01}).ok());  // i32.const 1 nop
  EXPECT_FALSE(f.eval({0x23, 0x00, 0x01}).ok());  // global.get 0 nop
}

TEST(ConstExpr, ExtendedConstArithmeticWraps) {
  Fixture f;
  // (i32.add (i32.const 0x7fffffff) (i32.const 1)) wraps to INT32_MIN.
  auto add = f.eval(concat({i32Const(INT32_MAX), i32Const(1), {0x6A}}));
  ASSERT_TRUE(add.ok());
  EXPECT_EQ(add->raw.i32, 0x80000000u);
  auto sub = f.eval(concat({i32Const(0), i32Const(1), {0x6B}}));
  ASSERT_TRUE(sub.ok());
  EXPECT_EQ(sub->raw.i32, 0xFFFFFFFFu);
  auto mul = f.eval(concat({i32Const(0x10000), i32Const(0x10001), {0x6C}}));
  ASSERT_TRUE(mul.ok());
  EXPECT_EQ(mul->raw.i32, 0x10000u);
  auto mul64 = f.eval(concat({i64Const(INT64_MAX), i64Const(2), {0x7E}}));
  ASSERT_TRUE(mul64.ok());
  EXPECT_EQ(mul64->raw.i64, 0xFFFFFFFFFFFFFFFEull);
}

TEST(ConstExpr, RejectsNonConstantInstructionsAndBadShapes) {
  Fixture f;
  auto nop = f.eval({0x01});
  ASSERT_FALSE(nop.ok());
  EXPECT_EQ(nop.error().code, ErrorCode::Invalid);
  EXPECT_FALSE(f.eval(concat({i32Const(1), i32Const(2)})).ok());   // two results
  EXPECT_FALSE(f.eval(concat({i32Const(1), i64Const(2), {0x6A}})).ok());  // mixed types
  EXPECT_FALSE(f.eval({}).ok());                                     // no result
}

}  // namespace
}  // namespace wasmcap::runtime
