// Lowerings that fold operands into instructions agree with the plain
// sequences: constant first operands (operands swapped, comparisons
// mirrored, or the reversed form of sub, shl and div), constant addresses, rotations by a constant, and consecutive
// moves run as one instruction. Each fused export has an unfused twin whose
// operands come through locals.
#include <algorithm>
#include <bit>
#include <limits>
#include <string>
#include <vector>

#include "harness.h"

namespace wasmcap::interp::testing {
namespace {

// (op (const C) (local.get 0)) as a value and as a branch condition, against
// the same with C in a local.
std::string constFirstModule(const std::string& type, const std::string& op, const std::string& c) {
  std::string k = "(" + type + ".const " + c + ")";
  bool compare = op == "eq" || op == "ne" || op.rfind("lt", 0) == 0 || op.rfind("gt", 0) == 0 ||
                 op.rfind("le", 0) == 0 || op.rfind("ge", 0) == 0;
  std::string result = compare ? "i32" : type;
  std::string m = "(module\n";
  m += "  (func (export \"value\") (param " + type + ") (result " + result + ") (" + type + "." + op + " " + k +
       " (local.get 0)))\n";
  m += "  (func (export \"value_unfused\") (param " + type + ") (result " + result + ") (local " + type + ") (" +
       type + "." + op + " (local.tee 1 " + k + ") (local.get 0)))\n";
  if (compare) {
    m += "  (func (export \"branch\") (param " + type + ") (result i32)\n"
         "    (block (br_if 0 (" + type + "." + op + " " + k + " (local.get 0))) (return (i32.const 0))) (i32.const 1))\n";
  }
  m += ")";
  return m;
}

TEST(InterpOperandFusion, ConstantFirstOperandAgreesWithUnfused) {
  const std::vector<std::string> ops = {"add", "mul", "and", "or", "xor", "eq", "ne", "lt_s", "lt_u",
                                        "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u", "sub", "shl"};
  const std::vector<uint64_t> values = {0, 1, 5, 6, 7, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x8000000000000000ull,
                                        0xFFFFFFFFFFFFFFFFull};
  int checked = 0;
  for (std::string type : {"i32", "i64"}) {
    for (const std::string& op : ops) {
      Harness h;
      h.load(constFirstModule(type, op, "6"));
      bool compare = h.func("branch") != nullptr;
      for (uint64_t v : values) {
        runtime::Value arg = type == "i32" ? I32(static_cast<uint32_t>(v)) : I64(v);
        runtime::Value fused = h.call1("value", {arg}), plain = h.call1("value_unfused", {arg});
        if (type == "i32" || compare) {
          EXPECT_EQ(fused.raw.i32, plain.raw.i32) << type << "." << op << " 6, " << v;
        } else {
          EXPECT_EQ(fused.raw.i64, plain.raw.i64) << type << "." << op << " 6, " << v;
        }
        if (compare) {
          EXPECT_EQ(h.i32("branch", {arg}), plain.raw.i32) << type << "." << op << " 6, " << v;
        }
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 2 * 17 * 10);
}

TEST(InterpOperandFusion, FloatConstantFirstOperandAgreesWithUnfused) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (std::string op : {"add", "mul", "eq", "ne", "lt", "gt", "le", "ge", "sub", "div"}) {
    for (std::string type : {"f32", "f64"}) {
      Harness h;
      h.load(constFirstModule(type, op, "1.5"));
      bool compare = h.func("branch") != nullptr;
      for (double v : {-2.0, 1.5, 3.0, 0.0, -0.0, nan}) {
        runtime::Value arg = type == "f32" ? runtime::Value::f32(static_cast<float>(v)) : runtime::Value::f64(v);
        runtime::Value fused = h.call1("value", {arg}), plain = h.call1("value_unfused", {arg});
        if (v != v && !compare) continue;  // any NaN result is allowed
        EXPECT_EQ(fused.raw.i64, plain.raw.i64) << type << "." << op << " 1.5, " << v;
        if (compare) {
          EXPECT_EQ(h.i32("branch", {arg}), plain.raw.i32) << type << "." << op << " 1.5, " << v;
        }
      }
    }
  }
}

// Accesses at constant addresses, including the last bytes of the page and
// address + offset beyond 2^32 (both must trap like the plain access).
constexpr const char* kConstantAddresses = R"((module
  (memory 1)
  (data (i32.const 8) "\01\02\03\04\05\06\07\08")
  (func (export "load8") (result i64) (i64.load offset=4 (i32.const 4)))
  (func (export "load_last") (result i32) (i32.load16_u (i32.const 65534)))
  (func (export "load_past") (result i32) (i32.load (i32.const 65534)))
  (func (export "load_wrap") (result i32) (i32.load offset=2 (i32.const 0xFFFFFFFF)))
  (func (export "store_then_load") (param i64) (result i64)
    (i64.store32 offset=100 (i32.const 20) (local.get 0)) (i64.load (i32.const 120)))
  (func (export "store_const_value") (result i32)
    (i32.store8 (i32.const 7) (i32.const 0x1FF)) (i32.load (i32.const 4)))
  (func (export "store_past") (i32.store offset=65533 (i32.const 0) (i32.const 1)))
  (func (export "store_wrap") (f64.store offset=1 (i32.const 0xFFFFFFFF) (f64.const 1))))
)";

TEST(InterpOperandFusion, ConstantAddressesLoadStoreAndTrap) {
  Harness h;
  h.load(kConstantAddresses);
  EXPECT_EQ(h.i64("load8"), 0x0807060504030201ull);
  EXPECT_EQ(h.i32("load_last"), 0u);
  EXPECT_EQ(h.trap("load_past").kind, runtime::TrapKind::MemoryOutOfBounds);
  EXPECT_EQ(h.trap("load_wrap").kind, runtime::TrapKind::MemoryOutOfBounds);
  EXPECT_EQ(h.i64("store_then_load", {I64(0x1122334455667788ull)}), 0x55667788ull);
  EXPECT_EQ(h.i32("store_const_value"), 0xFF000000u);
  EXPECT_EQ(h.trap("store_past").kind, runtime::TrapKind::MemoryOutOfBounds);
  EXPECT_EQ(h.trap("store_wrap").kind, runtime::TrapKind::MemoryOutOfBounds);
}

TEST(InterpOperandFusion, RotationsByConstantAgreeWithUnfused) {
  Harness h;
  h.load(R"((module
    (func (export "rotl32") (param i32 i32) (result i32) (i32.rotl (local.get 0) (i32.const 7)))
    (func (export "rotr32") (param i32 i32) (result i32) (i32.rotr (local.get 0) (i32.const 39)))
    (func (export "rotl32_unfused") (param i32 i32) (result i32) (i32.rotl (local.get 0) (local.tee 1 (i32.const 7))))
    (func (export "rotr32_unfused") (param i32 i32) (result i32) (i32.rotr (local.get 0) (local.tee 1 (i32.const 39))))
    (func (export "rotl64") (param i64 i64) (result i64) (i64.rotl (local.get 0) (i64.const -1)))
    (func (export "rotr64") (param i64 i64) (result i64) (i64.rotr (local.get 0) (i64.const 13)))
    (func (export "rotl64_unfused") (param i64 i64) (result i64) (i64.rotl (local.get 0) (local.tee 1 (i64.const -1))))
    (func (export "rotr64_unfused") (param i64 i64) (result i64) (i64.rotr (local.get 0) (local.tee 1 (i64.const 13))))))");
  for (uint64_t v : {0x0ull, 0x1ull, 0x80000001ull, 0xDEADBEEFCAFEF00Dull}) {
    for (std::string f : {"rotl32", "rotr32"}) {
      EXPECT_EQ(h.i32(f, {I32(static_cast<uint32_t>(v)), I32(0)}),
                h.i32(f + "_unfused", {I32(static_cast<uint32_t>(v)), I32(0)}))
          << f << " " << v;
    }
    for (std::string f : {"rotl64", "rotr64"}) {
      EXPECT_EQ(h.i64(f, {I64(v), I64(0)}), h.i64(f + "_unfused", {I64(v), I64(0)})) << f << " " << v;
    }
  }
  EXPECT_EQ(h.i32("rotl32", {I32(0x80000001u), I32(0)}), 0xC0u);
}

