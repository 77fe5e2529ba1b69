// memory64 and table64: 64-bit addresses checked explicitly (CheckAddress64)
// before memory 0's handlers run, 64-bit bulk operations, and 64-bit table
// indices narrowed for the 32-bit table handlers.
#include "harness.h"

namespace wasmcap::interp::testing {
namespace {

using runtime::TrapKind;

constexpr const char* kMemory64 = R"((module
  (memory $m i64 1 3)
  (memory $small 1)
  (data (memory $m) (i64.const 0) "\01\02\03\04")
  (data $passive "\aa\bb\cc")
  (func (export "load") (param i64) (result i32) (i32.load (local.get 0)))
  (func (export "load_const") (result i32) (i32.load (i64.const 0x1_0000_0000)))
  (func (export "load_off") (param i64) (result i32) (i32.load offset=0xFFFF_FFFF_FFFF_FFF0 (local.get 0)))
  (func (export "load8") (param i64) (result i32) (i32.load8_u (local.get 0)))
  (func (export "v128") (param i64) (result i32) (i32x4.extract_lane 0 (v128.load (local.get 0))))
  (func (export "store") (param i64 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "size") (result i64) (memory.size))
  (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0)))
  (func (export "fill") (param i64 i32 i64) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
  (func (export "copy") (param i64 i64 i64) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
  (func (export "init") (param i64 i32 i32) (memory.init $passive (local.get 0) (local.get 1) (local.get 2)))
  ;; between the 32-bit memory and the 64-bit one: the count is an i32
  (func (export "copy_to_small") (param i32 i64 i32) (memory.copy $small $m (local.get 0) (local.get 1) (local.get 2)))
  (func (export "load_small") (param i32) (result i32) (i32.load $small (local.get 0))))
)";

TEST(InterpMemory64, AccessesAreCheckedAgainstTheSize) {
  Harness h;
  h.load(kMemory64);
  EXPECT_EQ(h.i32("load", {I64(0)}), 0x04030201u);
  EXPECT_EQ(h.i32("load", {I64(65532)}), 0u);  // the last whole word
  EXPECT_EQ(h.trap("load", {I64(65533)}).kind, TrapKind::MemoryOutOfBounds);  // straddles the end
  EXPECT_EQ(h.trap("load", {I64(0x1'0000'0000)}).kind, TrapKind::MemoryOutOfBounds);  // low half 0
  EXPECT_EQ(h.trap("load", {I64(~uint64_t{0})}).kind, TrapKind::MemoryOutOfBounds);
  EXPECT_EQ(h.trap("load_const").kind, TrapKind::MemoryOutOfBounds);
  EXPECT_EQ(h.trap("load_off", {I64(0x20)}).kind, TrapKind::MemoryOutOfBounds);  // address + offset wraps
  EXPECT_EQ(h.trap("load8", {I64(65536)}).kind, TrapKind::MemoryOutOfBounds);
  EXPECT_EQ(h.i32("load8", {I64(65535)}), 0u);
  EXPECT_EQ(h.i32("v128", {I64(0)}), 0x04030201u);
  EXPECT_EQ(h.trap("v128", {I64(65521)}).kind, TrapKind::MemoryOutOfBounds);
  std::vector<runtime::Value> r;
  ASSERT_FALSE(h.call("store", {I64(100), I32(0xabcdef01)}, r));
  EXPECT_EQ(h.i32("load", {I64(100)}), 0xabcdef01u);
  EXPECT_EQ(h.trap("store", {I64(0x1'0000'0064), I32(1)}).kind, TrapKind::MemoryOutOfBounds);
  EXPECT_EQ(h.i32("load", {I64(100)}), 0xabcdef01u);  // not written through the low half
}

TEST(InterpMemory64, SizeAndGrowAreI64) {
  Harness h;
  h.load(kMemory64);
  EXPECT_EQ(h.i64("size"), 1u);
  EXPECT_EQ(h.i64("grow", {I64(1)}), 1u);
  EXPECT_EQ(h.i64("size"), 2u);
  EXPECT_EQ(h.i64("grow", {I64(2)}), ~uint64_t{0});  // max 3
  EXPECT_EQ(h.i64("grow", {I64(0x1'0000'0001)}), ~uint64_t{0});  // not 1 page
  EXPECT_EQ(h.i64("size"), 2u);
  std::vector<runtime::Value> r;
  ASSERT_FALSE(h.call("store", {I64(65536 + 4), I32(9)}, r));
  EXPECT_EQ(h.i32("load", {I64(65536 + 4)}), 9u);
}

