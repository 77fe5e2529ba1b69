// Superinstructions agree with the instruction sequences they replace: each
// fused export is paired with an unfused twin (the intermediate value goes
// through a local.tee, which keeps the instructions apart), and both are run
// on the same inputs, including wrap-around and out-of-bounds edges.
#include <bit>
#include <limits>
#include <string>

#include "harness.h"

namespace wasmcap::interp::testing {
namespace {

using runtime::TrapKind;

// Loads and stores whose address is an i32.add (of two values, or of a value
// and a constant), fused and unfused. Memory is one page; bytes 16..23 hold
// 1..8.
constexpr const char* kAddressed = R"((module
  (memory 1)
  (data (i32.const 16) "\01\02\03\04\05\06\07\08")
  (func (export "load_add") (param i32 i32) (result i32)
    (i32.load offset=4 (i32.add (local.get 0) (local.get 1))))
  (func (export "load_add_unfused") (param i32 i32) (result i32) (local i32)
    (i32.load offset=4 (local.tee 2 (i32.add (local.get 0) (local.get 1)))))
  (func (export "load8s_imm") (param i32) (result i64)
    (i64.load8_s (i32.add (local.get 0) (i32.const -9))))
  (func (export "load8s_imm_unfused") (param i32) (result i64) (local i32)
    (i64.load8_s (local.tee 1 (i32.add (local.get 0) (i32.const -9)))))
  (func (export "store_add") (param i32 i32 i64)
    (i64.store offset=2 (i32.add (local.get 0) (local.get 1)) (local.get 2)))
  (func (export "store_add_unfused") (param i32 i32 i64) (local i32)
    (i64.store offset=2 (local.tee 3 (i32.add (local.get 0) (local.get 1))) (local.get 2)))
  (func (export "store16_imm") (param i32 i32)
    (i32.store16 (i32.add (local.get 0) (i32.const 3)) (local.get 1)))
  (func (export "store16_imm_unfused") (param i32 i32) (local i32)
    (i32.store16 (local.tee 2 (i32.add (local.get 0) (i32.const 3))) (local.get 1)))
  (func (export "peek") (param i32) (result i64) (i64.load (local.get 0))))
)";

// Runs `name` and its unfused twin; both must trap alike or return alike.
void expectSameLoad(Harness& h, const std::string& name, std::vector<runtime::Value> args) {
  std::vector<runtime::Value> fused, plain;
  auto t1 = h.call(name, args, fused);
  auto t2 = h.call(name + "_unfused", args, plain);
  ASSERT_EQ(t1.has_value(), t2.has_value()) << name;
  if (t1) {
    EXPECT_EQ(t1->kind, t2->kind) << name;
    return;
  }
  ASSERT_EQ(fused.size(), 1u);
  ASSERT_EQ(plain.size(), 1u);
  EXPECT_EQ(fused[0].raw.i64, plain[0].raw.i64) << name;
}

TEST(InterpFusion, AddressedLoadsAgreeWithUnfused) {
  Harness h;
  h.load(kAddressed);
  // 12 + 0 + offset 4 = 16: the data bytes.
  EXPECT_EQ(h.i32("load_add", {I32(12), I32(0)}), 0x04030201u);
  // The sum wraps to 32 bits before the offset is added: 0xFFFFFFF0 + 0x1C = 12.
  EXPECT_EQ(h.i32("load_add", {I32(0xFFFFFFF0u), I32(0x1C)}), 0x04030201u);
  EXPECT_EQ(h.i64("load8s_imm", {I32(25)}), 1u);  // 25 - 9 = 16
  for (auto [a, b] : std::vector<std::pair<uint32_t, uint32_t>>{
           {12, 0}, {0xFFFFFFF0u, 0x1C}, {65528, 4}, {65532, 0}, {0xFFFFFFFFu, 0xFFFFFFFFu}, {1, 0x7FFFFFFF}}) {
    expectSameLoad(h, "load_add", {I32(a), I32(b)});
  }
  for (uint32_t a : {25u, 9u, 8u, 0u, 65544u, 65545u, 0xFFFFFFFFu}) expectSameLoad(h, "load8s_imm", {I32(a)});
}

TEST(InterpFusion, AddressedLoadsTrapOutOfBounds) {
  Harness h;
  h.load(kAddressed);
  EXPECT_EQ(h.trap("load_add", {I32(65530), I32(0)}).kind, TrapKind::MemoryOutOfBounds);  // straddles the end
  EXPECT_EQ(h.trap("load_add", {I32(0x7FFFFFFF), I32(0x7FFFFFFF)}).kind, TrapKind::MemoryOutOfBounds);
  EXPECT_EQ(h.trap("load8s_imm", {I32(8)}).kind, TrapKind::MemoryOutOfBounds);  // 8 - 9 wraps to 2^32 - 1
}