// Consecutive local-to-local copies run in order (a rotation of three
// locals through a fourth needs exactly that), inside and across a loop.
TEST(InterpOperandFusion, ConsecutiveMovesKeepTheirOrder) {
  Harness h;
  h.load(R"((module
    (func (export "rotate") (param i32 i32 i32 i32) (result i32) (local i32)
      (loop $again
        (local.set 4 (local.get 0)) (local.set 0 (local.get 1)) (local.set 1 (local.get 2))
        (local.set 2 (local.get 4))
        (br_if $again (local.tee 3 (i32.sub (local.get 3) (i32.const 1)))))
      (i32.or (i32.or (i32.shl (local.get 0) (i32.const 16)) (i32.shl (local.get 1) (i32.const 8))) (local.get 2)))))");
  // Each round rotates (a, b, c) left by one.
  EXPECT_EQ(h.i32("rotate", {I32(1), I32(2), I32(3), I32(1)}), 0x020301u);
  EXPECT_EQ(h.i32("rotate", {I32(1), I32(2), I32(3), I32(2)}), 0x030102u);
  EXPECT_EQ(h.i32("rotate", {I32(1), I32(2), I32(3), I32(3)}), 0x010203u);
}

// Two constant steps into locals run as one instruction, in order: the
// second reads what the first wrote.
TEST(InterpOperandFusion, MergedConstantStepsKeepTheirOrder) {
  Harness h;
  h.load(R"((module
    (func (export "steps") (param i32 i32) (result i32)
      (local.set 0 (i32.add (local.get 0) (i32.const 8)))
      (local.set 1 (i32.add (local.get 0) (i32.const -1)))
      (local.set 0 (i32.add (local.get 1) (i32.const 0x7FFFFFFF)))
      (local.set 1 (i32.add (local.get 0) (i32.const 2)))
      (i32.xor (i32.shl (local.get 0) (i32.const 16)) (local.get 1)))))");
  for (uint32_t x : {0u, 1u, 0xFFFFFFF8u, 0x80000000u}) {
    uint32_t a = x + 8, b = a - 1;
    a = b + 0x7FFFFFFFu;
    b = a + 2;
    EXPECT_EQ(h.i32("steps", {I32(x), I32(0)}), (a << 16) ^ b) << x;
  }
}

// A loop step merged with the jump after it: the comparison sees the
// stepped value, and every form (compare with a local or a constant, a plain
// condition, an unconditional back edge) takes its branch the right number
// of times.
TEST(InterpOperandFusion, StepMergedWithJumpSeesTheNewValue) {
  Harness h;
  h.load(R"((module
    (func (export "count_lt") (param i32 i32) (result i32) (local i32)
      (loop $l
        (local.set 2 (i32.add (local.get 2) (i32.const 3)))
        (br_if $l (i32.lt_u (local.tee 0 (i32.add (local.get 0) (i32.const 1))) (local.get 1))))
      (local.get 2))
    (func (export "count_ne_imm") (param i32) (result i32) (local i32)
      (loop $l
        (local.set 1 (i32.add (local.get 1) (i32.const 1)))
        (br_if $l (i32.ne (local.tee 0 (i32.add (local.get 0) (i32.const -1))) (i32.const 0))))
      (local.get 1))
    (func (export "count_cond") (param i32) (result i32) (local i32)
      (loop $l
        (local.set 1 (i32.add (local.get 1) (i32.const 2)))
        (br_if $l (local.tee 0 (i32.add (local.get 0) (i32.const -1)))))
      (local.get 1))
    (func (export "count_jump") (param i32) (result i32) (local i32)
      (block $done
        (loop $l
          (br_if $done (i32.ge_u (local.get 1) (local.get 0)))
          (local.set 1 (i32.add (local.get 1) (i32.const 1)))
          (br $l)))
      (local.get 1))))");
  EXPECT_EQ(h.i32("count_lt", {I32(0), I32(10)}), 30u);
  EXPECT_EQ(h.i32("count_lt", {I32(9), I32(10)}), 3u);
  EXPECT_EQ(h.i32("count_ne_imm", {I32(7)}), 7u);
  EXPECT_EQ(h.i32("count_cond", {I32(5)}), 10u);
  EXPECT_EQ(h.i32("count_jump", {I32(12)}), 12u);
  EXPECT_EQ(h.i32("count_jump", {I32(0)}), 0u);
}

// f64 add/sub/mul whose second operand is loaded by the same instruction
// (plain, i32.add-of-constant and constant addresses), against the same
// with the loaded value passed through a local; out of bounds still traps.
TEST(InterpOperandFusion, LoadedOperandAgreesWithUnfused) {
  Harness h;
  h.load(R"((module (memory 1)
    (func (export "init") (f64.store (i32.const 8) (f64.const 2.5)) (f64.store (i32.const 64) (f64.const -0.75)))
    (func (export "sub") (param f64 i32) (result f64) (f64.sub (local.get 0) (f64.load (local.get 1))))
    (func (export "sub_unfused") (param f64 i32) (result f64) (local f64)
      (f64.sub (local.get 0) (local.tee 2 (f64.load (local.get 1)))))
    (func (export "mul_imm") (param f64 i32) (result f64)
      (f64.mul (local.get 0) (f64.load offset=4 (i32.add (local.get 1) (i32.const 4)))))
    (func (export "mul_imm_unfused") (param f64 i32) (result f64) (local f64)
      (f64.mul (local.get 0) (local.tee 2 (f64.load offset=4 (i32.add (local.get 1) (i32.const 4))))))
    (func (export "add_abs") (param f64 i32) (result f64)
      (f64.store (i32.const 128) (f64.add (local.get 0) (f64.load (i32.const 64)))) (f64.load (i32.const 128)))
    (func (export "add_abs_unfused") (param f64 i32) (result f64) (local f64)
      (f64.add (local.get 0) (local.tee 2 (f64.load (i32.const 64)))))))");
  std::vector<runtime::Value> r;
  ASSERT_FALSE(h.call("init", {}, r).has_value());
  for (std::string f : {"sub", "mul_imm", "add_abs"}) {
    for (uint32_t addr : {0u, 8u, 56u}) {
      for (double x : {1.0, -3.5, 0.0}) {
        std::vector<runtime::Value> args = {runtime::Value::f64(x), I32(addr)};
        EXPECT_EQ(h.call1(f, args).raw.f64, h.call1(f + "_unfused", args).raw.f64) << f << " " << addr << " " << x;
      }
    }
    // The last bytes of the page: the 8-byte load straddles the end.
    std::vector<runtime::Value> past = {runtime::Value::f64(1), I32(65532)};
    if (f != "add_abs") {
      EXPECT_EQ(h.trap(f, past).kind, runtime::TrapKind::MemoryOutOfBounds) << f;
      EXPECT_EQ(h.trap(f + "_unfused", past).kind, runtime::TrapKind::MemoryOutOfBounds) << f;
    }
  }
  EXPECT_EQ(h.call1("sub", {runtime::Value::f64(1), I32(8)}).raw.f64, std::bit_cast<uint64_t>(-1.5));
}

