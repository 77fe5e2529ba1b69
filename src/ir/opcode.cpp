#include "ir/opcode.h"

#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>

namespace wasmcap::ir {
namespace detail {

constexpr std::array<OpInfo, static_cast<size_t>(Opcode::Count_)> kOps = {{
#define WASM_OP(name, prefix, code, text, imm, sig, align) \
  {Opcode::name, prefix, code, text, Imm::imm, sig, align},
#include "ir/opcodes.def"
#undef WASM_OP
}};

// Dense tables for the binary lookup: single-byte opcodes, and each prefix's
// sub-opcodes (SIMD's reach 0x113 with relaxed-simd; the atomics 0x4E).
constexpr bool codesFitTables() {
  for (const OpInfo& info : kOps) {
    size_t limit = info.prefix == 0             ? kSingleCodes
                   : info.prefix == kPrefixMisc   ? kMiscCodes
                   : info.prefix == kPrefixAtomic ? kAtomicCodes
                                                  : kSimdCodes;
    if (info.code >= limit) return false;
  }
  return true;
}
static_assert(codesFitTables(), "an opcode in opcodes.def is beyond its decode table: enlarge the table");

template <size_t N>
constexpr std::array<int16_t, N> decodeTable(uint8_t prefix) {
  std::array<int16_t, N> t{};
  t.fill(-1);
  for (const OpInfo& info : kOps) {
    if (info.prefix == prefix) t[info.code] = static_cast<int16_t>(info.op);
  }
  return t;
}

constexpr std::array<int16_t, kSingleCodes> kDecodeSingle = decodeTable<kSingleCodes>(0);
constexpr std::array<int16_t, kMiscCodes> kDecodeMisc = decodeTable<kMiscCodes>(kPrefixMisc);
constexpr std::array<int16_t, kSimdCodes> kDecodeSimd = decodeTable<kSimdCodes>(kPrefixSimd);
constexpr std::array<int16_t, kAtomicCodes> kDecodeAtomic = decodeTable<kAtomicCodes>(kPrefixAtomic);

}  // namespace detail

namespace {
using detail::kOps;

const std::unordered_map<std::string_view, Opcode>& nameTable() {
  static const auto* table = [] {
    auto* m = new std::unordered_map<std::string_view, Opcode>();
    for (const OpInfo& info : kOps) {
      if (info.op == Opcode::SelectT) continue;  // "select" names the untyped form
      m->emplace(info.name, info.op);
    }
    return m;
  }();
  return *table;
}

}  // namespace

const OpInfo* findOpcodeByName(std::string_view name) {
  const auto& m = nameTable();
  auto it = m.find(name);
  return it == m.end() ? nullptr : &kOps[static_cast<size_t>(it->second)];
}

}  // namespace wasmcap::ir