TEST(InterpFusion, AddressedStoresAgreeWithUnfused) {
  for (const char* name : {"store_add", "store16_imm"}) {
    bool wide = std::string(name) == "store_add";
    for (auto [a, b] : std::vector<std::pair<uint32_t, uint32_t>>{
             {100, 8}, {0xFFFFFFF0u, 0x80}, {65526, 0}, {65531, 0}, {65533, 0}, {0x80000000u, 0x80000000u}}) {
      Harness fused, plain;
      fused.load(kAddressed);
      plain.load(kAddressed);
      std::vector<runtime::Value> args = {I32(a), I32(b)};
      if (wide) {
        args.push_back(I64(0x1122334455667788u));
      } else {
        args[1] = I32(0xABCD1234u);
      }
      std::vector<runtime::Value> r;
      auto t1 = fused.call(name, args, r);
      auto t2 = plain.call(std::string(name) + "_unfused", args, r);
      ASSERT_EQ(t1.has_value(), t2.has_value()) << name << " " << a << " " << b;
      if (t1) {
        EXPECT_EQ(t1->kind, TrapKind::MemoryOutOfBounds);
        EXPECT_EQ(t2->kind, TrapKind::MemoryOutOfBounds);
        continue;
      }
      // Compare every word the store could have touched.
      uint32_t at = wide ? a + b + 2 : a + 3;
      uint32_t from = at & ~7u;
      for (uint32_t p = from; p <= from + 8 && p <= 65528; p += 8) {
        EXPECT_EQ(fused.i64("peek", {I32(p)}), plain.i64("peek", {I32(p)})) << name << " at " << p;
      }
    }
  }
  Harness h;
  h.load(kAddressed);
  std::vector<runtime::Value> r;
  ASSERT_FALSE(h.call("store_add", {I32(0xFFFFFFF8u), I32(0x68), I64(0x0102030405060708u)}, r).has_value());
  EXPECT_EQ(h.i64("peek", {I32(98)}), 0x0102030405060708u);  // (2^32 - 8 + 0x68) mod 2^32 + 2 = 98
}

// Float comparisons feeding br_if (JumpIf forms) and if (JumpUnless forms),
// with a register or constant second operand, against the same comparison
// kept apart from its branch by a local.tee. NaN operands make the false
// comparison differ from the inverse one, which the JumpUnless forms must
// respect.
std::string floatCompareModule(const std::string& type, const std::string& cmp) {
  std::string op = type + "." + cmp;
  std::string m = "(module\n";
  // Returns 1 when the branch is taken (br_if) or the then-arm runs (if).
  m += "(func (export \"brif\") (param " + type + " " + type + ") (result i32)\n"
       "  (block (br_if 0 (" + op + " (local.get 0) (local.get 1))) (return (i32.const 0))) (i32.const 1))\n";
  m += "(func (export \"brif_unfused\") (param " + type + " " + type + ") (result i32) (local i32)\n"
       "  (block (br_if 0 (local.tee 2 (" + op + " (local.get 0) (local.get 1)))) (return (i32.const 0))) (i32.const 1))\n";
  m += "(func (export \"if\") (param " + type + " " + type + ") (result i32)\n"
       "  (if (result i32) (" + op + " (local.get 0) (local.get 1)) (then (i32.const 1)) (else (i32.const 0))))\n";
  m += "(func (export \"if_unfused\") (param " + type + " " + type + ") (result i32) (local i32)\n"
       "  (if (result i32) (local.tee 2 (" + op + " (local.get 0) (local.get 1))) (then (i32.const 1)) (else (i32.const 0))))\n";
  // The same with a constant second operand (1.5), and an arithmetic op on a constant.
  m += "(func (export \"brif_imm\") (param " + type + " " + type + ") (result i32)\n"
       "  (block (br_if 0 (" + op + " (local.get 0) (" + type + ".const 1.5))) (return (i32.const 0))) (i32.const 1))\n";
  m += "(func (export \"if_imm\") (param " + type + " " + type + ") (result i32)\n"
       "  (if (result i32) (" + op + " (local.get 0) (" + type + ".const 1.5)) (then (i32.const 1)) (else (i32.const 0))))\n";
  m += "(func (export \"imm_unfused\") (param " + type + " " + type + ") (result i32) (local i32)\n"
       "  (block (br_if 0 (local.tee 2 (" + op + " (local.get 0) (" + type + ".const 1.5)))) (return (i32.const 0))) (i32.const 1))\n";
  m += ")";
  return m;
}