// x[i] += a as one read-modify-write instruction (local and constant
// addresses), next to shapes that must not fuse: another address, another
// offset. Each adds 1.5 to the f64 at 64 and returns what memory holds.
TEST(InterpOperandFusion, AddBackToTheLoadedAddress) {
  Harness h;
  h.load(R"((module (memory 1)
    (func (export "rmw") (param i32) (result f64)
      (f64.store (local.get 0) (f64.add (f64.const 1.5) (f64.load (local.get 0)))) (f64.load (i32.const 64)))
    (func (export "rmw_abs") (param i32) (result f64)
      (f64.store (i32.const 64) (f64.add (f64.const 1.5) (f64.load (i32.const 64)))) (f64.load (i32.const 64)))
    (func (export "other_offset") (param i32) (result f64)
      (f64.store offset=8 (local.get 0) (f64.add (f64.const 1.5) (f64.load (local.get 0))))
      (f64.load (i32.const 72)))
    (func (export "other_address") (param i32) (result f64) (local i32)
      (local.set 1 (i32.const 64))
      (f64.store (local.get 1) (f64.add (f64.const 1.5) (f64.load (local.get 0)))) (f64.load (i32.const 64)))))");
  EXPECT_EQ(std::bit_cast<double>(h.call1("rmw", {I32(64)}).raw.f64), 1.5);
  EXPECT_EQ(std::bit_cast<double>(h.call1("rmw", {I32(64)}).raw.f64), 3.0);
  EXPECT_EQ(std::bit_cast<double>(h.call1("rmw_abs", {I32(0)}).raw.f64), 4.5);
  EXPECT_EQ(std::bit_cast<double>(h.call1("other_offset", {I32(64)}).raw.f64), 6.0);
  EXPECT_EQ(std::bit_cast<double>(h.call1("other_address", {I32(72)}).raw.f64), 7.5);
  EXPECT_EQ(h.trap("rmw", {I32(65530)}).kind, runtime::TrapKind::MemoryOutOfBounds);
}

// x[i] += y * z and x[i] += f(...) fused into the read-modify-write, for
// every multiply form (operands in slots, one in the accumulator, z loaded,
// z loaded at an address plus a constant) and for a constant address,
// against the same with the product passing through a local. Each function
// updates the f64 at `at` and returns it.
TEST(InterpOperandFusion, ProductAddedBackAgreesWithUnfused) {
  Harness h;
  h.load(R"((module (memory 1)
    (func (export "init") (f64.store (i32.const 16) (f64.const 0.1)) (f64.store (i32.const 64) (f64.const -2.5)))
    (func (export "slots") (param i32 i32 f64) (result f64)
      (f64.store (local.get 0) (f64.add (f64.mul (local.get 2) (local.get 2)) (f64.load (local.get 0))))
      (f64.load (local.get 0)))
    (func (export "slots_unfused") (param i32 i32 f64) (result f64) (local f64)
      (f64.store (local.get 0) (f64.add (local.tee 3 (f64.mul (local.get 2) (local.get 2))) (f64.load (local.get 0))))
      (f64.load (local.get 0)))
    (func (export "acc") (param i32 i32 f64) (result f64)
      (f64.store (local.get 0)
        (f64.add (f64.mul (f64.mul (local.get 2) (f64.const 3)) (local.get 2)) (f64.load (local.get 0))))
      (f64.load (local.get 0)))
    (func (export "acc_unfused") (param i32 i32 f64) (result f64) (local f64)
      (f64.store (local.get 0)
        (f64.add (local.tee 3 (f64.mul (f64.mul (local.get 2) (f64.const 3)) (local.get 2))) (f64.load (local.get 0))))
      (f64.load (local.get 0)))
    (func (export "load") (param i32 i32 f64) (result f64)
      (f64.store (local.get 0) (f64.add (f64.mul (local.get 2) (f64.load (local.get 1))) (f64.load (local.get 0))))
      (f64.load (local.get 0)))
    (func (export "load_unfused") (param i32 i32 f64) (result f64) (local f64)
      (f64.store (local.get 0)
        (f64.add (local.tee 3 (f64.mul (local.get 2) (f64.load (local.get 1)))) (f64.load (local.get 0))))
      (f64.load (local.get 0)))
    (func (export "load_imm") (param i32 i32 f64) (result f64)
      (f64.store (local.get 0)
        (f64.add (f64.mul (local.get 2) (f64.load offset=8 (i32.add (local.get 1) (i32.const -8)))) (f64.load (local.get 0))))
      (f64.load (local.get 0)))
    (func (export "load_imm_unfused") (param i32 i32 f64) (result f64) (local f64)
      (f64.store (local.get 0)
        (f64.add (local.tee 3 (f64.mul (local.get 2) (f64.load offset=8 (i32.add (local.get 1) (i32.const -8)))))
                 (f64.load (local.get 0))))
      (f64.load (local.get 0)))
    (func (export "abs") (param i32 i32 f64) (result f64)
      (f64.store (i32.const 64) (f64.add (f64.mul (local.get 2) (f64.const 0.5)) (f64.load (i32.const 64))))
      (f64.load (i32.const 64)))
    (func (export "abs_unfused") (param i32 i32 f64) (result f64) (local f64)
      (f64.store (i32.const 64) (f64.add (local.tee 3 (f64.mul (local.get 2) (f64.const 0.5))) (f64.load (i32.const 64))))
      (f64.load (i32.const 64)))))");
  std::vector<runtime::Value> r;
  int checked = 0;
  for (std::string f : {"slots", "acc", "load", "load_imm", "abs"}) {
    ASSERT_FALSE(h.call("init", {}, r).has_value());
    // Each run starts from the same memory (init).
    for (uint32_t at : {64u, 16u, 64u}) {
      for (double y : {1.25, -3.0, 1e300, 0.0}) {
        std::vector<runtime::Value> args = {I32(at), I32(16), runtime::Value::f64(y)};
        uint64_t fused = h.call1(f, args).raw.f64;
        ASSERT_FALSE(h.call("init", {}, r).has_value());
        uint64_t plain = h.call1(f + "_unfused", args).raw.f64;
        ASSERT_FALSE(h.call("init", {}, r).has_value());
        EXPECT_EQ(fused, plain) << f << " at " << at << " y " << y;
        ++checked;
      }
    }
    if (f != "abs") {
      // The loaded z past the end of memory, then x past the end: both trap.
      for (auto args : {std::vector<runtime::Value>{I32(64), I32(65532), runtime::Value::f64(1)},
                        std::vector<runtime::Value>{I32(65532), I32(16), runtime::Value::f64(1)}}) {
        bool zLoaded = f == "load" || f == "load_imm";
        if (!zLoaded && args[0].raw.i32 == 64) continue;
        EXPECT_EQ(h.trap(f, args).kind, runtime::TrapKind::MemoryOutOfBounds) << f;
        EXPECT_EQ(h.trap(f + "_unfused", args).kind, runtime::TrapKind::MemoryOutOfBounds) << f;
      }
    }
  }
  EXPECT_EQ(checked, 60);
  // 0.1 * 3 + -2.5 at 64: the product is rounded before the sum.
  ASSERT_FALSE(h.call("init", {}, r).has_value());
  EXPECT_EQ(std::bit_cast<double>(h.call1("load", {I32(64), I32(16), runtime::Value::f64(3)}).raw.f64), 0.1 * 3 + -2.5);
}

