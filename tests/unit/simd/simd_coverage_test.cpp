// Every 0xFD opcode of ir/opcodes.def has a function in interp/simd/simd.h
// with the argument and result types the calling convention documented there
// derives from the opcode's `sig` column and immediate kind.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "interp/simd/simd.h"
#include "opcode_probe.h"

namespace wasmcap::interp::simd {
#include "opcode_probe_decls.inc"
}  // namespace wasmcap::interp::simd

namespace {

using namespace wasmcap;
using runtime::V128;

// The value of an access of `Bytes` bytes as the memory helpers see it.
template <int Bytes> struct Access;
template <> struct Access<1> { using type = uint8_t; };
template <> struct Access<2> { using type = uint16_t; };
template <> struct Access<4> { using type = uint32_t; };
template <> struct Access<8> { using type = uint64_t; };
template <> struct Access<16> { using type = V128; };

// Expected argument tuple and result type of an opcode's function.
template <test::Sig S, ir::Imm I, int Align>
struct Expect : test::SigTypes<S> {};

// Lane immediates come right after the vector operand.
template <test::Sig S, int Align>
struct Expect<S, ir::Imm::Lane, Align> {
  using Args = std::conditional_t<S.colon() == 2,
                                  std::tuple<V128, uint8_t, typename test::Slot<S.s[1]>::type>,
                                  std::tuple<V128, uint8_t>>;
  using Result = typename test::SigTypes<S>::Result;
};

template <test::Sig S, int Align>
struct Expect<S, ir::Imm::Shuffle, Align> {
  using Args = std::tuple<V128, V128, const uint8_t*>;
  using Result = V128;
};

template <test::Sig S, int Align>
struct Expect<S, ir::Imm::V128, Align> {
  using Args = std::tuple<const uint8_t*>;
  using Result = V128;
};

// Loads take the accessed value; v128.store returns the bytes to write.
template <test::Sig S, int Align>
struct Expect<S, ir::Imm::Memarg, Align> {
  static constexpr bool kStore = S.result() == '\0';
  using Args = std::conditional_t<kStore, std::tuple<V128>, std::tuple<typename Access<(1 << Align)>::type>>;
  using Result = V128;
};

// Lane loads replace a lane with the accessed value; lane stores extract it.
template <test::Sig S, int Align>
struct Expect<S, ir::Imm::MemargLane, Align> {
  static constexpr bool kStore = S.result() == '\0';
  using Value = typename Access<(1 << Align)>::type;
  using Args = std::conditional_t<kStore, std::tuple<V128, uint8_t>, std::tuple<V128, uint8_t, Value>>;
  using Result = std::conditional_t<kStore, Value, V128>;
};

struct Entry {
  ir::Opcode op;
  bool provided;
};

#define WASM_OP(name, prefix, code, text, imm, sig, align)                                        \
  Entry{ir::Opcode::name,                                                                         \
        std::is_same_v<test::ProbeResult<interp::simd::ProbeCall_##name,                          \
                                         Expect<sig, ir::Imm::imm, align>::Args>,                 \
                       Expect<sig, ir::Imm::imm, align>::Result>},
const Entry kEntries[] = {
#include "ir/opcodes.def"
};
#undef WASM_OP

TEST(SimdCoverage, EverySimdOpcodeHasAFunction) {
  std::vector<std::string> missing;
  int checked = 0;
  for (const Entry& e : kEntries) {
    const ir::OpInfo& info = ir::opInfo(e.op);
    if (info.prefix != ir::kPrefixSimd) continue;
    ++checked;
    if (!e.provided) missing.push_back(std::string(info.name));
  }
  EXPECT_EQ(checked, 236 + 20);  // the WebAssembly 2.0 SIMD instruction set and relaxed SIMD
  EXPECT_TRUE(missing.empty()) << "missing or mistyped: " << ::testing::PrintToString(missing);
}

TEST(SimdCoverage, ProbeReportsMistypedFunctions) {
  // A shift whose count is an i64 is not the documented convention.
  using R = test::ProbeResult<interp::simd::ProbeCall_I8x16Shl, std::tuple<V128, uint64_t>>;
  EXPECT_TRUE((std::is_same_v<R, test::ProbeMissing>));
  for (const Entry& e : kEntries) {
    if (e.op == ir::Opcode::I32Add) {
      EXPECT_FALSE(e.provided);
    }
  }
}

}  // namespace