TEST(InterpFusion, FloatCompareBranchesAgreeWithUnfused) {
  const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
  const std::vector<double> values = {0.0, -0.0, 1.5, -1.5, 2.0, inf, -inf, nan, -nan};
  int checked = 0;
  for (std::string type : {"f32", "f64"}) {
    for (std::string cmp : {"eq", "ne", "lt", "gt", "le", "ge"}) {
      Harness h;
      h.load(floatCompareModule(type, cmp));
      for (double a : values) {
        for (double b : values) {
          std::vector<runtime::Value> args =
              type == "f32" ? std::vector<runtime::Value>{runtime::Value::f32(static_cast<float>(a)),
                                                          runtime::Value::f32(static_cast<float>(b))}
                            : std::vector<runtime::Value>{runtime::Value::f64(a), runtime::Value::f64(b)};
          uint32_t expected = h.i32("brif_unfused", args);
          EXPECT_EQ(h.i32("if_unfused", args), expected);
          EXPECT_EQ(h.i32("brif", args), expected) << type << "." << cmp << " " << a << " " << b;
          EXPECT_EQ(h.i32("if", args), expected) << type << "." << cmp << " " << a << " " << b;
          uint32_t expectedImm = h.i32("imm_unfused", args);
          EXPECT_EQ(h.i32("brif_imm", args), expectedImm) << type << "." << cmp << " " << a;
          EXPECT_EQ(h.i32("if_imm", args), expectedImm) << type << "." << cmp << " " << a;
          ++checked;
        }
      }
    }
  }
  EXPECT_EQ(checked, 2 * 6 * 81);
}

TEST(InterpFusion, FloatArithmeticWithConstantAgreesWithUnfused) {
  Harness h;
  h.load(R"((module
    (func (export "f64_imm") (param f64) (result f64)
      (f64.div (f64.mul (f64.sub (f64.add (local.get 0) (f64.const 0.25)) (f64.const -3)) (f64.const 1e300)) (f64.const -0)))
    (func (export "f64_reg") (param f64) (result f64) (local f64)
      (local.set 1 (f64.const 0.25)) (local.set 1 (f64.add (local.get 0) (local.get 1)))
      (local.set 1 (f64.sub (local.get 1) (local.tee 0 (f64.const -3))))
      (local.set 1 (f64.mul (local.get 1) (local.tee 0 (f64.const 1e300))))
      (f64.div (local.get 1) (local.tee 0 (f64.const -0))))
    (func (export "f32_imm") (param f32) (result f32)
      (f32.div (f32.mul (f32.sub (f32.add (local.get 0) (f32.const 0.25)) (f32.const -3)) (f32.const 1e30)) (f32.const 3)))
    (func (export "f32_reg") (param f32) (result f32) (local f32)
      (local.set 1 (f32.add (local.get 0) (local.tee 0 (f32.const 0.25))))
      (local.set 1 (f32.sub (local.get 1) (local.tee 0 (f32.const -3))))
      (local.set 1 (f32.mul (local.get 1) (local.tee 0 (f32.const 1e30))))
      (f32.div (local.get 1) (local.tee 0 (f32.const 3))))))");
  for (double x : {0.0, -0.0, 1.0, -3.25, 1e10, std::numeric_limits<double>::infinity(),
                   std::numeric_limits<double>::quiet_NaN()}) {
    runtime::Value fused = h.call1("f64_imm", {runtime::Value::f64(x)});
    runtime::Value plain = h.call1("f64_reg", {runtime::Value::f64(x)});
    // Compare bit patterns, except that any NaN matches any NaN.
    double fv = std::bit_cast<double>(fused.raw.f64), pv = std::bit_cast<double>(plain.raw.f64);
    if (fv != fv || pv != pv) {
      EXPECT_TRUE(fv != fv && pv != pv) << x;
    } else {
      EXPECT_EQ(fused.raw.f64, plain.raw.f64) << x;
    }
    runtime::Value f32f = h.call1("f32_imm", {runtime::Value::f32(static_cast<float>(x))});
    runtime::Value f32p = h.call1("f32_reg", {runtime::Value::f32(static_cast<float>(x))});
    float gf = std::bit_cast<float>(f32f.raw.f32), gp = std::bit_cast<float>(f32p.raw.f32);
    if (gf != gf || gp != gp) {
      EXPECT_TRUE(gf != gf && gp != gp) << x;
    } else {
      EXPECT_EQ(f32f.raw.f32, f32p.raw.f32) << x;
    }
  }
  // A concrete value: ((1 + 0.25) - -3) * 1e300 / -0 = -inf.
  EXPECT_EQ(std::bit_cast<double>(h.call1("f64_imm", {runtime::Value::f64(1.0)}).raw.f64),
            -std::numeric_limits<double>::infinity());
}

}  // namespace
}  // namespace wasmcap::interp::testing