// A constant stored through each plain store writes exactly its width,
// like the same constant passed through a local.
TEST(InterpOperandFusion, StoredConstantsAgreeWithUnfused) {
  struct Case {
    std::string op, type, value;
  };
  const std::vector<Case> cases = {
      {"i32.store", "i32", "-2"},        {"i32.store8", "i32", "0x1ff"},         {"i32.store16", "i32", "0x12345"},
      {"i64.store", "i64", "-3"},        {"i64.store8", "i64", "0x1234"},        {"i64.store16", "i64", "-1"},
      {"i64.store32", "i64", "0x123456789"}, {"f32.store", "f32", "-0x1.8p-3"}, {"f64.store", "f64", "nan:0x12345"}};
  for (const Case& c : cases) {
    Harness h;
    std::string k = "(" + c.type + ".const " + c.value + ")";
    h.load("(module (memory 1)\n"
           "  (func (export \"fused\") (param i32) (result i64)\n"
           "    (i64.store (local.get 0) (i64.const -1)) (i64.store offset=8 (local.get 0) (i64.const -1))\n"
           "    (" + c.op + " offset=3 (local.get 0) " + k + ") (i64.load offset=3 (local.get 0)))\n"
           "  (func (export \"plain\") (param i32) (result i64) (local " + c.type + ")\n"
           "    (i64.store (local.get 0) (i64.const -1)) (i64.store offset=8 (local.get 0) (i64.const -1))\n"
           "    (" + c.op + " offset=3 (local.get 0) (local.tee 1 " + k + ")) (i64.load offset=3 (local.get 0)))\n"
           "  (func (export \"only\") (param i32) (" + c.op + " offset=3 (local.get 0) " + k + ")))");
    for (uint32_t addr : {0u, 5u, 1000u}) {
      EXPECT_EQ(h.i64("fused", {I32(addr)}), h.i64("plain", {I32(addr)})) << c.op << " at " << addr;
    }
    // The last byte written is the memory's last, then one past it.
    int width = c.op.find("8") != std::string::npos ? 1 : c.op.find("16") != std::string::npos ? 2
                : c.op.find("32") != std::string::npos || c.type == "i32" || c.type == "f32" ? 4 : 8;
    std::vector<runtime::Value> r;
    EXPECT_FALSE(h.call("only", {I32(65536 - 3 - width)}, r).has_value()) << c.op;
    EXPECT_EQ(h.trap("only", {I32(65536 - 3 - width + 1)}).kind, runtime::TrapKind::MemoryOutOfBounds) << c.op;
  }
}

// An i32.add merged with the jump after it (back edges, compare-and-branch)
// and a br_table indexed by x + constant (wrapping below zero to the
// default), against the results computed here.
TEST(InterpOperandFusion, AddsMergedWithJumpsAndTables) {
  Harness h;
  h.load(R"((module
    (func (export "stride") (param i32 i32) (result i32) (local i32)
      ;; counts steps of p += n until p >= 1000: the add then an unconditional back edge
      (block $done
        (loop $l
          (br_if $done (i32.ge_u (local.get 0) (i32.const 1000)))
          (local.set 2 (i32.add (local.get 2) (i32.const 1)))
          (local.set 0 (i32.add (local.get 0) (local.get 1)))
          (br $l)))
      (local.get 2))
    (func (export "stride_cmp") (param i32 i32) (result i32) (local i32)
      ;; the same with the add merged into the closing comparison
      (loop $l
        (local.set 2 (i32.add (local.get 2) (i32.const 1)))
        (local.set 0 (i32.add (local.get 0) (local.get 1)))
        (br_if $l (i32.lt_u (local.get 0) (i32.const 1000))))
      (local.get 2))
    (func (export "switch") (param i32) (result i32)
      (block $d (block $c (block $b (block $a
        (br_table $a $b $c $d (i32.add (local.get 0) (i32.const -3))))
        (return (i32.const 10)))
        (return (i32.const 11)))
        (return (i32.const 12)))
      (i32.const 13))
    (func (export "switch_acc") (param i32) (result i32)
      (block $d (block $c (block $b (block $a
        (br_table $a $b $c $d (i32.add (i32.and (local.get 0) (i32.const 0xff)) (i32.const -3))))
        (return (i32.const 10)))
        (return (i32.const 11)))
        (return (i32.const 12)))
      (i32.const 13))))");
  // switch (*p - 'a') on a signed and an unsigned byte, the byte kept for
  // after the switch: case * 1000 + byte.
  Harness bytes;
  bytes.load(R"((module (memory 1) (data (i32.const 0) "abcz\80\ff")
    (func (export "s8") (param i32) (result i32) (local i32)
      (block $d (block $c (block $b (block $a
        (br_table $a $b $c $d (i32.add (local.tee 1 (i32.load8_s (local.get 0))) (i32.const -97))))
        (return (i32.add (i32.const 10000) (local.get 1))))
        (return (i32.add (i32.const 11000) (local.get 1))))
        (return (i32.add (i32.const 12000) (local.get 1))))
      (i32.add (i32.const 13000) (local.get 1)))
    (func (export "u8") (param i32) (result i32)
      (block $d (block $c (block $b (block $a
        (br_table $a $b $c $d (i32.add (i32.load8_u offset=1 (local.get 0)) (i32.const -98))))
        (return (i32.const 10)))
        (return (i32.const 11)))
        (return (i32.const 12)))
      (i32.const 13))))");
  const uint8_t data[] = {'a', 'b', 'c', 'z', 0x80, 0xff, 0, 0};
  for (uint32_t p = 0; p < 6; ++p) {
    uint32_t s = static_cast<uint32_t>(static_cast<int32_t>(static_cast<int8_t>(data[p])));
    uint32_t i = s - 97;
    EXPECT_EQ(bytes.i32("s8", {I32(p)}), (i < 3 ? 10000 + 1000 * i : 13000) + s) << p;
    uint32_t j = data[p + 1] - 98u;
    EXPECT_EQ(bytes.i32("u8", {I32(p)}), j < 3 ? 10 + j : 13) << p;
  }
  EXPECT_EQ(bytes.trap("s8", {I32(65536)}).kind, runtime::TrapKind::MemoryOutOfBounds);
  for (uint32_t start : {0u, 7u, 999u, 1000u}) {
    for (uint32_t n : {1u, 3u, 250u}) {
      uint32_t steps = 0, p = start;
      while (p < 1000) p += n, ++steps;
      EXPECT_EQ(h.i32("stride", {I32(start), I32(n)}), steps) << start << " " << n;
      uint32_t stepsCmp = 0;
      p = start;
      do p += n, ++stepsCmp; while (p < 1000);
      EXPECT_EQ(h.i32("stride_cmp", {I32(start), I32(n)}), stepsCmp) << start << " " << n;
    }
  }
  for (uint32_t x : {0u, 2u, 3u, 4u, 5u, 6u, 7u, 1000u, 0xFFFFFFFFu, 0x103u}) {
    uint32_t i = x - 3;
    uint32_t want = i < 3 ? 10 + i : 13;
    EXPECT_EQ(h.i32("switch", {I32(x)}), want) << x;
    uint32_t j = (x & 0xff) - 3;
    EXPECT_EQ(h.i32("switch_acc", {I32(x)}), j < 3 ? 10 + j : 13) << x;
  }
}

