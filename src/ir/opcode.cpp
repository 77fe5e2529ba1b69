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
// sub-opcodes (SIMD's reach 0x113 with relaxed-simd; the atomics 0x4E).
constexpr size_t kSingleCodes = 256, kMiscCodes = 256, kSimdCodes = 512, kAtomicCodes = 128;

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

struct DecodeTables {
  std::array<int16_t, kSingleCodes> single{};
  std::array<int16_t, kMiscCodes> misc{};
  std::array<int16_t, kSimdCodes> simd{};
  std::array<int16_t, kAtomicCodes> atomic{};
  DecodeTables() {
    single.fill(-1);
    misc.fill(-1);
    simd.fill(-1);
    atomic.fill(-1);
    for (const OpInfo& info : kOps) {
      int16_t op = static_cast<int16_t>(info.op);
      if (info.prefix == 0) single[info.code] = op;
      else if (info.prefix == kPrefixMisc) misc[info.code] = op;
      else if (info.prefix == kPrefixAtomic) atomic[info.code] = op;
      else simd[info.code] = op;
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
  const auto& t = decodeTables();
  int16_t idx = -1;
  if (prefix == 0 && code < kSingleCodes) idx = t.single[code];
  else if (prefix == kPrefixMisc && code < kMiscCodes) idx = t.misc[code];
  else if (prefix == kPrefixSimd && code < kSimdCodes) idx = t.simd[code];
  else if (prefix == kPrefixAtomic && code < kAtomicCodes) idx = t.atomic[code];
  return idx < 0 ? nullptr : &kOps[idx];
}

const OpInfo* findOpcodeByName(std::string_view name) {
  const auto& m = nameTable();
  auto it = m.find(name);
  return it == m.end() ? nullptr : &kOps[static_cast<size_t>(it->second)];
}

}  // namespace wasmcap::ir
