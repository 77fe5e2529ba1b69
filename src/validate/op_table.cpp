#include "validate/op_table.h"

#include <array>
#include <string_view>

namespace wasmcap::validate {
namespace {

constexpr size_t kNumOps = static_cast<size_t>(ir::Opcode::Count_);

constexpr ir::ValType typeOfLetter(char c) {
  switch (c) {
    case 'i': return ir::ValType::i32();
    case 'I': return ir::ValType::i64();
    case 'f': return ir::ValType::f32();
    case 'F': return ir::ValType::f64();
    case 'V': return ir::ValType::v128();
    case 'a': return ir::ValType(kAddrCode);
  }
  throw "bad letter in an opcode signature";  // a compile error: the table is constexpr
}

constexpr unsigned parseNumber(std::string_view s) {
  unsigned n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') break;
    n = n * 10 + static_cast<unsigned>(c - '0');
  }
  return n;
}

// Lanes of the shape an instruction indexes: "i16x8.extract_lane_s" -> 8,
// "v128.load32_lane" -> 128 / 32 = 4.
constexpr uint8_t laneCountOf(std::string_view name) {
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

constexpr OpSig parseSig(std::string_view name, ir::Imm imm, std::string_view text) {
  OpSig sig;
  if (imm == ir::Imm::Lane || imm == ir::Imm::MemargLane) sig.laneCount = laneCountOf(name);
  if (text == "*") return sig;
  sig.fixed = true;
  size_t colon = text.find(':');
  if (colon == std::string_view::npos) throw "opcode signature without ':'";
  std::string_view params = text.substr(0, colon), results = text.substr(colon + 1);
  if (params.size() > std::size(sig.params) || results.size() > std::size(sig.results)) {
    throw "opcode signature too long for OpSig";
  }
  for (char c : params) sig.params[sig.numParams++] = typeOfLetter(c);
  for (char c : results) sig.results[sig.numResults++] = typeOfLetter(c);
  sig.usesAddr = text.find('a') != std::string_view::npos;
  return sig;
}

// Parsed at compile time from the same X-macro table as ir::opInfo, in
// opcode order: start-up does no work for it.
constexpr std::array<OpSig, kNumOps> kSigs = {{
#define WASM_OP(name, prefix, code, text, imm, sig, align) parseSig(text, ir::Imm::imm, sig),
#include "ir/opcodes.def"
#undef WASM_OP
}};

}  // namespace

const OpSig* opSigTable() {
  return kSigs.data();
}

}  // namespace wasmcap::validate