// A loaded byte compared with a constant and branched on (scanning for a
// delimiter), at a local address and at an i32.add address, keeping the
// byte in a local or not; against the same scan done here.
TEST(InterpOperandFusion, ByteScansAgreeWithTheirDefinition) {
  Harness h;
  h.load(R"((module (memory 1) (data (i32.const 16) "ab\\c\"de\"\ff\00")
    (func (export "find") (param i32 i32) (result i32)
      ;; first p >= start with mem[p] == c (searching at most 64 bytes)
      (block $found (loop $l
        (br_if $found (i32.eq (i32.load8_u (local.get 0)) (i32.const 34)))
        (local.set 0 (i32.add (local.get 0) (i32.const 1)))
        (br_if $l (i32.lt_u (local.get 0) (i32.const 80)))))
      (local.get 0))
    (func (export "skip") (param i32 i32) (result i32) (local i32)
      ;; first i with mem[start + i] != 'a', returning byte * 1000 + i
      (block $done (loop $l
        (br_if $done (i32.ne (local.tee 2 (i32.load8_u (i32.add (local.get 0) (local.get 1)))) (i32.const 97)))
        (local.set 1 (i32.add (local.get 1) (i32.const 1)))
        (br $l)))
      (i32.add (i32.mul (local.get 2) (i32.const 1000)) (local.get 1)))
    (func (export "unless") (param i32) (result i32) (local i32)
      ;; br_if on (byte != 0xff) inverted: jumps unless equal
      (block $b (br_if $b (i32.eqz (i32.ne (local.tee 1 (i32.load8_u offset=1 (local.get 0))) (i32.const 0xff))))
        (return (i32.const -1)))
      (local.get 1))))");
  const std::string mem = std::string(16, '\0') + "ab\\c\"de\"\xff" + std::string(1, '\0');
  auto byteAt = [&](uint32_t p) { return p < mem.size() ? static_cast<uint8_t>(mem[p]) : 0; };
  for (uint32_t start : {0u, 16u, 20u, 21u, 24u}) {
    uint32_t p = start;
    while (p < 80 && byteAt(p) != 34) ++p;
    EXPECT_EQ(h.i32("find", {I32(start), I32(34)}), p) << start;
    uint32_t i = 0;
    while (byteAt(start + i) == 97) ++i;
    EXPECT_EQ(h.i32("skip", {I32(start), I32(0)}), byteAt(start + i) * 1000u + i) << start;
  }
  EXPECT_EQ(h.i32("unless", {I32(23)}), 0xFFu);
  EXPECT_EQ(h.i32("unless", {I32(24)}), 0xFFFFFFFFu);
  EXPECT_EQ(h.i32("unless", {I32(15)}), 0xFFFFFFFFu);
  EXPECT_EQ(h.trap("skip", {I32(65535), I32(1)}).kind, runtime::TrapKind::MemoryOutOfBounds);
  // Two byte strings compared until they differ (LZ match length), the byte
  // loaded first or second, at an i32.add address or a local one.
  h.load(R"((module (memory 1) (data (i32.const 100) "abcdefgh") (data (i32.const 200) "abcdXfgh")
    (func (export "match") (param i32 i32) (result i32) (local i32)
      (block $done (loop $l
        (br_if $done (i32.ne (i32.load8_u (i32.add (local.get 0) (local.get 2)))
                             (i32.load8_u (i32.add (local.get 1) (local.get 2)))))
        (br_if $l (i32.ne (local.tee 2 (i32.add (local.get 2) (i32.const 1))) (i32.const 8)))))
      (local.get 2))
    (func (export "match_first") (param i32 i32) (result i32) (local i32 i32)
      (block $done (loop $l
        (local.set 3 (i32.load8_u (i32.add (local.get 1) (local.get 2))))
        (br_if $done (i32.ne (i32.load8_u (local.get 0)) (local.get 3)))
        (local.set 0 (i32.add (local.get 0) (i32.const 1)))
        (br_if $l (i32.ne (local.tee 2 (i32.add (local.get 2) (i32.const 1))) (i32.const 8)))))
      (local.get 2))))");
  EXPECT_EQ(h.i32("match", {I32(100), I32(200)}), 4u);
  EXPECT_EQ(h.i32("match", {I32(100), I32(100)}), 8u);
  EXPECT_EQ(h.i32("match", {I32(101), I32(200)}), 0u);
  EXPECT_EQ(h.i32("match_first", {I32(100), I32(200)}), 4u);
  EXPECT_EQ(h.i32("match_first", {I32(200), I32(200)}), 8u);
  EXPECT_EQ(h.trap("match", {I32(65535), I32(65535)}).kind, runtime::TrapKind::MemoryOutOfBounds);
  h.load(R"((module (memory 1) (data (i32.const 16) "ab\\c\"de\"\ff\00")
    (func (export "find") (param i32 i32) (result i32)
      (block $found (loop $l
        (br_if $found (i32.eq (i32.load8_u (local.get 0)) (i32.const 34)))
        (local.set 0 (i32.add (local.get 0) (i32.const 1)))
        (br_if $l (i32.lt_u (local.get 0) (i32.const 80)))))
      (local.get 0))))");
  EXPECT_EQ(h.trap("find", {I32(65536), I32(34)}).kind, runtime::TrapKind::MemoryOutOfBounds);
}

