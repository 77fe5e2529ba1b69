// Instructions of the text format, plain and folded, encoded straight to
// their binary form. Used for function bodies and constant expressions.
#pragma once
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "ir/opcode.h"
#include "text/cursor.h"
#include "text/encoder.h"
#include "text/module_state.h"

namespace wasmcap::text {

class InstrParser {
 public:
  // `localIds` is null for constant expressions (no locals).
  InstrParser(ModuleState& module, const std::vector<Token>& tokens,
              const std::unordered_map<std::string, uint32_t>* localIds)
      : module_(module), tokens_(tokens), localIds_(localIds) {}

  // Instructions up to (not including) the ')' that ends the enclosing form.
  Result<void> parseList(Cursor& cur, Bytes& out);
  // Exactly one folded instruction (the offset and element item abbreviations).
  Result<void> parseSingle(Cursor& cur, Bytes& out) { return parseFolded(cur, out); }

 private:
  Result<void> parseInstr(Cursor& cur, Bytes& out);
  Result<void> parseFolded(Cursor& cur, Bytes& out);
  Result<void> parsePlainBlock(Cursor& cur, const ir::OpInfo& info, Bytes& out);
  Result<void> parseFoldedBlock(Cursor& cur, const ir::OpInfo& info, Bytes& out);
  Result<void> parseImmediates(Cursor& cur, const ir::OpInfo& info, Bytes& out);
  Result<void> parseBlockType(Cursor& cur, Bytes& out);
  Result<void> parseCatches(Cursor& cur, Bytes& out);
  Result<void> parseMemarg(Cursor& cur, const ir::OpInfo& info, Bytes& out);
  Result<void> parseV128Const(Cursor& cur, Bytes& out);
  Result<void> parseLaneIndex(Cursor& cur, Bytes& out);
  Result<void> checkEndLabel(Cursor& cur, const std::optional<std::string>& label);
  Result<uint32_t> labelIndex(Cursor& cur);
  Result<uint32_t> index(Cursor& cur, const IndexSpace& space, std::string_view what);
  Result<uint32_t> localIndex(Cursor& cur);

  ModuleState& module_;
  const std::vector<Token>& tokens_;
  const std::unordered_map<std::string, uint32_t>* localIds_;
  std::vector<std::optional<std::string>> labels_;  // innermost last
  uint32_t depth_ = 0;  // current nesting of blocks and folded forms

  struct NestingGuard {
    explicit NestingGuard(uint32_t& d) : depth(d) { ++depth; }
    ~NestingGuard() { --depth; }
    uint32_t& depth;
  };
};

}  // namespace wasmcap::text
