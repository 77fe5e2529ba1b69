#include "text/instr_parser.h"

#include "text/number_literal.h"
#include "text/parse_helpers.h"

namespace wasmcap::text {
namespace {

using ir::Imm;
using ir::Opcode;
using ir::OpInfo;

// Deeper nesting than this is rejected rather than risking the native stack.
constexpr uint32_t kMaxNesting = 1000;

bool isBlockOp(Opcode op) {
  return op == Opcode::Block || op == Opcode::Loop || op == Opcode::If || op == Opcode::TryTable;
}

Error literalError(const Token& t, LiteralStatus st) {
  if (st == LiteralStatus::OutOfRange) return textError(t, "constant out of range");
  Error e = unexpectedAtom(t);
  e.message += " (expected a number)";
  return e;
}

// A word in instruction position that is not an instruction: a keyword out of
// place, or an unknown operator.
Error notAnInstruction(const Token& kw) {
  if (ir::findOpcodeByName(kw.text) == nullptr && !isKeyword(kw.text)) return textError(kw, "unknown operator " + kw.text);
  return textError(kw, "unexpected token " + kw.text);
}

}  // namespace

Result<void> InstrParser::parseList(Cursor& cur, Bytes& out) {
  while (!cur.atEnd() && !cur.peekIs(TokenKind::RParen) && !cur.peekAtom("end") && !cur.peekAtom("else")) {
    WASMCAP_TRY(parseInstr(cur, out));
  }
  return {};
}

Result<void> InstrParser::parseInstr(Cursor& cur, Bytes& out) {
  if (cur.peekIs(TokenKind::LParen)) return parseFolded(cur, out);
  if (!cur.peekIs(TokenKind::Atom)) return cur.unexpected();
  const Token& kw = cur.next();
  const OpInfo* info = ir::findOpcodeByName(kw.text);
  if (!info || info->op == Opcode::Else || info->op == Opcode::End) return notAnInstruction(kw);
  if (isBlockOp(info->op)) return parsePlainBlock(cur, *info, out);
  return parseImmediates(cur, *info, out);
}

Result<void> InstrParser::parsePlainBlock(Cursor& cur, const OpInfo& info, Bytes& out) {
  NestingGuard guard(depth_);
  if (depth_ > kMaxNesting) return cur.error("instructions nested too deeply");
  std::optional<std::string> label = takeOptionalId(cur);
  writeOpcode(out, info.prefix, info.code);
  WASMCAP_TRY(parseBlockType(cur, out));
  if (info.op == Opcode::TryTable) WASMCAP_TRY(parseCatches(cur, out));
  labels_.push_back(label);
  WASMCAP_TRY(parseList(cur, out));
  if (info.op == Opcode::If && cur.peekAtom("else")) {
    cur.next();
    WASMCAP_TRY(checkEndLabel(cur, label));
    writeByte(out, 0x05);
    WASMCAP_TRY(parseList(cur, out));
  }
  if (!cur.peekAtom("end")) return cur.unexpected();
  cur.next();
  WASMCAP_TRY(checkEndLabel(cur, label));
  writeByte(out, 0x0B);
  labels_.pop_back();
  return {};
}

Result<void> InstrParser::parseFolded(Cursor& cur, Bytes& out) {
  NestingGuard guard(depth_);
  if (depth_ > kMaxNesting) return cur.error("instructions nested too deeply");
  WASMCAP_TRY(cur.expect(TokenKind::LParen));
  if (!cur.peekIs(TokenKind::Atom)) return cur.unexpected();
  const Token& kw = cur.next();
  const OpInfo* info = ir::findOpcodeByName(kw.text);
  if (!info || info->op == Opcode::Else || info->op == Opcode::End) return notAnInstruction(kw);
  if (isBlockOp(info->op)) return parseFoldedBlock(cur, *info, out);
  // Immediates follow the keyword, then the operands as folded expressions,
  // which execute first.
  Bytes self;
  WASMCAP_TRY(parseImmediates(cur, *info, self));
  while (cur.peekIs(TokenKind::LParen)) WASMCAP_TRY(parseFolded(cur, out));
  WASMCAP_TRY(cur.expect(TokenKind::RParen));
  writeBytes(out, self);
  return {};
}

Result<void> InstrParser::parseFoldedBlock(Cursor& cur, const OpInfo& info, Bytes& out) {
  std::optional<std::string> label = takeOptionalId(cur);
  Bytes blockType;
  WASMCAP_TRY(parseBlockType(cur, blockType));
  if (info.op == Opcode::TryTable) WASMCAP_TRY(parseCatches(cur, blockType));
  if (info.op != Opcode::If) {
    writeOpcode(out, info.prefix, info.code);
    writeBytes(out, blockType);
    labels_.push_back(label);
    WASMCAP_TRY(parseList(cur, out));
    WASMCAP_TRY(cur.expect(TokenKind::RParen));
    writeByte(out, 0x0B);
    labels_.pop_back();
    return {};
  }
  // (if label? blocktype cond* (then instr*) (else instr*)?)
  while (cur.peekIs(TokenKind::LParen) && !cur.peekOpen("then")) WASMCAP_TRY(parseFolded(cur, out));
  writeOpcode(out, info.prefix, info.code);
  writeBytes(out, blockType);
  labels_.push_back(label);
  WASMCAP_TRY(cur.expectOpen("then"));
  WASMCAP_TRY(parseList(cur, out));
  WASMCAP_TRY(cur.expect(TokenKind::RParen));
  if (cur.peekOpen("else")) {
    cur.next();
    cur.next();
    writeByte(out, 0x05);
    WASMCAP_TRY(parseList(cur, out));
    WASMCAP_TRY(cur.expect(TokenKind::RParen));
  }
  WASMCAP_TRY(cur.expect(TokenKind::RParen));
  writeByte(out, 0x0B);
  labels_.pop_back();
  return {};
}

Result<void> InstrParser::checkEndLabel(Cursor& cur, const std::optional<std::string>& label) {
  if (!cur.peekIs(TokenKind::Id)) return {};
  const Token& t = cur.next();
  if (!label || *label != t.text) return textError(t, "mismatching label $" + t.text);
  return {};
}

Result<void> InstrParser::parseBlockType(Cursor& cur, Bytes& out) {
  WASMCAP_TRY_ASSIGN(TypeUse use, parseTypeUse(cur, /*allowParamIds=*/false, module_.typeSpace));
  if (!use.typeRef && use.inlineType.params.empty() && use.inlineType.results.size() <= 1) {
    if (use.inlineType.results.empty()) writeByte(out, 0x40);
    else writeValType(out, use.inlineType.results[0]);
    return {};
  }
  WASMCAP_TRY_ASSIGN(uint32_t typeIndex, resolveTypeUse(module_, tokens_, use));
  writeS64(out, typeIndex);  // s33
  return {};
}

// try_table's catch clauses: (catch x l) (catch_ref x l) (catch_all l)
// (catch_all_ref l), labels resolved outside the try_table.
Result<void> InstrParser::parseCatches(Cursor& cur, Bytes& out) {
  Bytes clauses;
  uint32_t count = 0;
  for (;;) {
    uint8_t kind;
    if (cur.peekOpen("catch")) kind = 0;
    else if (cur.peekOpen("catch_ref")) kind = 1;
    else if (cur.peekOpen("catch_all")) kind = 2;
    else if (cur.peekOpen("catch_all_ref")) kind = 3;
    else break;
    cur.next();
    cur.next();
    writeByte(clauses, kind);
    if (kind <= 1) {
      WASMCAP_TRY_ASSIGN(uint32_t tag, index(cur, module_.tagSpace, "tag"));
      writeU32(clauses, tag);
    }
    WASMCAP_TRY_ASSIGN(uint32_t depth, labelIndex(cur));
    writeU32(clauses, depth);
    WASMCAP_TRY(cur.expect(TokenKind::RParen));
    ++count;
  }
  writeU32(out, count);
  writeBytes(out, clauses);
  return {};
}

Result<uint32_t> InstrParser::labelIndex(Cursor& cur) {
  if (cur.peekIs(TokenKind::Id)) {
    const Token& t = cur.next();
    for (size_t i = labels_.size(); i-- > 0;) {
      if (labels_[i] && *labels_[i] == t.text) return static_cast<uint32_t>(labels_.size() - 1 - i);
    }
    return textError(t, "unknown label $" + t.text);
  }
  return parseU32(cur);
}

Result<uint32_t> InstrParser::index(Cursor& cur, const IndexSpace& space, std::string_view what) {
  WASMCAP_TRY_ASSIGN(size_t pos, takeIndex(cur));
  return resolveIndex(tokens_, pos, space, what);
}

Result<uint32_t> InstrParser::localIndex(Cursor& cur) {
  if (cur.peekIs(TokenKind::Id)) {
    const Token& t = cur.next();
    if (localIds_) {
      auto it = localIds_->find(t.text);
      if (it != localIds_->end()) return it->second;
    }
    return textError(t, "unknown local $" + t.text);
  }
  return parseU32(cur);
}

Result<void> InstrParser::parseMemarg(Cursor& cur, const OpInfo& info, Bytes& out) {
  // An optional memory index (multi-memory). Before a lane index, a bare
  // number is the lane unless another number or the memarg follows it.
  uint32_t memory = 0;
  bool lane = info.imm == Imm::MemargLane;
  auto isMemargKey = [&](size_t k) {
    return cur.peekIs(TokenKind::Atom, k) &&
           (cur.peek(k).text.rfind("offset=", 0) == 0 || cur.peek(k).text.rfind("align=", 0) == 0);
  };
  if (peekIndex(cur) && !isMemargKey(0) &&
      (!lane || cur.peekIs(TokenKind::Id) || isMemargKey(1) || cur.peekIs(TokenKind::Atom, 1))) {
    WASMCAP_TRY_ASSIGN(memory, index(cur, module_.memorySpace, "memory"));
  }
  bool is64 = memory < module_.memories.size() && module_.memories[memory].limits.is64;
  uint64_t offset = 0;
  uint64_t align = uint64_t(1) << info.alignLog2;
  if (cur.peekIs(TokenKind::Atom) && cur.peek().text.rfind("offset=", 0) == 0) {
    const Token& t = cur.next();
    LiteralStatus st = parseUnsigned(std::string_view(t.text).substr(7), is64 ? 64 : 32, &offset);
    if (st == LiteralStatus::OutOfRange) return textError(t, is64 ? "i64 constant out of range" : "i32 constant out of range");
    if (st != LiteralStatus::Ok) return textError(t, "unknown operator " + t.text);
  }
  if (cur.peekIs(TokenKind::Atom) && cur.peek().text.rfind("align=", 0) == 0) {
    const Token& t = cur.next();
    LiteralStatus st = parseUnsigned(std::string_view(t.text).substr(6), 32, &align);
    if (st == LiteralStatus::OutOfRange) return textError(t, "i32 constant out of range");
    if (st != LiteralStatus::Ok) return textError(t, "unknown operator " + t.text);
    if (align == 0 || (align & (align - 1)) != 0) return textError(t, "alignment must be a power of two");
  }
  uint32_t alignLog2 = 0;
  while ((uint64_t(1) << alignLog2) < align) ++alignLog2;
  // Flag bit 6 announces an explicit memory index (only written when non-zero).
  writeU32(out, memory != 0 ? alignLog2 | 0x40 : alignLog2);
  if (memory != 0) writeU32(out, memory);
  writeU64(out, offset);
  return {};
}

Result<void> InstrParser::parseLaneIndex(Cursor& cur, Bytes& out) {
  if (!cur.peekIs(TokenKind::Atom)) return cur.unexpected();
  uint64_t lane = 0;
  LiteralStatus st = parseUnsigned(cur.peek().text, 8, &lane);
  if (st == LiteralStatus::NotANumber) return cur.unexpected();
  if (st != LiteralStatus::Ok) return cur.error("malformed lane index");
  cur.next();
  writeByte(out, static_cast<uint8_t>(lane));
  return {};
}

Result<void> InstrParser::parseV128Const(Cursor& cur, Bytes& out) {
  if (!cur.peekIs(TokenKind::Atom)) return cur.unexpected();
  const Token& shapeTok = cur.next();
  const std::string& shape = shapeTok.text;
  unsigned laneBits;
  bool isFloat = false;
  if (shape == "i8x16") laneBits = 8;
  else if (shape == "i16x8") laneBits = 16;
  else if (shape == "i32x4") laneBits = 32;
  else if (shape == "i64x2") laneBits = 64;
  else if (shape == "f32x4") laneBits = 32, isFloat = true;
  else if (shape == "f64x2") laneBits = 64, isFloat = true;
  else return textError(shapeTok, "unexpected token " + shape + " (expected a v128 shape)");
  unsigned lanes = 128 / laneBits;
  // The count is checked before any lane's value, as the spec does.
  if (countLiteralAtoms(cur.tokens(), cur.pos()) != lanes) return cur.error("wrong number of lane literals");
  for (unsigned i = 0; i < lanes; ++i) {
    const Token& t = cur.next();
    uint64_t value = 0;
    LiteralStatus st;
    if (isFloat && laneBits == 32) {
      uint32_t bits = 0;
      st = parseFloat32(t.text, &bits);
      value = bits;
    } else if (isFloat) {
      st = parseFloat64(t.text, &value);
    } else {
      st = parseInteger(t.text, laneBits, &value);
    }
    if (st != LiteralStatus::Ok) return literalError(t, st);
    for (unsigned b = 0; b < laneBits / 8; ++b) out.push_back(static_cast<uint8_t>(value >> (8 * b)));
  }
  return {};
}

Result<void> InstrParser::parseImmediates(Cursor& cur, const OpInfo& info, Bytes& out) {
  // select with (result t)* is the typed form.
  if (info.op == Opcode::Select && cur.peekOpen("result")) {
    std::vector<ir::ValType> types;
    while (cur.peekOpen("result")) {
      cur.next();
      cur.next();
      while (!cur.peekIs(TokenKind::RParen)) {
        WASMCAP_TRY_ASSIGN(ir::ValType t, parseValType(cur, module_.typeSpace));
        types.push_back(t);
      }
      WASMCAP_TRY(cur.expect(TokenKind::RParen));
    }
    const OpInfo& typed = ir::opInfo(Opcode::SelectT);
    writeOpcode(out, typed.prefix, typed.code);
    writeU32(out, static_cast<uint32_t>(types.size()));
    for (ir::ValType t : types) writeValType(out, t);
    return {};
  }
  writeOpcode(out, info.prefix, info.code);
  switch (info.imm) {
    case Imm::None:
    case Imm::Block:
    case Imm::SelectT:
      return {};
    case Imm::Label: {
      WASMCAP_TRY_ASSIGN(uint32_t depth, labelIndex(cur));
      writeU32(out, depth);
      return {};
    }
    case Imm::BrTable: {
      std::vector<uint32_t> depths;
      while (peekIndex(cur)) {
        WASMCAP_TRY_ASSIGN(uint32_t depth, labelIndex(cur));
        depths.push_back(depth);
      }
      if (depths.empty()) return cur.unexpected();
      writeU32(out, static_cast<uint32_t>(depths.size() - 1));
      for (uint32_t d : depths) writeU32(out, d);
      return {};
    }
    case Imm::TypeIdx: {
      WASMCAP_TRY_ASSIGN(uint32_t t, index(cur, module_.typeSpace, "type"));
      writeU32(out, t);
      return {};
    }
    case Imm::Tag: {
      WASMCAP_TRY_ASSIGN(uint32_t t, index(cur, module_.tagSpace, "tag"));
      writeU32(out, t);
      return {};
    }
    case Imm::TryTable:
      return cur.error("try_table is a block");
    case Imm::Func: {
      WASMCAP_TRY_ASSIGN(uint32_t f, index(cur, module_.funcSpace, "function"));
      writeU32(out, f);
      return {};
    }
    case Imm::CallIndirect: {
      uint32_t table = 0;
      if (peekIndex(cur)) {
        WASMCAP_TRY_ASSIGN(table, index(cur, module_.tableSpace, "table"));
      }
      WASMCAP_TRY_ASSIGN(TypeUse use, parseTypeUse(cur, /*allowParamIds=*/false, module_.typeSpace));
      WASMCAP_TRY_ASSIGN(uint32_t type, resolveTypeUse(module_, tokens_, use));
      writeU32(out, type);
      writeU32(out, table);
      return {};
    }
    case Imm::Local: {
      WASMCAP_TRY_ASSIGN(uint32_t l, localIndex(cur));
      writeU32(out, l);
      return {};
    }
    case Imm::Global: {
      WASMCAP_TRY_ASSIGN(uint32_t g, index(cur, module_.globalSpace, "global"));
      writeU32(out, g);
      return {};
    }
    case Imm::Table: {
      uint32_t table = 0;
      if (peekIndex(cur)) {
        WASMCAP_TRY_ASSIGN(table, index(cur, module_.tableSpace, "table"));
      }
      writeU32(out, table);
      return {};
    }
    case Imm::Memarg:
      return parseMemarg(cur, info, out);
    case Imm::Memory: {
      uint32_t memory = 0;
      if (peekIndex(cur)) {
        WASMCAP_TRY_ASSIGN(memory, index(cur, module_.memorySpace, "memory"));
      }
      writeU32(out, memory);
      return {};
    }
    case Imm::I32: {
      if (!cur.peekIs(TokenKind::Atom)) return cur.unexpected();
      const Token& t = cur.next();
      uint64_t v = 0;
      LiteralStatus st = parseInteger(t.text, 32, &v);
      if (st != LiteralStatus::Ok) return literalError(t, st);
      writeS32(out, static_cast<int32_t>(static_cast<uint32_t>(v)));
      return {};
    }
    case Imm::I64: {
      if (!cur.peekIs(TokenKind::Atom)) return cur.unexpected();
      const Token& t = cur.next();
      uint64_t v = 0;
      LiteralStatus st = parseInteger(t.text, 64, &v);
      if (st != LiteralStatus::Ok) return literalError(t, st);
      writeS64(out, static_cast<int64_t>(v));
      return {};
    }
    case Imm::F32: {
      if (!cur.peekIs(TokenKind::Atom)) return cur.unexpected();
      const Token& t = cur.next();
      uint32_t bits = 0;
      LiteralStatus st = parseFloat32(t.text, &bits);
      if (st != LiteralStatus::Ok) return literalError(t, st);
      writeFixed32(out, bits);
      return {};
    }
    case Imm::F64: {
      if (!cur.peekIs(TokenKind::Atom)) return cur.unexpected();
      const Token& t = cur.next();
      uint64_t bits = 0;
      LiteralStatus st = parseFloat64(t.text, &bits);
      if (st != LiteralStatus::Ok) return literalError(t, st);
      writeFixed64(out, bits);
      return {};
    }
    case Imm::V128:
      return parseV128Const(cur, out);
    case Imm::Lane:
      return parseLaneIndex(cur, out);
    case Imm::MemargLane:
      WASMCAP_TRY(parseMemarg(cur, info, out));
      return parseLaneIndex(cur, out);
    case Imm::Shuffle:
      for (int i = 0; i < 16; ++i) {
        if (!cur.peekIs(TokenKind::Atom)) return cur.error("invalid lane length");
        // Among shuffle lanes any number that is not a lane (sign, fraction,
        // inf, nan) is a malformed lane index, not an unexpected token.
        uint64_t lane = 0;
        if (isNumberSyntax(cur.peek().text) && parseUnsigned(cur.peek().text, 8, &lane) != LiteralStatus::Ok)
          return cur.error("malformed lane index");
        WASMCAP_TRY(parseLaneIndex(cur, out));
      }
      if (cur.peekIs(TokenKind::Atom)) return cur.error("invalid lane length");
      return {};
    case Imm::HeapType: {
      WASMCAP_TRY_ASSIGN(ir::ValType t, parseHeapType(cur, module_.typeSpace, true));
      writeHeapType(out, t);
      return {};
    }
    case Imm::MemoryInit: {
      WASMCAP_TRY_ASSIGN(size_t first, takeIndex(cur));
      uint32_t memory = 0;
      size_t dataPos = first;
      if (peekIndex(cur)) {
        WASMCAP_TRY_ASSIGN(memory, resolveIndex(tokens_, first, module_.memorySpace, "memory"));
        WASMCAP_TRY_ASSIGN(dataPos, takeIndex(cur));
      }
      WASMCAP_TRY_ASSIGN(uint32_t data, resolveIndex(tokens_, dataPos, module_.dataSpace, "data segment"));
      module_.usesDataCount = true;
      writeU32(out, data);
      writeU32(out, memory);
      return {};
    }
    case Imm::Data: {
      WASMCAP_TRY_ASSIGN(uint32_t data, index(cur, module_.dataSpace, "data segment"));
      module_.usesDataCount = true;
      writeU32(out, data);
      return {};
    }
    case Imm::MemoryCopy: {
      uint32_t dst = 0, src = 0;
      if (peekIndex(cur)) {
        WASMCAP_TRY_ASSIGN(dst, index(cur, module_.memorySpace, "memory"));
        WASMCAP_TRY_ASSIGN(src, index(cur, module_.memorySpace, "memory"));
      }
      writeU32(out, dst);
      writeU32(out, src);
      return {};
    }
    case Imm::TableInit: {
      WASMCAP_TRY_ASSIGN(size_t first, takeIndex(cur));
      uint32_t table = 0;
      size_t elemPos = first;
      if (peekIndex(cur)) {
        WASMCAP_TRY_ASSIGN(table, resolveIndex(tokens_, first, module_.tableSpace, "table"));
        WASMCAP_TRY_ASSIGN(elemPos, takeIndex(cur));
      }
      WASMCAP_TRY_ASSIGN(uint32_t elem, resolveIndex(tokens_, elemPos, module_.elemSpace, "elem segment"));
      writeU32(out, elem);
      writeU32(out, table);
      return {};
    }
    case Imm::Elem: {
      WASMCAP_TRY_ASSIGN(uint32_t elem, index(cur, module_.elemSpace, "elem segment"));
      writeU32(out, elem);
      return {};
    }
    case Imm::TableCopy: {
      uint32_t dst = 0, src = 0;
      if (peekIndex(cur)) {
        WASMCAP_TRY_ASSIGN(dst, index(cur, module_.tableSpace, "table"));
        WASMCAP_TRY_ASSIGN(src, index(cur, module_.tableSpace, "table"));
      }
      writeU32(out, dst);
      writeU32(out, src);
      return {};
    }
    case Imm::Fence:
      writeByte(out, 0x00);
      return {};
  }
  return cur.error("unsupported immediate");
}

}  // namespace wasmcap::text