// Shifted and rotated operands fused into xor and add, with the shift on
// either side and its input from a load (the accumulator), against the same
// with the shifted value passed through a local.
TEST(InterpOperandFusion, ShiftedOperandsAgreeWithUnfused) {
  Harness h;
  h.load(R"((module (memory 1) (data (i32.const 0) "\f1\e2\d3\c4\b5\a6\97\88")
    (func (export "add_shl") (param i32 i32) (result i32) (i32.add (i32.shl (local.get 0) (i32.const 3)) (local.get 1)))
    (func (export "add_shl_unfused") (param i32 i32) (result i32) (local i32)
      (i32.add (local.tee 2 (i32.shl (local.get 0) (i32.const 3))) (local.get 1)))
    (func (export "xor_rotl") (param i32 i32) (result i32)
      (i32.xor (local.get 1) (i32.rotl (i32.load (i32.const 1)) (i32.const 13))))
    (func (export "xor_rotl_unfused") (param i32 i32) (result i32) (local i32)
      (i32.xor (local.get 1) (local.tee 2 (i32.rotl (i32.load (i32.const 1)) (i32.const 13)))))
    (func (export "sigma") (param i32 i32) (result i32)
      (i32.xor (i32.xor (i32.rotl (local.get 0) (i32.const 25)) (i32.rotl (local.get 0) (i32.const 14)))
               (i32.shr_u (local.get 0) (i32.const 3))))
    (func (export "sigma_unfused") (param i32 i32) (result i32) (local i32 i32 i32)
      (i32.xor (i32.xor (local.tee 2 (i32.rotl (local.get 0) (i32.const 25)))
                        (local.tee 3 (i32.rotl (local.get 0) (i32.const 14))))
               (local.tee 4 (i32.shr_u (local.get 0) (i32.const 3)))))
    (func (export "i64") (param i32 i32) (result i32)
      (i32.wrap_i64 (i64.xor (i64.add (i64.extend_i32_u (local.get 1)) (i64.shl (i64.load (i32.const 0)) (i64.const 7)))
                             (i64.shr_u (i64.load (i32.const 0)) (i64.const 33)))))
    (func (export "i64_unfused") (param i32 i32) (result i32) (local i64 i64)
      (i32.wrap_i64 (i64.xor (i64.add (i64.extend_i32_u (local.get 1)) (local.tee 2 (i64.shl (i64.load (i32.const 0)) (i64.const 7))))
                             (local.tee 3 (i64.shr_u (i64.load (i32.const 0)) (i64.const 33))))))))");
  int checked = 0;
  for (std::string f : {"add_shl", "xor_rotl", "sigma", "i64"}) {
    for (uint32_t x : {0u, 1u, 0x80000000u, 0xFFFFFFFFu, 0x12345678u}) {
      for (uint32_t y : {0u, 0xDEADBEEFu}) {
        EXPECT_EQ(h.i32(f, {I32(x), I32(y)}), h.i32(f + "_unfused", {I32(x), I32(y)})) << f << " " << x << " " << y;
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 40);
  EXPECT_EQ(h.i32("add_shl", {I32(0x30000001u), I32(5)}), 0x8000000Du);  // the shift wraps: 0x80000008 + 5
}

// Moves right before a back edge run with the jump (one to four of them,
// and more as a group of four then the rest): the loop rotates locals.
TEST(InterpOperandFusion, MovesMergedWithTheBackEdge) {
  Harness h;
  h.load(R"((module
    (func (export "fib") (param i32) (result i32) (local i32 i32 i32)
      ;; a, b = b, a + b, n times: one move before the back edge
      (local.set 2 (i32.const 1))
      (block $done (loop $l
        (br_if $done (i32.eqz (local.get 0)))
        (local.set 3 (i32.add (local.get 1) (local.get 2)))
        (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
        (local.set 1 (local.get 2))
        (local.set 2 (local.get 3))
        (br $l)))
      (local.get 1))
    (func (export "rotate") (param i32) (result i32) (local i32 i32 i32 i32 i32 i32)
      ;; six locals rotated by moves (four merged, then two) before the back edge
      (local.set 1 (i32.const 1)) (local.set 2 (i32.const 2)) (local.set 3 (i32.const 3))
      (local.set 4 (i32.const 4)) (local.set 5 (i32.const 5)) (local.set 6 (i32.const 6))
      (block $done (loop $l
        (br_if $done (i32.eqz (local.get 0)))
        (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
        (local.get 1)
        (local.set 1 (local.get 2)) (local.set 2 (local.get 3)) (local.set 3 (local.get 4))
        (local.set 4 (local.get 5)) (local.set 5 (local.get 6))
        (local.set 6)
        (br $l)))
      (i32.add (i32.mul (local.get 1) (i32.const 100000)) (i32.add (i32.mul (local.get 2) (i32.const 10000))
        (i32.add (i32.mul (local.get 3) (i32.const 1000)) (i32.add (i32.mul (local.get 4) (i32.const 100))
          (i32.add (i32.mul (local.get 5) (i32.const 10)) (local.get 6)))))))))");
  uint32_t a = 0, b = 1;
  for (uint32_t n = 0; n < 30; ++n) {
    EXPECT_EQ(h.i32("fib", {I32(n)}), a) << n;
    uint32_t t = a + b;
    a = b;
    b = t;
  }
  std::vector<uint32_t> v = {1, 2, 3, 4, 5, 6};
  for (uint32_t n = 0; n < 8; ++n) {
    uint32_t want = v[0] * 100000 + v[1] * 10000 + v[2] * 1000 + v[3] * 100 + v[4] * 10 + v[5];
    EXPECT_EQ(h.i32("rotate", {I32(n)}), want) << n;
    std::rotate(v.begin(), v.begin() + 1, v.end());
  }
}

// Zeroing a declared local emits nothing while no path can have written
// it: not after a write in an earlier branch, not in a loop.
TEST(InterpOperandFusion, ZeroingALocalAfterBranchesAndInLoops) {
  Harness h;
  h.load(R"((module
    (func (export "branches") (param i32) (result i32) (local i32)
      (if (local.get 0) (then (local.set 1 (i32.const 5))) (else (local.set 1 (i32.const 0))))
      (block (br_if 0 (i32.eq (local.get 0) (i32.const 2))) (local.set 1 (i32.const 0)))
      (local.get 1))
    (func (export "loop") (param i32) (result i32) (local i32 i32)
      (loop $l
        (local.set 2 (i32.add (local.get 2) (local.get 1)))
        (local.set 1 (i32.const 0))
        (local.set 1 (i32.add (local.get 1) (i32.const 3)))
        (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
      (i32.add (local.get 2) (local.get 1)))))");
  EXPECT_EQ(h.i32("branches", {I32(0)}), 0u);
  EXPECT_EQ(h.i32("branches", {I32(1)}), 0u);
  EXPECT_EQ(h.i32("branches", {I32(2)}), 5u);
  // Every round adds the 3 of the round before (none in the first), then the last 3.
  EXPECT_EQ(h.i32("loop", {I32(4)}), 12u);
}

// x[i] = x[i] - e with x[i] loaded before e is computed: the load moves
// into one read-modify-write, which must agree with the plain sequence, and
// must not move past a store, past a write of the address, or when the
// loaded value is kept. Each returns what memory holds at 64.
TEST(InterpOperandFusion, LoadMovedIntoTheReadModifyWrite) {
  Harness h;
  const std::string wat = R"((module (memory 1)
    (func (export "init") (f64.store (i32.const 64) (f64.const 10)) (f64.store (i32.const 72) (f64.const 0.5)))
    (func (export "sub") (param i32 f64) (result f64)
      (f64.store (local.get 0) (f64.sub (f64.load (local.get 0)) (f64.mul (f64.mul (local.get 1) (local.get 1)) (f64.const 3))))
      (f64.load (i32.const 64)))
    (func (export "sub_unfused") (param i32 f64) (result f64) (local f64)
      (f64.store (local.get 0) (f64.sub (local.tee 2 (f64.load (local.get 0)))
                                        (f64.mul (f64.mul (local.get 1) (local.get 1)) (f64.const 3))))
      (f64.load (i32.const 64)))
    (func (export "add") (param i32 f64) (result f64)
      (f64.store (local.get 0) (f64.add (f64.load (local.get 0)) (f64.sqrt (f64.div (local.get 1) (f64.const 7)))))
      (f64.load (i32.const 64)))
    (func (export "add_unfused") (param i32 f64) (result f64) (local f64)
      (f64.store (local.get 0) (f64.add (local.tee 2 (f64.load (local.get 0))) (f64.sqrt (f64.div (local.get 1) (f64.const 7)))))
      (f64.load (i32.const 64)))
    (func (export "store_between") (param i32 f64) (result f64)
      ;; the call stores to x[i] between the load and the store: the old value must win
      (f64.store (local.get 0) (f64.sub (f64.load (local.get 0)) (call $poke (local.get 0) (local.get 1))))
      (f64.load (i32.const 64)))
    (func $poke (param i32 f64) (result f64) (f64.store (local.get 0) (f64.const 1000)) (local.get 1))
    (func (export "address_written") (param i32 f64) (result f64)
      ;; the address local changes between the load and the store
      (f64.store (local.get 0)
        (f64.sub (f64.load (local.get 0)) (f64.mul (local.get 1) (f64.convert_i32_u (local.tee 0 (i32.const 72))))))
      (f64.add (f64.load (i32.const 64)) (f64.load (i32.const 72))))))";
  h.load(wat);
  std::vector<runtime::Value> r;
  for (std::string f : {"sub", "add"}) {
    for (double y : {1.5, -2.0, 0.0, 1e200}) {
      ASSERT_FALSE(h.call("init", {}, r).has_value());
      uint64_t fused = h.call1(f, {I32(64), runtime::Value::f64(y)}).raw.f64;
      ASSERT_FALSE(h.call("init", {}, r).has_value());
      uint64_t plain = h.call1(f + "_unfused", {I32(64), runtime::Value::f64(y)}).raw.f64;
      EXPECT_EQ(fused, plain) << f << " " << y;
    }
    EXPECT_EQ(h.trap(f, {I32(65532), runtime::Value::f64(1)}).kind, runtime::TrapKind::MemoryOutOfBounds) << f;
  }
  ASSERT_FALSE(h.call("init", {}, r).has_value());
  EXPECT_EQ(std::bit_cast<double>(h.call1("store_between", {I32(64), runtime::Value::f64(2)}).raw.f64), 8.0);
  ASSERT_FALSE(h.call("init", {}, r).has_value());
  // The store's address was read before the tee: 10 - 2 * 72 lands at 64, and 72 keeps 0.5.
  EXPECT_EQ(std::bit_cast<double>(h.call1("address_written", {I32(64), runtime::Value::f64(2)}).raw.f64),
            (10.0 - 144.0) + 0.5);
}

// A load tee'd into a local feeds the next instruction through the
// accumulator and still writes the local (read again afterwards).
TEST(InterpOperandFusion, TeedLoadStillWritesItsLocal) {
  Harness h;
  h.load(R"((module (memory 1) (data (i32.const 4) "\f0\07")
    (func (export "f") (param i32) (result i32) (local i32)
      (i32.mul (i32.add (local.tee 1 (i32.load8_s (local.get 0))) (i32.const -9)) (local.get 1)))
    (func (export "g") (param i32) (result i32) (local i32)
      (block (br_if 0 (i32.eq (local.tee 1 (i32.load8_u (local.get 0))) (i32.const 7))) (return (i32.const -1)))
      (local.get 1))))");
  // byte 4 is 0xF0 = -16 signed: (-16 - 9) * -16 = 400; byte 5 is 7.
  EXPECT_EQ(h.i32("f", {I32(4)}), 400u);
  EXPECT_EQ(h.i32("f", {I32(5)}), static_cast<uint32_t>((7 - 9) * 7));
  EXPECT_EQ(h.i32("g", {I32(5)}), 7u);
  EXPECT_EQ(h.i32("g", {I32(4)}), 0xFFFFFFFFu);
}

