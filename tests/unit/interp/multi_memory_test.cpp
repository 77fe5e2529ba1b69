// Multi-memory: loads and stores of memory N > 0 (memory 0's handlers run
// between UseMemory and UseMemory0), interleaved with memory 0's fused forms,
// and size, grow, fill, copy and init naming their memories.
#include "harness.h"

namespace wasmcap::interp::testing {
namespace {

using runtime::TrapKind;

constexpr const char* kTwoMemories = R"((module
  (memory $a 1)
  (memory $b 2 4)
  (data (memory $a) (i32.const 0) "\0a\0b\0c\0d")
  (data (memory $b) (i32.const 0) "\01\02\03\04")
  (data $passive "\aa\bb\cc")
  (func (export "load_b") (param i32) (result i32) (i32.load $b (local.get 0)))
  (func (export "load8_b") (param i32) (result i32) (i32.load8_u $b (local.get 0)))
  ;; memory 0 accesses fused with the address add, on both sides of memory 1's
  (func (export "mixed") (param i32) (result i32)
    (i32.add
      (i32.add (i32.load8_u $a (i32.add (local.get 0) (i32.const 1)))
               (i32.load8_u $b (i32.add (local.get 0) (i32.const 1))))
      (i32.load8_u $a (i32.add (local.get 0) (i32.const 2)))))
  ;; a sum over memory 1 in a loop: b[0] + ... + b[n-1]
  (func (export "sum_b") (param $n i32) (result i32)
    (local $i i32) (local $s i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $s (i32.add (local.get $s) (i32.load8_u $b (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $s))
  (func (export "store_b") (param i32 i32) (i32.store $b (local.get 0) (local.get 1)))
  (func (export "store_const_b") (param i32) (i64.store $b (local.get 0) (i64.const 0x0102030405060708)))
  (func (export "load_a") (param i32) (result i32) (i32.load $a (local.get 0)))
  (func (export "v128_b") (param i32) (result i32)
    (i32x4.extract_lane 0 (v128.load $b (local.get 0))))
  (func (export "size_a") (result i32) (memory.size $a))
  (func (export "size_b") (result i32) (memory.size $b))
  (func (export "grow_b") (param i32) (result i32) (memory.grow $b (local.get 0)))
  (func (export "fill_b") (param i32 i32 i32) (memory.fill $b (local.get 0) (local.get 1) (local.get 2)))
  (func (export "copy_b_to_a") (param i32 i32 i32) (memory.copy $a $b (local.get 0) (local.get 1) (local.get 2)))
  (func (export "copy_a_to_b") (param i32 i32 i32) (memory.copy $b $a (local.get 0) (local.get 1) (local.get 2)))
  (func (export "init_b") (param i32 i32 i32) (memory.init $b $passive (local.get 0) (local.get 1) (local.get 2))))
)";

TEST(InterpMultiMemory, LoadsAndStoresReachTheirMemory) {
  Harness h;
  h.load(kTwoMemories);
  EXPECT_EQ(h.i32("load_a", {I32(0)}), 0x0d0c0b0au);
  EXPECT_EQ(h.i32("load_b", {I32(0)}), 0x04030201u);
  EXPECT_EQ(h.i32("mixed", {I32(0)}), 0x0bu + 0x02u + 0x0cu);
  EXPECT_EQ(h.i32("sum_b", {I32(4)}), 1u + 2u + 3u + 4u);
  std::vector<runtime::Value> r;
  ASSERT_FALSE(h.call("store_b", {I32(100), I32(0xdeadbeef)}, r));
  EXPECT_EQ(h.i32("load_b", {I32(100)}), 0xdeadbeefu);
  EXPECT_EQ(h.i32("load_a", {I32(100)}), 0u);  // memory 0 untouched
  ASSERT_FALSE(h.call("store_const_b", {I32(200)}, r));
  EXPECT_EQ(h.i32("load_b", {I32(200)}), 0x05060708u);
  EXPECT_EQ(h.i32("v128_b", {I32(0)}), 0x04030201u);
  // Memory 1 is two pages: beyond memory 0's one.
  ASSERT_FALSE(h.call("store_b", {I32(65536 + 8), I32(77)}, r));
  EXPECT_EQ(h.i32("load_b", {I32(65536 + 8)}), 77u);
}

TEST(InterpMultiMemory, OutOfBoundsInAnotherMemoryTraps) {
  Harness h;
  h.load(kTwoMemories);
  EXPECT_EQ(h.trap("load_b", {I32(2 * 65536 - 2)}).kind, TrapKind::MemoryOutOfBounds);
  EXPECT_EQ(h.trap("load_a", {I32(65536)}).kind, TrapKind::MemoryOutOfBounds);
  // After the trap, memory 0 is memory 0 again.
  EXPECT_EQ(h.i32("load_a", {I32(0)}), 0x0d0c0b0au);
}

TEST(InterpMultiMemory, SizeGrowAndBulkOperationsNameTheirMemory) {
  Harness h;
  h.load(kTwoMemories);
  EXPECT_EQ(h.i32("size_a"), 1u);
  EXPECT_EQ(h.i32("size_b"), 2u);
  EXPECT_EQ(h.i32("grow_b", {I32(2)}), 2u);
  EXPECT_EQ(h.i32("size_b"), 4u);
  EXPECT_EQ(h.i32("size_a"), 1u);
  EXPECT_EQ(h.i32("grow_b", {I32(1)}), 0xFFFFFFFFu);  // max 4
  std::vector<runtime::Value> r;
  ASSERT_FALSE(h.call("fill_b", {I32(3 * 65536), I32(0x11), I32(4)}, r));
  EXPECT_EQ(h.i32("load_b", {I32(3 * 65536)}), 0x11111111u);
  ASSERT_FALSE(h.call("copy_b_to_a", {I32(8), I32(0), I32(4)}, r));
  EXPECT_EQ(h.i32("load_a", {I32(8)}), 0x04030201u);
  ASSERT_FALSE(h.call("copy_a_to_b", {I32(3 * 65536 + 4), I32(0), I32(4)}, r));
  EXPECT_EQ(h.i32("load_b", {I32(3 * 65536 + 4)}), 0x0d0c0b0au);
  ASSERT_FALSE(h.call("init_b", {I32(300), I32(1), I32(2)}, r));
  EXPECT_EQ(h.i32("load_b", {I32(300)}) & 0xFFFFu, 0xccbbu);
  // Bounds are each memory's own: memory 0 is one page.
  EXPECT_EQ(h.trap("copy_b_to_a", {I32(65535), I32(0), I32(2)}).kind, TrapKind::MemoryOutOfBounds);
  EXPECT_EQ(h.trap("copy_a_to_b", {I32(0), I32(65535), I32(2)}).kind, TrapKind::MemoryOutOfBounds);
  EXPECT_EQ(h.trap("fill_b", {I32(4 * 65536 - 1), I32(0), I32(2)}).kind, TrapKind::MemoryOutOfBounds);
}

}  // namespace
}  // namespace wasmcap::interp::testing
