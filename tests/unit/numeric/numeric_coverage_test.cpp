// Every scalar numeric opcode of ir/opcodes.def (fixed-signature instructions
// without immediates, outside the memory and SIMD groups) has a function in
// interp/numeric/numeric.h with the slot types its `sig` column implies.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "interp/numeric/numeric.h"
#include "opcode_probe.h"

namespace wasmcap::interp::numeric {
#include "opcode_probe_decls.inc"
}  // namespace wasmcap::interp::numeric

namespace {

using namespace wasmcap;

template <typename R, typename Expected>
constexpr bool matches() {
  return std::is_same_v<R, Expected> || std::is_same_v<R, interp::numeric::Checked<Expected>>;
}

struct Entry {
  ir::Opcode op;
  bool provided;
};

#define WASM_OP(name, prefix, code, text, imm, sig, align)                                     \
  Entry{ir::Opcode::name,                                                                      \
        matches<test::ProbeResult<interp::numeric::ProbeCall_##name, test::SigTypes<sig>::Args>, \
                test::SigTypes<sig>::Result>()},
const Entry kEntries[] = {
#include "ir/opcodes.def"
};
#undef WASM_OP

// The numeric instructions: no immediate, a fixed signature, no memory
// operand, and not SIMD.
bool isScalarNumeric(const ir::OpInfo& info) {
  if (info.prefix == ir::kPrefixSimd || info.imm != ir::Imm::None) return false;
  if (info.sig == "*" || info.sig.find('a') != std::string_view::npos) return false;
  return info.sig.find(':') != 0 && info.sig.back() != ':';
}

TEST(NumericCoverage, EveryScalarNumericOpcodeHasAFunction) {
  std::vector<std::string> missing;
  int checked = 0;
  for (const Entry& e : kEntries) {
    const ir::OpInfo& info = ir::opInfo(e.op);
    if (!isScalarNumeric(info)) continue;
    ++checked;
    if (!e.provided) missing.push_back(std::string(info.name));
  }
  // MVP numeric (0x45..0xC4 minus none) + 8 saturating truncations.
  EXPECT_EQ(checked, 0xC4 - 0x45 + 1 + 8);
  EXPECT_TRUE(missing.empty()) << "missing or mistyped: " << ::testing::PrintToString(missing);
}

// The probe itself must be able to say "missing": control instructions have
// no numeric function, and a function with other parameter types (F32Nearest
// on a float instead of its bits) does not count.
TEST(NumericCoverage, ProbeReportsAbsentAndMistypedFunctions) {
  for (const Entry& e : kEntries) {
    if (e.op == ir::Opcode::Block) {
      EXPECT_FALSE(e.provided);
    }
  }
  using R = test::ProbeResult<interp::numeric::ProbeCall_F32Nearest, std::tuple<float>>;
  EXPECT_TRUE((std::is_same_v<R, test::ProbeMissing>));
}

}  // namespace