// Two steps merged with the loop's closing comparison: both steps happen
// on every round, and the comparison sees the second step's new value.
TEST(InterpOperandFusion, TwoStepsMergedWithTheirBranch) {
  Harness h;
  h.load(R"((module
    (func (export "f") (param i32) (result i32) (local i32 i32)
      (loop
        (local.set 1 (i32.add (local.get 1) (i32.const 16)))
        (br_if 0 (i32.lt_s (local.tee 2 (i32.add (local.get 2) (i32.const 4))) (local.get 0))))
      (i32.add (i32.mul (local.get 1) (i32.const 1000)) (local.get 2)))))");
  EXPECT_EQ(h.i32("f", {I32(12)}), 48u * 1000 + 12);
  EXPECT_EQ(h.i32("f", {I32(0)}), 16u * 1000 + 4);
  EXPECT_EQ(h.i32("f", {I32(13)}), 64u * 1000 + 16);
}

// Three steps (and then a fourth, which starts a new group) merged with
// their branch: every step happens once per round, in order.
TEST(InterpOperandFusion, ThreeAndFourStepsMergedWithTheirBranch) {
  Harness h;
  h.load(R"((module
    (func (export "three") (param i32) (result i32) (local i32 i32 i32)
      (loop
        (local.set 1 (i32.add (local.get 1) (i32.const 16)))
        (local.set 2 (i32.add (local.get 1) (i32.const 1)))
        (br_if 0 (i32.ne (local.tee 3 (i32.add (local.get 3) (i32.const 2))) (local.get 0))))
      (i32.add (i32.mul (local.get 2) (i32.const 1000)) (local.get 3)))
    (func (export "four") (param i32) (result i32) (local i32 i32 i32 i32)
      (loop
        (local.set 1 (i32.add (local.get 1) (i32.const 1)))
        (local.set 2 (i32.add (local.get 2) (i32.const 2)))
        (local.set 4 (i32.add (local.get 1) (i32.const -1)))
        (br_if 0 (i32.lt_u (local.tee 3 (i32.add (local.get 3) (i32.const 3))) (local.get 0))))
      (i32.add (i32.add (i32.mul (local.get 2) (i32.const 1000)) (i32.mul (local.get 4) (i32.const 100000)))
               (local.get 3)))))");
  EXPECT_EQ(h.i32("three", {I32(8)}), 65u * 1000 + 8);
  EXPECT_EQ(h.i32("three", {I32(2)}), 17u * 1000 + 2);
  // 4 rounds for 12: local 2 = 8, local 4 = 3, local 3 = 12.
  EXPECT_EQ(h.i32("four", {I32(12)}), 3u * 100000 + 8u * 1000 + 12);
  EXPECT_EQ(h.i32("four", {I32(1)}), 0u * 100000 + 2u * 1000 + 3);
}