TEST(InterpMemory64, BulkOperationsTakeI64Operands) {
  Harness h;
  h.load(kMemory64);
  std::vector<runtime::Value> r;
  ASSERT_FALSE(h.call("fill", {I64(200), I32(0x22), I64(4)}, r));
  EXPECT_EQ(h.i32("load", {I64(200)}), 0x22222222u);
  EXPECT_EQ(h.trap("fill", {I64(0), I32(0), I64(0x1'0000'0000)}).kind, TrapKind::MemoryOutOfBounds);
  EXPECT_EQ(h.trap("fill", {I64(0x1'0000'0000), I32(0), I64(0)}).kind, TrapKind::MemoryOutOfBounds);
  ASSERT_FALSE(h.call("copy", {I64(300), I64(0), I64(4)}, r));
  EXPECT_EQ(h.i32("load", {I64(300)}), 0x04030201u);
  EXPECT_EQ(h.trap("copy", {I64(0), I64(0x1'0000'0000), I64(1)}).kind, TrapKind::MemoryOutOfBounds);
  ASSERT_FALSE(h.call("init", {I64(400), I32(0), I32(3)}, r));
  EXPECT_EQ(h.i32("load", {I64(400)}) & 0xFFFFFFu, 0xccbbaau);
  EXPECT_EQ(h.trap("init", {I64(0x1'0000'0000), I32(0), I32(0)}).kind, TrapKind::MemoryOutOfBounds);
  ASSERT_FALSE(h.call("copy_to_small", {I32(8), I64(0), I32(4)}, r));
  EXPECT_EQ(h.i32("load_small", {I32(8)}), 0x04030201u);
  EXPECT_EQ(h.trap("copy_to_small", {I32(0), I64(0x1'0000'0000), I32(1)}).kind, TrapKind::MemoryOutOfBounds);
}

constexpr const char* kTable64 = R"((module
  (type $v (func (result i32)))
  (table $t i64 2 4 funcref)
  (elem (table $t) (i64.const 0) func $one $two)
  (func $one (result i32) (i32.const 1))
  (func $two (result i32) (i32.const 2))
  (func (export "call") (param i64) (result i32) (call_indirect $t (type $v) (local.get 0)))
  (func (export "is_null") (param i64) (result i32) (ref.is_null (table.get $t (local.get 0))))
  (func (export "size") (result i64) (table.size $t))
  (func (export "grow") (param i64) (result i64) (table.grow $t (ref.null func) (local.get 0)))
  (func (export "fill") (param i64 i64) (table.fill $t (local.get 0) (ref.null func) (local.get 1))))
)";

TEST(InterpTable64, IndicesAndCountsAreI64) {
  Harness h;
  h.load(kTable64);
  EXPECT_EQ(h.i32("call", {I64(1)}), 2u);
  EXPECT_EQ(h.trap("call", {I64(0x1'0000'0001)}).kind, TrapKind::UndefinedElement);  // not element 1
  EXPECT_EQ(h.i32("is_null", {I64(0)}), 0u);
  EXPECT_EQ(h.trap("is_null", {I64(0x1'0000'0000)}).kind, TrapKind::TableOutOfBounds);
  EXPECT_EQ(h.i64("size"), 2u);
  EXPECT_EQ(h.i64("grow", {I64(0x1'0000'0001)}), ~uint64_t{0});
  EXPECT_EQ(h.i64("grow", {I64(3)}), ~uint64_t{0});  // max 4
  EXPECT_EQ(h.i64("grow", {I64(1)}), 2u);
  EXPECT_EQ(h.i64("size"), 3u);
  EXPECT_EQ(h.trap("fill", {I64(0), I64(0x1'0000'0000)}).kind, TrapKind::TableOutOfBounds);
  std::vector<runtime::Value> r;
  ASSERT_FALSE(h.call("fill", {I64(0), I64(1)}, r));
  EXPECT_EQ(h.i32("is_null", {I64(0)}), 1u);
}

}  // namespace
}  // namespace wasmcap::interp::testing
