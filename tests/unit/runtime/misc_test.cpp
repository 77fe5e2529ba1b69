// Values, trap messages, tables and the type registry.
#include <gtest/gtest.h>

#include "runtime/objects.h"
#include "runtime/store.h"
#include "runtime/trap.h"
#include "runtime/value.h"

namespace wasmcap::runtime {
namespace {

TEST(Value, ToString) {
  EXPECT_EQ(valueToString(Value::i32(42)), "i32:42");
  EXPECT_EQ(valueToString(Value::i64(~uint64_t{0})), "i64:18446744073709551615");
  EXPECT_EQ(valueToString(Value::f64(1.5)), "f64:1.5");
  EXPECT_EQ(valueToString(Value::f32(-0.25f)), "f32:-0.25");
  EXPECT_EQ(valueToString(Value::f32Bits(0x7FC00001)), "f32:nan:0x400001");
  EXPECT_EQ(valueToString(Value::ref(ir::ValType::funcref(), nullptr)), "funcref:null");
  V128 v;
  v.bytes[0] = 1;
  v.bytes[15] = 0x80;
  EXPECT_EQ(valueToString(Value::v128(v)), "v128:i32x4 0x1 0x0 0x0 0x80000000");
}

TEST(Trap, MessagesMatchTheSpec) {
  EXPECT_EQ(Trap(TrapKind::MemoryOutOfBounds).message, "out of bounds memory access");
  EXPECT_EQ(Trap(TrapKind::TableOutOfBounds).message, "out of bounds table access");
  EXPECT_EQ(Trap(TrapKind::UndefinedElement).message, "undefined element");
  EXPECT_EQ(Trap(TrapKind::UninitializedElement).message, "uninitialized element");
  EXPECT_EQ(Trap(TrapKind::IndirectCallTypeMismatch).message, "indirect call type mismatch");
  EXPECT_EQ(Trap(TrapKind::IntegerDivideByZero).message, "integer divide by zero");
  EXPECT_EQ(Trap(TrapKind::IntegerOverflow).message, "integer overflow");
  EXPECT_EQ(Trap(TrapKind::InvalidConversion).message, "invalid conversion to integer");
  EXPECT_EQ(Trap(TrapKind::CallStackExhausted).message, "call stack exhausted");
  EXPECT_EQ(Trap(TrapKind::Unreachable).message, "unreachable");
  EXPECT_EQ(Trap(TrapKind::OutOfFuel).message, "all fuel consumed");
}

TEST(Trap, DescribeHasOneLinePerFrame) {
  Trap t(TrapKind::Unreachable);
  t.backtrace.push_back({3, "inner", "", 0});
  t.backtrace.push_back({1, "outer", "lib", 0x2a});
  EXPECT_EQ(t.describe(), "unreachable\n  at inner (func 3)\n  at lib!outer (func 1) @0x2a");
}

TEST(Table, GrowRespectsMaxAndCap) {
  ir::TableType type;
  type.limits.min = 1;
  type.limits.max = 4;
  int marker;
  Table t(type, nullptr);
  EXPECT_EQ(t.grow(2, &marker), 1u);
  EXPECT_EQ(t.size(), 3u);
  EXPECT_EQ(t.get(0), nullptr);
  EXPECT_EQ(t.get(2), &marker);
  EXPECT_EQ(t.type().limits.min, 3u);
  EXPECT_EQ(t.grow(2, nullptr), ~uint64_t{0});
  EXPECT_EQ(t.grow(0, nullptr), 3u);
  EXPECT_EQ(t.size(), 3u);

  ir::TableType open;
  Table u(open, nullptr);
  EXPECT_EQ(u.grow(11, nullptr, 10), ~uint64_t{0});
  EXPECT_EQ(u.grow(~uint64_t{0}, nullptr), ~uint64_t{0});
  EXPECT_EQ(u.grow(10, nullptr, 10), 0u);
}

TEST(TypeRegistry, StructurallyEqualTypesShareAnId) {
  TypeRegistry reg;
  ir::FuncType a{{ir::ValType::i32()}, {}};
  ir::FuncType b{{}, {ir::ValType::i32()}};
  ir::FuncType c{{ir::ValType::i32()}, {}};
  uint32_t ia = reg.intern(a);
  uint32_t ib = reg.intern(b);
  EXPECT_NE(ia, ib);
  EXPECT_EQ(reg.intern(c), ia);
  EXPECT_NE(reg.intern({{ir::ValType::funcref()}, {}}), reg.intern({{ir::ValType::externref()}, {}}));
}

}  // namespace
}  // namespace wasmcap::runtime