// SIMD pairs: a v128.load feeding the next operation as its operand b, and
// a multiply feeding an add, against the same through locals.
TEST(InterpOperandFusion, SimdPairsAgreeWithUnfused) {
  Harness h;
  h.load(R"((module (memory 1)
    (data (i32.const 32) "\01\00\02\00\03\00\04\00\05\00\06\00\07\00\f8\ff\00\00\80\3f\00\00\00\c0\00\00\40\40\00\00\80\ff")
    (func (export "load_operand") (param i32 i32) (result i64)
      (i64x2.extract_lane 1 (i16x8.mul (i16x8.splat (local.get 1))
        (v128.load (i32.add (local.get 0) (i32.sub (local.get 1) (local.get 1)))))))
    (func (export "load_operand_unfused") (param i32 i32) (result i64) (local v128)
      (i64x2.extract_lane 1 (i16x8.mul (i16x8.splat (local.get 1))
        (local.tee 2 (v128.load (i32.add (local.get 0) (i32.sub (local.get 1) (local.get 1))))))))
    (func (export "load_plain") (param i32 i32) (result i64)
      (i64x2.extract_lane 0 (f32x4.sub (f32x4.splat (f32.const 1)) (v128.load offset=16 (local.get 0)))))
    (func (export "load_plain_unfused") (param i32 i32) (result i64) (local v128)
      (i64x2.extract_lane 0 (f32x4.sub (f32x4.splat (f32.const 1)) (local.tee 2 (v128.load offset=16 (local.get 0))))))
    (func (export "mul_add") (param i32 i32) (result i64)
      (i64x2.extract_lane 1 (i16x8.add (i16x8.splat (local.get 1))
        (i16x8.mul (v128.load (local.get 0)) (v128.load offset=2 (local.get 0))))))
    (func (export "mul_add_unfused") (param i32 i32) (result i64) (local v128)
      (i64x2.extract_lane 1 (i16x8.add (i16x8.splat (local.get 1))
        (local.tee 2 (i16x8.mul (v128.load (local.get 0)) (v128.load offset=2 (local.get 0)))))))))");
  for (std::string f : {"load_operand", "load_plain", "mul_add"}) {
    for (uint32_t addr : {32u, 33u, 40u}) {
      for (uint32_t k : {0u, 3u, 0xFFFFu}) {
        EXPECT_EQ(h.i64(f, {I32(addr), I32(k)}), h.i64(f + "_unfused", {I32(addr), I32(k)})) << f << " " << addr;
      }
    }
    EXPECT_EQ(h.trap(f, {I32(65530), I32(1)}).kind, runtime::TrapKind::MemoryOutOfBounds) << f;
  }
}

// A vector computed from a load and stored back where it was loaded from
// (y[i] = a op y[i], y[i] = x * a + y[i]) against the same with an
// instruction between the operation and the store. Each returns the sum of
// the returned lanes and of memory's lanes at 32..63, so both writes count.
TEST(InterpOperandFusion, SimdStoreBackAgreesWithUnfused) {
  Harness h;
  const std::string wat = R"((module (memory 1) (global $g (mut i32) (i32.const 0))
    (data (i32.const 32) "\01\00\02\00\03\00\04\00\05\00\06\00\07\00\f8\ff\00\00\80\3f\00\00\00\c0\00\00\40\40\00\00\80\ff")
    (func $sum (param v128) (result i64)
      (i64.add (i64.add (i64x2.extract_lane 0 (local.get 0)) (i64x2.extract_lane 1 (local.get 0)))
               (i64.add (i64.load (i32.const 32)) (i64.add (i64.load (i32.const 40))
                 (i64.add (i64.load (i32.const 48)) (i64.load (i32.const 56)))))))
    (func (export "add") (param i32 i32) (result i64) (local v128)
      (v128.store offset=4 (local.get 0)
        (local.tee 2 (i16x8.add (i16x8.splat (local.get 1)) (v128.load offset=4 (local.get 0)))))
      (call $sum (local.get 2)))
    (func (export "add_unfused") (param i32 i32) (result i64) (local v128)
      (local.set 2 (i16x8.add (i16x8.splat (local.get 1)) (v128.load offset=4 (local.get 0))))
      (global.set $g (i32.const 1))
      (v128.store offset=4 (local.get 0) (local.get 2))
      (call $sum (local.get 2)))
    (func (export "mul_add") (param i32 i32) (result i64) (local v128)
      (v128.store (local.get 0)
        (local.tee 2 (f32x4.add (f32x4.mul (f32x4.splat (f32.convert_i32_s (local.get 1))) (v128.load (i32.const 32)))
                                (v128.load (local.get 0)))))
      (call $sum (local.get 2)))
    (func (export "mul_add_unfused") (param i32 i32) (result i64) (local v128)
      (local.set 2 (f32x4.add (f32x4.mul (f32x4.splat (f32.convert_i32_s (local.get 1))) (v128.load (i32.const 32)))
                              (v128.load (local.get 0))))
      (global.set $g (i32.const 1))
      (v128.store (local.get 0) (local.get 2))
      (call $sum (local.get 2)))))";
  h.load(wat);
  for (std::string f : {"add", "mul_add"}) {
    for (uint32_t addr : {32u, 35u, 44u}) {
      for (uint32_t k : {0u, 3u, 0xFFFFu}) {
        // Both start from the data segment's bytes: restore them between runs.
        runtime::Value fused = h.call1(f, {I32(addr), I32(k)});
        h.load(wat);
        runtime::Value plain = h.call1(f + "_unfused", {I32(addr), I32(k)});
        h.load(wat);
        EXPECT_EQ(fused.raw.i64, plain.raw.i64) << f << " " << addr << " " << k;
      }
    }
    EXPECT_EQ(h.trap(f, {I32(65530), I32(1)}).kind, runtime::TrapKind::MemoryOutOfBounds) << f;
  }
}

}  // namespace
}  // namespace wasmcap::interp::testing
