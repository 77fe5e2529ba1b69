#include "text/parse_helpers.h"

#include "text/number_literal.h"

namespace wasmcap::text {

std::optional<ir::ValType> valTypeFromKeyword(std::string_view word) {
  if (word == "i32") return ir::ValType::i32();
  if (word == "i64") return ir::ValType::i64();
  if (word == "f32") return ir::ValType::f32();
  if (word == "f64") return ir::ValType::f64();
  if (word == "v128") return ir::ValType::v128();
  if (word == "funcref") return ir::ValType::funcref();
  if (word == "externref") return ir::ValType::externref();
  if (word == "exnref") return ir::ValType::exnref();
  return std::nullopt;
}

Result<ir::ValType> parseHeapType(Cursor& cur, const IndexSpace& types, bool nullable) {
  if (cur.peekAtom("func")) {
    cur.next();
    return ir::ValType::ref(ir::TypeCode::FuncRef, nullable);
  }
  if (cur.peekAtom("extern")) {
    cur.next();
    return ir::ValType::ref(ir::TypeCode::ExternRef, nullable);
  }
  if (cur.peekAtom("exn")) {
    cur.next();
    return ir::ValType::ref(ir::TypeCode::ExnRef, nullable);
  }
  if (!peekIndex(cur)) return cur.unexpected();
  size_t pos = cur.pos();
  cur.next();
  WASMCAP_TRY_ASSIGN(uint32_t index, resolveIndex(cur.tokens(), pos, types, "type"));
  return ir::ValType::typedRef(index, nullable);
}

// (ref null? heaptype).
static Result<ir::ValType> parseRefForm(Cursor& cur, const IndexSpace& types) {
  WASMCAP_TRY(cur.expectOpen("ref"));
  bool nullable = false;
  if (cur.peekAtom("null")) {
    cur.next();
    nullable = true;
  }
  WASMCAP_TRY_ASSIGN(ir::ValType t, parseHeapType(cur, types, nullable));
  WASMCAP_TRY(cur.expect(TokenKind::RParen));
  return t;
}

Result<ir::ValType> parseValType(Cursor& cur, const IndexSpace& types) {
  if (cur.peekOpen("ref")) return parseRefForm(cur, types);
  if (cur.peekIs(TokenKind::Atom)) {
    if (auto t = valTypeFromKeyword(cur.peek().text)) {
      cur.next();
      return *t;
    }
    Error e = unexpectedAtom(cur.peek());
    e.message += " (expected a value type)";
    return e;
  }
  return cur.unexpected();
}

Result<ir::ValType> parseRefType(Cursor& cur, const IndexSpace& types) {
  if (cur.peekOpen("ref")) return parseRefForm(cur, types);
  for (const char* word : {"funcref", "externref", "exnref"}) {
    if (cur.peekAtom(word)) {
      cur.next();
      return *valTypeFromKeyword(word);
    }
  }
  return cur.error("expected a reference type");
}

Result<uint32_t> parseU32(Cursor& cur) {
  if (!cur.peekIs(TokenKind::Atom)) return cur.unexpected();
  uint64_t v = 0;
  switch (parseUnsigned(cur.peek().text, 32, &v)) {
    case LiteralStatus::Ok: cur.next(); return static_cast<uint32_t>(v);
    case LiteralStatus::OutOfRange: return cur.error("i32 constant out of range");
    default: return cur.unexpected();
  }
}

bool peekIndex(const Cursor& cur) {
  if (cur.peekIs(TokenKind::Id)) return true;
  if (!cur.peekIs(TokenKind::Atom)) return false;
  const std::string& t = cur.peek().text;
  return !t.empty() && t[0] >= '0' && t[0] <= '9';
}

Result<size_t> takeIndex(Cursor& cur) {
  if (!peekIndex(cur)) return cur.unexpected();
  size_t pos = cur.pos();
  cur.next();
  return pos;
}

Result<uint32_t> resolveIndex(const std::vector<Token>& tokens, size_t pos, const IndexSpace& space,
                              std::string_view what) {
  const Token& t = tokens[pos];
  if (t.kind == TokenKind::Id) {
    auto it = space.ids.find(t.text);
    if (it == space.ids.end()) return textError(t, "unknown " + std::string(what) + " $" + t.text);
    return it->second;
  }
  uint64_t v = 0;
  switch (parseUnsigned(t.text, 32, &v)) {
    case LiteralStatus::Ok: return static_cast<uint32_t>(v);
    case LiteralStatus::OutOfRange: return textError(t, "i32 constant out of range");
    default: return t.kind == TokenKind::Atom ? unexpectedAtom(t) : textError(t, "unexpected token " + t.text);
  }
}

Result<uint32_t> resolveRef(const std::vector<Token>& tokens, const IndexRef& ref, const IndexSpace& space,
                            std::string_view what) {
  if (ref.token == SIZE_MAX) return ref.value;
  return resolveIndex(tokens, ref.token, space, what);
}

Result<void> bindId(IndexSpace& space, const Token& at, const std::string& id, uint32_t index,
                    std::string_view what) {
  if (!space.ids.emplace(id, index).second) return textError(at, "duplicate " + std::string(what) + " $" + id);
  return {};
}

std::optional<std::string> takeOptionalId(Cursor& cur) {
  if (!cur.peekIs(TokenKind::Id)) return std::nullopt;
  return cur.next().text;
}

Result<ir::Limits> parseLimits(Cursor& cur) {
  ir::Limits limits;
  if (cur.peekAtom("i64")) {  // memory64 / table64 address type
    cur.next();
    limits.is64 = true;
  } else if (cur.peekAtom("i32")) {
    cur.next();
  }
  auto readBound = [&](uint64_t* out) -> Result<void> {
    if (!cur.peekIs(TokenKind::Atom)) return cur.unexpected();
    switch (parseUnsigned(cur.peek().text, limits.is64 ? 64 : 32, out)) {
      case LiteralStatus::Ok: cur.next(); return {};
      case LiteralStatus::OutOfRange:
        return cur.error(limits.is64 ? "i64 constant out of range" : "i32 constant out of range");
      default: return cur.unexpected();
    }
  };
  WASMCAP_TRY(readBound(&limits.min));
  if (cur.peekIs(TokenKind::Atom) && !cur.peek().text.empty() && cur.peek().text[0] >= '0' &&
      cur.peek().text[0] <= '9') {
    uint64_t max = 0;
    WASMCAP_TRY(readBound(&max));
    limits.max = max;
  }
  if (cur.peekAtom("shared")) {
    cur.next();
    limits.shared = true;
  }
  return limits;
}

Result<TypeUse> parseTypeUse(Cursor& cur, bool allowParamIds, const IndexSpace& types) {
  TypeUse use;
  if (cur.peekOpen("type")) {
    cur.next();
    cur.next();
    WASMCAP_TRY_ASSIGN(size_t pos, takeIndex(cur));
    use.typeRef = pos;
    WASMCAP_TRY(cur.expect(TokenKind::RParen));
  }
  while (cur.peekOpen("param")) {
    use.hasInline = true;
    cur.next();
    cur.next();
    if (cur.peekIs(TokenKind::Id)) {
      if (!allowParamIds) return cur.unexpected();
      const Token* idTok = &cur.peek();
      std::string id = cur.next().text;
      WASMCAP_TRY_ASSIGN(ir::ValType t, parseValType(cur, types));
      use.inlineType.params.push_back(t);
      use.paramIds.push_back(std::move(id));
      use.paramIdTokens.push_back(idTok);
    } else {
      while (!cur.peekIs(TokenKind::RParen)) {
        WASMCAP_TRY_ASSIGN(ir::ValType t, parseValType(cur, types));
        use.inlineType.params.push_back(t);
        use.paramIds.push_back(std::nullopt);
        use.paramIdTokens.push_back(nullptr);
      }
    }
    WASMCAP_TRY(cur.expect(TokenKind::RParen));
  }
  while (cur.peekOpen("result")) {
    use.hasInline = true;
    cur.next();
    cur.next();
    while (!cur.peekIs(TokenKind::RParen)) {
      WASMCAP_TRY_ASSIGN(ir::ValType t, parseValType(cur, types));
      use.inlineType.results.push_back(t);
    }
    WASMCAP_TRY(cur.expect(TokenKind::RParen));
  }
  if (cur.peekOpen("param")) return cur.error("unexpected token (param) after (result)");
  return use;
}

Result<uint32_t> resolveTypeUse(ModuleState& module, const std::vector<Token>& tokens, const TypeUse& use) {
  if (!use.typeRef) return module.findOrAddType(use.inlineType);
  WASMCAP_TRY_ASSIGN(uint32_t index, resolveIndex(tokens, *use.typeRef, module.typeSpace, "type"));
  if (use.hasInline) {
    if (index >= module.types.size()) return textError(tokens[*use.typeRef], "unknown type");
    if (!(module.types[index] == use.inlineType))
      return textError(tokens[*use.typeRef], "inline function type does not match the type definition");
  }
  return index;
}

}  // namespace wasmcap::text
