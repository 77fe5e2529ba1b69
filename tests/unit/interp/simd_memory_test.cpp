// v128 loads and stores through the interpreter in the shapes compiled SIMD
// loops use: addresses computed by i32.add of two locals or of a constant
// (which wraps to 32 bits before the offset is added), constant addresses,
// accesses straddling the end of memory (traps), and a saxpy + dot product
// and a u8x16 blend loop checked against the same arithmetic done here.
#include <cstring>

#include "harness.h"

namespace wasmcap::interp::testing {
namespace {

using runtime::TrapKind;

constexpr const char* kVectors = R"((module
  (memory 1)
  (data (i32.const 16) "\00\01\02\03\04\05\06\07\08\09\0a\0b\0c\0d\0e\0f\10\11\12\13\14\15\16\17\18\19\1a\1b\1c\1d\1e\1f")
  (func (export "copy_add") (param $src i32) (param $i i32) (param $dst i32)
    (v128.store (i32.add (local.get $dst) (local.get $i)) (v128.load (i32.add (local.get $src) (local.get $i)))))
  (func (export "copy_imm") (param $src i32) (param $dst i32)
    (v128.store offset=8 (i32.add (local.get $dst) (i32.const 24)) (v128.load offset=2 (i32.add (local.get $src) (i32.const 14)))))
  (func (export "copy_abs") (v128.store offset=4 (i32.const 508) (v128.load offset=1 (i32.const 15))))
  (func (export "load_add") (param i32 i32) (result i64)
    (i64x2.extract_lane 1 (v128.load offset=4 (i32.add (local.get 0) (local.get 1)))))
  (func (export "store_add") (param i32 i32 i64)
    (v128.store (i32.add (local.get 0) (local.get 1)) (i64x2.splat (local.get 2))))
  (func (export "lo") (param i32) (result i64) (i64.load (local.get 0)))
  (func (export "hi") (param i32) (result i64) (i64.load offset=8 (local.get 0)))
  (func (export "f32at") (param i32) (result f32) (f32.load (local.get 0)))
  (func (export "u8at") (param i32) (result i32) (i32.load8_u (local.get 0)))
  ;; x[i] = i / 4, y[i] = 1 - i / 2 at 1024 and 2048; bytes a[i] = 37 i, b[i] = 91 i + 5 at 4096 and 4352.
  (func (export "init") (local $i i32)
    (loop $l
      (f32.store offset=1024 (i32.shl (local.get $i) (i32.const 2))
        (f32.mul (f32.convert_i32_s (local.get $i)) (f32.const 0.25)))
      (f32.store offset=2048 (i32.shl (local.get $i) (i32.const 2))
        (f32.sub (f32.const 1) (f32.mul (f32.convert_i32_s (local.get $i)) (f32.const 0.5))))
      (i32.store8 offset=4096 (local.get $i) (i32.mul (local.get $i) (i32.const 37)))
      (i32.store8 offset=4352 (local.get $i) (i32.add (i32.mul (local.get $i) (i32.const 91)) (i32.const 5)))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 64)))))
  ;; y = a x + y over n floats, returning dot(x, y) summed in four lanes.
  (func (export "saxpy_dot") (param $a f32) (param $x i32) (param $y i32) (param $n i32) (result f32)
    (local $i i32) (local $k i32) (local $p i32) (local $va v128) (local $acc v128) (local $vx v128) (local $vy v128)
    (local.set $va (f32x4.splat (local.get $a)))
    (loop $l
      (v128.store (local.tee $p (i32.add (local.get $y) (local.get $i)))
        (local.tee $vy (f32x4.add
          (f32x4.mul (local.get $va) (local.tee $vx (v128.load (i32.add (local.get $x) (local.get $i)))))
          (v128.load (local.get $p)))))
      (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul (local.get $vx) (local.get $vy))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br_if $l (i32.lt_s (local.tee $k (i32.add (local.get $k) (i32.const 4))) (local.get $n))))
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
      (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc)))))
  ;; out = max_u(add_sat_u(avgr_u(a, b), a), b) over n bytes.
  (func (export "blend") (param $a i32) (param $b i32) (param $out i32) (param $n i32)
    (local $i i32) (local $va v128) (local $vb v128)
    (loop $l
      (v128.store (i32.add (local.get $out) (local.get $i))
        (i8x16.max_u
          (i8x16.add_sat_u
            (i8x16.avgr_u (local.tee $va (v128.load (i32.add (local.get $a) (local.get $i))))
                          (local.tee $vb (v128.load (i32.add (local.get $b) (local.get $i)))))
            (local.get $va))
          (local.get $vb)))
      (br_if $l (i32.lt_s (local.tee $i (i32.add (local.get $i) (i32.const 16))) (local.get $n)))))
))";

// Little-endian value of memory bytes [at, at + 8) inside the data segment
// (byte k holds k - 16 for 16 <= k < 48).
uint64_t pattern(uint32_t at) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | (at - 16 + i);
  return v;
}

