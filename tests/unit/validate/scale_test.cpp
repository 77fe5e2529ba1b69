// Large inputs validate in time linear in their size: deep nesting, many
// locals, long br_tables and megabytes of code. The time bounds are loose
// (they must hold under sanitizers on a loaded machine); they catch
// quadratic behaviour, not small regressions.
#include <gtest/gtest.h>

#include <ctime>

#include "module_builder.h"

namespace wasmcap::validate::testing {
namespace {

constexpr uint8_t END = 0x0B;

// Process CPU time, so other work on the machine does not count.
double secondsToValidate(const ir::Module& m, bool& ok) {
  std::clock_t start = std::clock();
  ok = validateModule(m).ok();
  return static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
}

TEST(ValidateScale, DeepNesting) {
  constexpr int kDepth = 100000;
  Bytes body;
  for (int i = 0; i < kDepth; ++i) body.insert(body.end(), {0x02, 0x40});  // block
  body.insert(body.end(), {0x41, 0x00, 0x0D, 0x00});                          // br_if 0 from the innermost
  for (int i = 0; i < kDepth; ++i) body.push_back(END);
  body.push_back(END);
  ModuleBuilder b;
  b.func({}, {}, body);
  bool ok = false;
  EXPECT_LT(secondsToValidate(b.module(), ok), 5.0);
  EXPECT_TRUE(ok);
}

TEST(ValidateScale, LongBrTableAndManyLocals) {
  constexpr uint32_t kTargets = 100000;
  Bytes body = {0x02, 0x40, 0x41, 0x00, 0x0E};
  body.insert(body.end(), {0xA0, 0x8D, 0x06});  // LEB128 of 100000
  for (uint32_t i = 0; i <= kTargets; ++i) body.push_back(0x00);
  body.insert(body.end(), {END, END});
  ModuleBuilder b;
  b.func({}, {}, body, std::vector<ValType>(50000, I64));
  bool ok = false;
  EXPECT_LT(secondsToValidate(b.module(), ok), 5.0);
  EXPECT_TRUE(ok);
}

TEST(ValidateScale, MegabytesOfCode) {
  // 2000 functions of ~1000 instructions each: local traffic, a block with
  // br_if, a counting loop, a load and a select.
  const Bytes pattern = {0x20, 0, 0x20, 1, 0x6A, 0x21, 2,                              // local.set 2 (a + b)
                         0x02, 0x40, 0x20, 2, 0x45, 0x0D, 0, 0x20, 2, 0x28, 2, 0, 0x21, 0, END,
                         0x03, 0x40, 0x20, 0, 0x41, 1, 0x6B, 0x22, 0, 0x0D, 0, END,
                         0x20, 0, 0x20, 1, 0x20, 2, 0x1B, 0x21, 1};
  ModuleBuilder b;
  b.memory(1);
  uint32_t type = b.type({I32, I32}, {I32});
  size_t codeBytes = 0;
  for (int f = 0; f < 2000; ++f) {
    Bytes body;
    for (int i = 0; i < 28; ++i) body.insert(body.end(), pattern.begin(), pattern.end());
    body.insert(body.end(), {0x20, 0, END});
    codeBytes += body.size();
    b.funcOfType(type, body, {I32});
  }
  ASSERT_GT(codeBytes, 2000000u);
  bool ok = false;
  double seconds = secondsToValidate(b.module(), ok);
  EXPECT_TRUE(ok);
  EXPECT_LT(seconds, 5.0);
  std::cout << "[ timing   ] " << codeBytes << " bytes of code validated in " << seconds * 1000 << " ms of CPU time\n";
}

}  // namespace
}  // namespace wasmcap::validate::testing
