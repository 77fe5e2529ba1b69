#include "validate/op_table.h"

#include <array>
#include <cassert>
#include <charconv>
#include <string_view>

namespace wasmcap::validate {
namespace {

constexpr size_t kNumOps = static_cast<size_t>(ir::Opcode::Count_);

ir::ValType typeOfLetter(char c) {
  switch (c) {
    case 'i': return ir::ValType::i32();
    case 'I': return ir::ValType::i64();
    case 'f': return ir::ValType::f32();
    case 'F': return ir::ValType::f64();
    case 'V': return ir::ValType::v128();
    case 'a': return ir::ValType(kAddrCode);
  }
  assert(false && "bad letter in an opcode signature");
  return kUnknown;
}

unsigned parseNumber(std::string_view s) {
  unsigned n = 0;
  std::from_chars(s.data(), s.data() + s.size(), n);
  return n;
}

// Lanes of the shape an instruction indexes: "i16x8.extract_lane_s" -> 8,
// "v128.load32_lane" -> 128 / 32 = 4.
uint8_t laneCountOf(std::string_view name) {
  std::string_view shape = name.substr(0, name.find('.'));
  if (shape == "v128") {
    std::string_view rest = name.substr(name.find('.') + 1);
    size_t digits = rest.find_first_of("0123456789");
    unsigned bits = parseNumber(rest.substr(digits));
    return bits ? static_cast<uint8_t>(128 / bits) : 0;
  }
  size_t x = shape.find('x');
  return x == std::string_view::npos ? 0 : static_cast<uint8_t>(parseNumber(shape.substr(x + 1)));
}

OpSig parseSig(const ir::OpInfo& info) {
  OpSig sig;
  if (info.imm == ir::Imm::Lane || info.imm == ir::Imm::MemargLane) sig.laneCount = laneCountOf(info.name);
  if (info.sig == "*") return sig;
  sig.fixed = true;
  size_t colon = info.sig.find(':');
  assert(colon != std::string_view::npos);
  std::string_view params = info.sig.substr(0, colon), results = info.sig.substr(colon + 1);
  assert(params.size() <= std::size(sig.params) && results.size() <= std::size(sig.results));
  for (char c : params) sig.params[sig.numParams++] = typeOfLetter(c);
  for (char c : results) sig.results[sig.numResults++] = typeOfLetter(c);
  sig.usesAddr = info.sig.find('a') != std::string_view::npos;
  return sig;
}

struct OpSigTable {
  std::array<OpSig, kNumOps> sigs;
  OpSigTable() {
    for (size_t i = 0; i < kNumOps; ++i) sigs[i] = parseSig(ir::opInfo(static_cast<ir::Opcode>(i)));
  }
};

}  // namespace

const OpSig* opSigTable() {
  static const OpSigTable table;
  return table.sigs.data();
}

}  // namespace wasmcap::validate