TEST(InterpSimdMemory, ComputedAndConstantAddresses) {
  Harness h;
  h.load(kVectors);
  std::vector<runtime::Value> r;
  ASSERT_FALSE(h.call("copy_add", {I32(10), I32(6), I32(200)}, r).has_value());  // [16, 32) -> [206, 222)
  EXPECT_EQ(h.i64("lo", {I32(206)}), pattern(16));
  EXPECT_EQ(h.i64("hi", {I32(206)}), pattern(24));
  ASSERT_FALSE(h.call("copy_imm", {I32(1), I32(300)}, r).has_value());  // [17, 33) -> [332, 348)
  EXPECT_EQ(h.i64("lo", {I32(332)}), pattern(17));
  EXPECT_EQ(h.i64("hi", {I32(332)}), pattern(25));
  ASSERT_FALSE(h.call("copy_abs", {}, r).has_value());  // [16, 32) -> [512, 528)
  EXPECT_EQ(h.i64("lo", {I32(512)}), pattern(16));
  EXPECT_EQ(h.i64("hi", {I32(512)}), pattern(24));
  EXPECT_EQ(h.i64("load_add", {I32(8), I32(8)}), pattern(28));  // lane 1 of [20, 36)
  // The i32.add wraps before the offset is added: 0xFFFFFFF8 + 16 = 8.
  EXPECT_EQ(h.i64("load_add", {I32(0xFFFFFFF8u), I32(16)}), pattern(20));
  ASSERT_FALSE(h.call("store_add", {I32(0xFFFFFFFFu), I32(1001), I64(0x0102030405060708ull)}, r).has_value());
  EXPECT_EQ(h.i64("lo", {I32(1000)}), 0x0102030405060708ull);
  EXPECT_EQ(h.i64("hi", {I32(1000)}), 0x0102030405060708ull);
}

TEST(InterpSimdMemory, AccessesPastTheEndTrap) {
  Harness h;
  h.load(kVectors);
  std::vector<runtime::Value> r;
  EXPECT_FALSE(h.call("copy_add", {I32(65500), I32(20), I32(0)}, r).has_value());  // reads [65520, 65536)
  EXPECT_EQ(h.trap("copy_add", {I32(65500), I32(21), I32(0)}).kind, TrapKind::MemoryOutOfBounds);
  EXPECT_EQ(h.trap("copy_add", {I32(0), I32(65521), I32(0)}).kind, TrapKind::MemoryOutOfBounds);
  EXPECT_EQ(h.trap("store_add", {I32(65520), I32(1), I64(0)}).kind, TrapKind::MemoryOutOfBounds);
  EXPECT_EQ(h.trap("load_add", {I32(65516), I32(1)}).kind, TrapKind::MemoryOutOfBounds);  // + offset 4
  // Nothing was written by the trapping store.
  EXPECT_EQ(h.i64("lo", {I32(65520)}), 0u);
  EXPECT_EQ(h.i64("hi", {I32(65520)}), 0u);
}

float f32(const runtime::Value& v) {
  float f;
  std::memcpy(&f, &v.raw.f32, 4);
  return f;
}

TEST(InterpSimdMemory, SaxpyAndBlendLoops) {
  Harness h;
  h.load(kVectors);
  std::vector<runtime::Value> r;
  ASSERT_FALSE(h.call("init", {}, r).has_value());
  float x[64], y[64], acc[4] = {0, 0, 0, 0};
  for (int i = 0; i < 64; ++i) {
    x[i] = static_cast<float>(i) * 0.25f;
    y[i] = 1.0f - static_cast<float>(i) * 0.5f;
  }
  for (int rep = 0; rep < 2; ++rep) {
    float a = rep ? -0.75f : 1.5f;
    runtime::Value dot = h.call1("saxpy_dot", {runtime::Value::f32(a), I32(1024), I32(2048), I32(64)});
    for (float& l : acc) l = 0;
    for (int i = 0; i < 64; ++i) {
      volatile float product = a * x[i];  // two roundings, as f32x4.mul then f32x4.add
      y[i] = product + y[i];
      volatile float term = x[i] * y[i];
      acc[i % 4] = acc[i % 4] + term;
    }
    EXPECT_EQ(f32(dot), (acc[0] + acc[1]) + (acc[2] + acc[3]));
    for (int i = 0; i < 64; ++i) EXPECT_EQ(f32(h.call1("f32at", {I32(2048 + 4 * i)})), y[i]) << i;
  }

  ASSERT_FALSE(h.call("blend", {I32(4096), I32(4352), I32(4608), I32(64)}, r).has_value());
  for (unsigned i = 0; i < 64; ++i) {
    unsigned a = (i * 37) & 255, b = (i * 91 + 5) & 255;
    unsigned avg = (a + b + 1) / 2, sum = avg + a > 255 ? 255 : avg + a;
    EXPECT_EQ(h.i32("u8at", {I32(4608 + i)}), sum > b ? sum : b) << i;
  }
}

}  // namespace
}  // namespace wasmcap::interp::testing
