// Linear memory: unchecked accesses whose faults in the guard region become
// traps (with the wasm backtrace), growth, and bulk operations that check
// bounds before writing anything.
#include "harness.h"

namespace wasmcap::interp::testing {
namespace {

using runtime::TrapKind;

constexpr const char* kMemory = R"((module
  (memory 1 3)
  (data (i32.const 16) "\01\02\03\04\05\06\07\08")
  (func $load (export "load") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "load_via_call") (param i32) (result i32) (call $load (local.get 0)))
  (func (export "load_off") (param i32) (result i64) (i64.load offset=0xFFFFFFFF (local.get 0)))
  (func (export "load8_s") (param i32) (result i32) (i32.load8_s (local.get 0)))
  (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "size") (result i32) (memory.size))
  (func (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
  (func (export "copy") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2))))
)";

TEST(InterpMemory, LoadsAndStores) {
  Harness h;
  h.load(kMemory);
  EXPECT_EQ(h.i32("load", {I32(16)}), 0x04030201u);
  EXPECT_EQ(h.i32("load", {I32(65532)}), 0u);  // the last whole word
  h.i32("grow", {I32(0)});
  std::vector<runtime::Value> r;
  ASSERT_FALSE(h.call("store", {I32(100), I32(0xFFFFFF80)}, r).has_value());
  EXPECT_EQ(h.i32("load8_s", {I32(100)}), 0xFFFFFF80u);
}

TEST(InterpMemory, OutOfBoundsFaultsBecomeTraps) {
  Harness h;
  h.load(kMemory);
  runtime::Trap t = h.trap("load", {I32(65533)});  // straddles the end
  EXPECT_EQ(t.kind, TrapKind::MemoryOutOfBounds);
  EXPECT_EQ(t.message, "out of bounds memory access");
  // Largest effective address: 0xFFFFFFFF + 0xFFFFFFFF.
  EXPECT_EQ(h.trap("load_off", {I32(0xFFFFFFFF)}).kind, TrapKind::MemoryOutOfBounds);
  // The fault abandons the loop; the backtrace still names the frames.
  runtime::Trap nested = h.trap("load_via_call", {I32(0x80000000)});
  EXPECT_EQ(nested.kind, TrapKind::MemoryOutOfBounds);
  ASSERT_EQ(nested.backtrace.size(), 2u);
  EXPECT_EQ(nested.backtrace[0].funcIndex, 0u);
  EXPECT_EQ(nested.backtrace[1].funcIndex, 1u);
  // Execution continues normally afterwards.
  EXPECT_EQ(h.i32("load_via_call", {I32(20)}), 0x08070605u);
}

TEST(InterpMemory, GrowMakesPagesAccessible) {
  Harness h;
  h.load(kMemory);
  EXPECT_EQ(h.trap("load", {I32(65536)}).kind, TrapKind::MemoryOutOfBounds);
  EXPECT_EQ(h.i32("grow", {I32(1)}), 1u);
  EXPECT_EQ(h.i32("size"), 2u);
  EXPECT_EQ(h.i32("load", {I32(65536)}), 0u);
  EXPECT_EQ(h.i32("grow", {I32(2)}), 0xFFFFFFFFu);  // past the maximum of 3
  EXPECT_EQ(h.i32("size"), 2u);
}

TEST(InterpMemory, BulkOperationsDoNotWritePartially) {
  Harness h;
  h.load(kMemory);
  // A fill running past the end traps and leaves the in-bounds part alone.
  EXPECT_EQ(h.trap("fill", {I32(65530), I32(0xAB), I32(10)}).kind, TrapKind::MemoryOutOfBounds);
  EXPECT_EQ(h.i32("load", {I32(65532)}), 0u);
  EXPECT_EQ(h.trap("copy", {I32(65530), I32(16), I32(8)}).kind, TrapKind::MemoryOutOfBounds);
  EXPECT_EQ(h.i32("load", {I32(65528)}), 0u);
  // Overlapping copy behaves like memmove.
  std::vector<runtime::Value> r;
  ASSERT_FALSE(h.call("copy", {I32(18), I32(16), I32(8)}, r).has_value());
  EXPECT_EQ(h.i32("load", {I32(16)}), 0x02010201u);
  ASSERT_FALSE(h.call("fill", {I32(65535), I32(7), I32(1)}, r).has_value());
  EXPECT_EQ(h.i32("load8_s", {I32(65535)}), 7u);
  // Zero-length operations at the very end are allowed.
  ASSERT_FALSE(h.call("fill", {I32(65536), I32(7), I32(0)}, r).has_value());
}

}  // namespace
}  // namespace wasmcap::interp::testing
