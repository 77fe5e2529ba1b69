#include "ir/opcode.h"

#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>

namespace wasmcap::ir {
namespace {

constexpr std::array<OpInfo, static_cast<size_t>(Opcode::Count_)> kOps = {{
#define WASM_OP(name, prefix, code, text, imm, sig, align) \
  {Opcode::name, prefix, code, text, Imm::imm, sig, align},
#include "ir/opcodes.def"
#undef WASM_OP
}};

// Dense tables for the binary lookup: single-byte opcodes, and each prefix's
// sub-opcodes (all < 256 in the current table).
struct DecodeTables {
  std::array<int16_t, 256> single{}, misc{}, simd{};
  DecodeTables() {
    single.fill(-1);
    misc.fill(-1);
    simd.fill(-1);
    for (const OpInfo& info : kOps) {
      auto& table = info.prefix == 0 ? single : info.prefix == kPrefixMisc ? misc : simd;
      table[info.code] = static_cast<int16_t>(info.op);
    }
  }
};

const DecodeTables& decodeTables() {
  static const DecodeTables tables;
  return tables;
}

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

const OpInfo& opInfo(Opcode op) { return kOps[static_cast<size_t>(op)]; }

const OpInfo* findOpcode(uint8_t prefix, uint32_t code) {
  if (code >= 256) return nullptr;
  const auto& t = decodeTables();
  int16_t idx = -1;
  if (prefix == 0) idx = t.single[code];
  else if (prefix == kPrefixMisc) idx = t.misc[code];
  else if (prefix == kPrefixSimd) idx = t.simd[code];
  return idx < 0 ? nullptr : &kOps[idx];
}

const OpInfo* findOpcodeByName(std::string_view name) {
  const auto& m = nameTable();
  auto it = m.find(name);
  return it == m.end() ? nullptr : &kOps[static_cast<size_t>(it->second)];
}

}  // namespace wasmcap::ir
