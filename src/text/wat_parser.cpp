#include "text/wat_parser.h"

#include "text/cursor.h"
#include "text/parse_helpers.h"

namespace wasmcap::text {
namespace {

using ir::ExternKind;

class FieldParser {
 public:
  FieldParser(ModuleState& module, const std::vector<Token>& tokens) : m_(module), tokens_(tokens) {}

  Result<void> run(size_t pos) {
    Cursor cur(tokens_, pos);
    std::vector<size_t> fields;
    while (cur.peekIs(TokenKind::LParen)) {
      fields.push_back(cur.pos());
      cur.seek(cur.matchingClose(cur.pos()));
    }
    if (!cur.peekIs(TokenKind::RParen) && cur.peek().kind != TokenKind::Eof) return cur.unexpected();
    // Types first: type uses anywhere may refer to types defined later, and
    // a type's reference types may name any type by its $id.
    uint32_t typeCount = 0;
    for (size_t f : fields) {
      Cursor fc(tokens_, f);
      if (!fc.peekOpen("type")) continue;
      fc.next();
      fc.next();
      const Token& at = fc.peek();
      std::optional<std::string> id = takeOptionalId(fc);
      WASMCAP_TRY(bindOptional(m_.typeSpace, id, at, typeCount++, "type"));
    }
    for (size_t f : fields) {
      Cursor fc(tokens_, f);
      if (fc.peekOpen("type")) WASMCAP_TRY(parseType(fc));
    }
    for (size_t f : fields) {
      Cursor fc(tokens_, f);
      std::string_view kw = fc.peekOpenKeyword();
      if (kw == "type") continue;
      fc.next();
      fc.next();
      if (kw == "import") WASMCAP_TRY(parseImport(fc));
      else if (kw == "func") WASMCAP_TRY(parseFunc(fc));
      else if (kw == "table") WASMCAP_TRY(parseTable(fc));
      else if (kw == "memory") WASMCAP_TRY(parseMemory(fc));
      else if (kw == "global") WASMCAP_TRY(parseGlobal(fc));
      else if (kw == "export") WASMCAP_TRY(parseExport(fc));
      else if (kw == "start") WASMCAP_TRY(parseStart(fc));
      else if (kw == "elem") WASMCAP_TRY(parseElem(fc));
      else if (kw == "data") WASMCAP_TRY(parseData(fc));
      else if (kw == "tag") WASMCAP_TRY(parseTag(fc));
      else {
        Cursor at(tokens_, f + 1);
        return at.error(kw.empty() ? "unexpected token" : "unknown module field " + std::string(kw));
      }
    }
    return {};
  }

 private:
  // ---- shared pieces ----

  // Imports must precede every function, table, memory and global definition.
  Result<void> checkImportOrder(const Token& at) {
    if (lastDefinition_) return textError(at, std::string("import after ") + lastDefinition_);
    return {};
  }

  Result<std::string> parseName(Cursor& cur) {
    if (!cur.peekIs(TokenKind::String)) return cur.unexpected();
    const Token& t = cur.next();
    if (!isValidUtf8(t.text)) return textError(t, "malformed UTF-8 encoding");
    return t.text;
  }

  // (export "name")* after a definition's $id; `index` is the new item's index.
  Result<void> parseInlineExports(Cursor& cur, ExternKind kind, uint32_t index) {
    while (cur.peekOpen("export")) {
      cur.next();
      cur.next();
      ExportDef e;
      WASMCAP_TRY_ASSIGN(e.name, parseName(cur));
      e.kind = kind;
      e.index.value = index;
      m_.exports.push_back(std::move(e));
      WASMCAP_TRY(cur.expect(TokenKind::RParen));
    }
    return {};
  }

  // (import "m" "n") when present; returns the import with its names filled.
  Result<std::optional<ImportDef>> parseInlineImport(Cursor& cur) {
    if (!cur.peekOpen("import")) return std::optional<ImportDef>();
    WASMCAP_TRY(checkImportOrder(cur.peek(1)));
    cur.next();
    cur.next();
    ImportDef imp;
    WASMCAP_TRY_ASSIGN(imp.module, parseName(cur));
    WASMCAP_TRY_ASSIGN(imp.field, parseName(cur));
    WASMCAP_TRY(cur.expect(TokenKind::RParen));
    return std::optional<ImportDef>(std::move(imp));
  }

  Result<void> bindOptional(IndexSpace& space, const std::optional<std::string>& id, const Token& at,
                            uint32_t index, std::string_view what) {
    if (id) WASMCAP_TRY(bindId(space, at, *id, index, what));
    return {};
  }

  Result<ir::GlobalType> parseGlobalType(Cursor& cur) {
    ir::GlobalType gt;
    if (cur.peekOpen("mut")) {
      cur.next();
      cur.next();
      WASMCAP_TRY_ASSIGN(gt.type, parseValType(cur, m_.typeSpace));
      gt.mut = true;
      WASMCAP_TRY(cur.expect(TokenKind::RParen));
    } else {
      WASMCAP_TRY_ASSIGN(gt.type, parseValType(cur, m_.typeSpace));
    }
    return gt;
  }

  Result<ir::TableType> parseTableType(Cursor& cur) {
    ir::TableType tt;
    WASMCAP_TRY_ASSIGN(tt.limits, parseLimits(cur));
    WASMCAP_TRY_ASSIGN(tt.elem, parseRefType(cur, m_.typeSpace));
    return tt;
  }

  // The function's locals: params named by the type use, then (local ...)*.
  Result<void> parseFuncSignatureAndLocals(Cursor& cur, FuncDef& fn, bool withLocals) {
    WASMCAP_TRY_ASSIGN(TypeUse use, parseTypeUse(cur, /*allowParamIds=*/true, m_.typeSpace));
    if (!use.typeRef && !fn.imported) {
      fn.pendingType = use.inlineType;
    } else {
      WASMCAP_TRY_ASSIGN(fn.typeIndex, resolveTypeUse(m_, tokens_, use));
    }
    // A function without a type reference takes its params from the inline
    // signature (possibly empty), never from whatever type index 0 is.
    uint32_t paramCount = (use.hasInline || !use.typeRef)
                              ? static_cast<uint32_t>(use.inlineType.params.size())
                          : fn.typeIndex < m_.types.size() ? static_cast<uint32_t>(m_.types[fn.typeIndex].params.size())
                                                           : 0;
    for (size_t i = 0; i < use.paramIds.size(); ++i) {
      if (!use.paramIds[i]) continue;
      if (!fn.localIds.emplace(*use.paramIds[i], static_cast<uint32_t>(i)).second)
        return textError(*use.paramIdTokens[i], "duplicate local $" + *use.paramIds[i]);
    }
    if (!withLocals) return {};
    uint32_t next = paramCount;
    while (cur.peekOpen("local")) {
      cur.next();
      cur.next();
      if (cur.peekIs(TokenKind::Id)) {
        const Token& idTok = cur.next();
        WASMCAP_TRY_ASSIGN(ir::ValType t, parseValType(cur, m_.typeSpace));
        if (!fn.localIds.emplace(idTok.text, next).second) return textError(idTok, "duplicate local $" + idTok.text);
        fn.locals.push_back(t);
        ++next;
      } else {
        while (!cur.peekIs(TokenKind::RParen)) {
          WASMCAP_TRY_ASSIGN(ir::ValType t, parseValType(cur, m_.typeSpace));
          fn.locals.push_back(t);
          ++next;
        }
      }
      WASMCAP_TRY(cur.expect(TokenKind::RParen));
    }
    return {};
  }

  // ---- fields ----

  Result<void> parseType(Cursor& cur) {
    cur.next();
    cur.next();
    (void)takeOptionalId(cur);  // bound before any type was parsed
    WASMCAP_TRY(cur.expectOpen("func"));
    ir::FuncType ft;
    while (cur.peekOpen("param")) {
      cur.next();
      cur.next();
      if (cur.peekIs(TokenKind::Id)) {
        cur.next();
        WASMCAP_TRY_ASSIGN(ir::ValType t, parseValType(cur, m_.typeSpace));
        ft.params.push_back(t);
      } else {
        while (!cur.peekIs(TokenKind::RParen)) {
          WASMCAP_TRY_ASSIGN(ir::ValType t, parseValType(cur, m_.typeSpace));
          ft.params.push_back(t);
        }
      }
      WASMCAP_TRY(cur.expect(TokenKind::RParen));
    }
    while (cur.peekOpen("result")) {
      cur.next();
      cur.next();
      while (!cur.peekIs(TokenKind::RParen)) {
        WASMCAP_TRY_ASSIGN(ir::ValType t, parseValType(cur, m_.typeSpace));
        ft.results.push_back(t);
      }
      WASMCAP_TRY(cur.expect(TokenKind::RParen));
    }
    WASMCAP_TRY(cur.expect(TokenKind::RParen));
    WASMCAP_TRY(cur.expect(TokenKind::RParen));
    m_.addType(std::move(ft));
    return {};
  }

  Result<void> parseImport(Cursor& cur) {
    WASMCAP_TRY(checkImportOrder(tokens_[cur.pos() - 1]));
    ImportDef imp;
    WASMCAP_TRY_ASSIGN(imp.module, parseName(cur));
    WASMCAP_TRY_ASSIGN(imp.field, parseName(cur));
    if (!cur.peekIs(TokenKind::LParen)) return cur.unexpected();
    std::string_view kw = cur.peekOpenKeyword();
    cur.next();
    cur.next();
    const Token& at = cur.peek();
    std::optional<std::string> id = takeOptionalId(cur);
    if (kw == "func") {
      WASMCAP_TRY(addFuncImport(cur, std::move(imp), id, at));
    } else if (kw == "table") {
      WASMCAP_TRY(addTableImport(cur, std::move(imp), id, at));
    } else if (kw == "memory") {
      WASMCAP_TRY(addMemoryImport(cur, std::move(imp), id, at));
    } else if (kw == "global") {
      WASMCAP_TRY(addGlobalImport(cur, std::move(imp), id, at));
    } else if (kw == "tag") {
      WASMCAP_TRY(addTagImport(cur, std::move(imp), id, at));
    } else {
      return textError(tokens_[cur.pos() - 1], "unexpected token (expected an import kind)");
    }
    WASMCAP_TRY(cur.expect(TokenKind::RParen));
    return cur.expect(TokenKind::RParen);
  }

  Result<void> addFuncImport(Cursor& cur, ImportDef imp, const std::optional<std::string>& id, const Token& at) {
    uint32_t index = static_cast<uint32_t>(m_.funcs.size());
    WASMCAP_TRY(bindOptional(m_.funcSpace, id, at, index, "function"));
    FuncDef fn;
    fn.imported = true;
    fn.id = id;
    WASMCAP_TRY(parseFuncSignatureAndLocals(cur, fn, /*withLocals=*/false));
    imp.kind = ExternKind::Func;
    writeU32(imp.desc, fn.typeIndex);
    m_.funcs.push_back(std::move(fn));
    m_.imports.push_back(std::move(imp));
    return {};
  }

  Result<void> addTableImport(Cursor& cur, ImportDef imp, const std::optional<std::string>& id, const Token& at) {
    uint32_t index = static_cast<uint32_t>(m_.tables.size());
    WASMCAP_TRY(bindOptional(m_.tableSpace, id, at, index, "table"));
    WASMCAP_TRY_ASSIGN(ir::TableType tt, parseTableType(cur));
    imp.kind = ExternKind::Table;
    writeValType(imp.desc, tt.elem);
    writeLimits(imp.desc, tt.limits);
    m_.tables.push_back(tt);
    m_.imports.push_back(std::move(imp));
    return {};
  }

  Result<void> addMemoryImport(Cursor& cur, ImportDef imp, const std::optional<std::string>& id, const Token& at) {
    uint32_t index = static_cast<uint32_t>(m_.memories.size());
    WASMCAP_TRY(bindOptional(m_.memorySpace, id, at, index, "memory"));
    WASMCAP_TRY_ASSIGN(ir::Limits limits, parseLimits(cur));
    imp.kind = ExternKind::Memory;
    writeLimits(imp.desc, limits);
    m_.memories.push_back(ir::MemoryType{limits});
    m_.imports.push_back(std::move(imp));
    return {};
  }

  Result<void> addGlobalImport(Cursor& cur, ImportDef imp, const std::optional<std::string>& id, const Token& at) {
    uint32_t index = static_cast<uint32_t>(m_.globals.size());
    WASMCAP_TRY(bindOptional(m_.globalSpace, id, at, index, "global"));
    WASMCAP_TRY_ASSIGN(ir::GlobalType gt, parseGlobalType(cur));
    imp.kind = ExternKind::Global;
    writeValType(imp.desc, gt.type);
    writeByte(imp.desc, gt.mut ? 1 : 0);
    GlobalDef g;
    g.type = gt;
    g.imported = true;
    m_.globals.push_back(g);
    m_.imports.push_back(std::move(imp));
    return {};
  }

  // A tag's type: a type use whose function type has no results.
  Result<uint32_t> parseTagType(Cursor& cur) {
    WASMCAP_TRY_ASSIGN(TypeUse use, parseTypeUse(cur, /*allowParamIds=*/true, m_.typeSpace));
    return resolveTypeUse(m_, tokens_, use);
  }

  Result<void> addTagImport(Cursor& cur, ImportDef imp, const std::optional<std::string>& id, const Token& at) {
    uint32_t index = static_cast<uint32_t>(m_.tags.size());
    WASMCAP_TRY(bindOptional(m_.tagSpace, id, at, index, "tag"));
    WASMCAP_TRY_ASSIGN(uint32_t type, parseTagType(cur));
    imp.kind = ExternKind::Tag;
    writeByte(imp.desc, 0x00);  // attribute: exception
    writeU32(imp.desc, type);
    m_.tags.push_back(type);
    m_.imports.push_back(std::move(imp));
    return {};
  }

  Result<void> parseTag(Cursor& cur) {
    const Token& at = cur.peek();
    std::optional<std::string> id = takeOptionalId(cur);
    uint32_t index = static_cast<uint32_t>(m_.tags.size());
    WASMCAP_TRY(parseInlineExports(cur, ExternKind::Tag, index));
    WASMCAP_TRY_ASSIGN(std::optional<ImportDef> imp, parseInlineImport(cur));
    if (imp) {
      WASMCAP_TRY(addTagImport(cur, std::move(*imp), id, at));
      return cur.expect(TokenKind::RParen);
    }
    WASMCAP_TRY(bindOptional(m_.tagSpace, id, at, index, "tag"));
    lastDefinition_ = "tag";
    WASMCAP_TRY_ASSIGN(uint32_t type, parseTagType(cur));
    m_.tags.push_back(type);
    return cur.expect(TokenKind::RParen);
  }

  Result<void> parseFunc(Cursor& cur) {
    const Token& at = cur.peek();
    std::optional<std::string> id = takeOptionalId(cur);
    uint32_t index = static_cast<uint32_t>(m_.funcs.size());
    WASMCAP_TRY(parseInlineExports(cur, ExternKind::Func, index));
    WASMCAP_TRY_ASSIGN(std::optional<ImportDef> imp, parseInlineImport(cur));
    if (imp) {
      WASMCAP_TRY(addFuncImport(cur, std::move(*imp), id, at));
      return cur.expect(TokenKind::RParen);
    }
    WASMCAP_TRY(bindOptional(m_.funcSpace, id, at, index, "function"));
    lastDefinition_ = "function";
    FuncDef fn;
    fn.id = id;
    WASMCAP_TRY(parseFuncSignatureAndLocals(cur, fn, /*withLocals=*/true));
    fn.bodyPos = cur.pos();
    m_.funcs.push_back(std::move(fn));
    return {};
  }

  Result<void> parseTable(Cursor& cur) {
    const Token& at = cur.peek();
    std::optional<std::string> id = takeOptionalId(cur);
    uint32_t index = static_cast<uint32_t>(m_.tables.size());
    WASMCAP_TRY(parseInlineExports(cur, ExternKind::Table, index));
    WASMCAP_TRY_ASSIGN(std::optional<ImportDef> imp, parseInlineImport(cur));
    if (imp) {
      WASMCAP_TRY(addTableImport(cur, std::move(*imp), id, at));
      return cur.expect(TokenKind::RParen);
    }
    WASMCAP_TRY(bindOptional(m_.tableSpace, id, at, index, "table"));
    lastDefinition_ = "table";
    ir::TableType tt;
    // The reference type's tokens: one keyword, or a (ref ...) form.
    size_t refTokens = cur.peekOpen("ref") ? cur.matchingClose(cur.pos()) - cur.pos() : 1;
    if ((cur.peekAtom("funcref") || cur.peekAtom("externref") || cur.peekOpen("ref")) &&
        cur.peekIs(TokenKind::LParen, refTokens) && cur.peekAtom("elem", refTokens + 1)) {
      // reftype (elem ...): the table is sized to fit an active segment at 0.
      WASMCAP_TRY_ASSIGN(tt.elem, parseRefType(cur, m_.typeSpace));
      WASMCAP_TRY(cur.expectOpen("elem"));
      ElemDef seg;
      seg.mode = ElemDef::Mode::Active;
      seg.table.value = index;
      seg.offset.bytes = {0x41, 0x00, 0x0B};  // i32.const 0, end
      seg.type = tt.elem;
      WASMCAP_TRY(parseElemItems(cur, seg, /*indicesAllowed=*/true));
      WASMCAP_TRY(cur.expect(TokenKind::RParen));
      uint32_t count = static_cast<uint32_t>(seg.funcIndices ? seg.funcs.size() : seg.exprs.size());
      tt.limits.min = count;
      tt.limits.max = count;
      m_.elems.push_back(std::move(seg));
    } else {
      WASMCAP_TRY_ASSIGN(tt, parseTableType(cur));
      if (!cur.peekIs(TokenKind::RParen)) {
        // An initialiser for every element (typed function references): the
        // instructions up to the table's ')', encoded with the other
        // constant expressions.
        ConstExpr init;
        init.pos = cur.pos();
        while (!cur.atEnd() && !cur.peekIs(TokenKind::RParen)) {
          if (cur.peekIs(TokenKind::LParen)) cur.seek(cur.matchingClose(cur.pos()));
          else cur.next();
        }
        m_.tableInits[index] = init;
      }
    }
    m_.tables.push_back(tt);
    return cur.expect(TokenKind::RParen);
  }

  Result<void> parseMemory(Cursor& cur) {
    const Token& at = cur.peek();
    std::optional<std::string> id = takeOptionalId(cur);
    uint32_t index = static_cast<uint32_t>(m_.memories.size());
    WASMCAP_TRY(parseInlineExports(cur, ExternKind::Memory, index));
    WASMCAP_TRY_ASSIGN(std::optional<ImportDef> imp, parseInlineImport(cur));
    if (imp) {
      WASMCAP_TRY(addMemoryImport(cur, std::move(*imp), id, at));
      return cur.expect(TokenKind::RParen);
    }
    WASMCAP_TRY(bindOptional(m_.memorySpace, id, at, index, "memory"));
    lastDefinition_ = "memory";
    ir::MemoryType mt;
    // An address type before inline data: `(memory i64 (data ...))`.
    bool typedData = (cur.peekAtom("i32") || cur.peekAtom("i64")) && cur.peekIs(TokenKind::LParen, 1) &&
                     cur.peekAtom("data", 2);
    bool addressed64 = typedData && cur.peekAtom("i64");
    if (typedData) cur.next();
    if (cur.peekOpen("data")) {
      cur.next();
      cur.next();
      DataDef seg;
      seg.active = true;
      seg.memory.value = index;
      mt.limits.is64 = addressed64;
      seg.offset.bytes = {static_cast<uint8_t>(addressed64 ? 0x42 : 0x41), 0x00, 0x0B};  // i64/i32.const 0
      while (cur.peekIs(TokenKind::String)) seg.bytes += cur.next().text;
      WASMCAP_TRY(cur.expect(TokenKind::RParen));
      uint64_t pages = (seg.bytes.size() + ir::kPageSize - 1) / ir::kPageSize;
      mt.limits.min = pages;
      mt.limits.max = pages;
      m_.datas.push_back(std::move(seg));
    } else {
      WASMCAP_TRY_ASSIGN(mt.limits, parseLimits(cur));
    }
    m_.memories.push_back(mt);
    return cur.expect(TokenKind::RParen);
  }

  Result<void> parseGlobal(Cursor& cur) {
    const Token& at = cur.peek();
    std::optional<std::string> id = takeOptionalId(cur);
    uint32_t index = static_cast<uint32_t>(m_.globals.size());
    WASMCAP_TRY(parseInlineExports(cur, ExternKind::Global, index));
    WASMCAP_TRY_ASSIGN(std::optional<ImportDef> imp, parseInlineImport(cur));
    if (imp) {
      WASMCAP_TRY(addGlobalImport(cur, std::move(*imp), id, at));
      return cur.expect(TokenKind::RParen);
    }
    WASMCAP_TRY(bindOptional(m_.globalSpace, id, at, index, "global"));
    lastDefinition_ = "global";
    GlobalDef g;
    WASMCAP_TRY_ASSIGN(g.type, parseGlobalType(cur));
    g.initPos = cur.pos();
    m_.globals.push_back(g);
    return {};
  }

  Result<void> parseExport(Cursor& cur) {
    ExportDef e;
    WASMCAP_TRY_ASSIGN(e.name, parseName(cur));
    std::string_view kw = cur.peekOpenKeyword();
    if (kw == "func") e.kind = ExternKind::Func;
    else if (kw == "table") e.kind = ExternKind::Table;
    else if (kw == "memory") e.kind = ExternKind::Memory;
    else if (kw == "global") e.kind = ExternKind::Global;
    else if (kw == "tag") e.kind = ExternKind::Tag;
    else return cur.unexpected();
    cur.next();
    cur.next();
    WASMCAP_TRY_ASSIGN(e.index.token, takeIndex(cur));
    WASMCAP_TRY(cur.expect(TokenKind::RParen));
    m_.exports.push_back(std::move(e));
    return cur.expect(TokenKind::RParen);
  }

  Result<void> parseStart(Cursor& cur) {
    if (m_.start) return textError(tokens_[cur.pos() - 1], "multiple start sections");
    IndexRef ref;
    WASMCAP_TRY_ASSIGN(ref.token, takeIndex(cur));
    m_.start = ref;
    return cur.expect(TokenKind::RParen);
  }

  // An offset: (offset instr*) or one folded instruction.
  Result<ConstExpr> parseOffset(Cursor& cur) {
    ConstExpr e;
    if (cur.peekOpen("offset")) {
      e.pos = cur.pos() + 2;
    } else if (cur.peekIs(TokenKind::LParen)) {
      e.pos = cur.pos();
      e.single = true;
    } else {
      return cur.unexpected();
    }
    cur.seek(cur.matchingClose(cur.pos()));
    return e;
  }

  // The element list: `func idx*`, `reftype item*`, or (with indicesAllowed)
  // a bare `idx*` or a bare list of item expressions.
  Result<void> parseElemItems(Cursor& cur, ElemDef& seg, bool indicesAllowed) {
    bool haveKind = false;
    if (cur.peekAtom("func")) {
      cur.next();
      seg.funcIndices = true;
      haveKind = true;
    } else if (cur.peekAtom("funcref") || cur.peekAtom("externref") || cur.peekOpen("ref")) {
      WASMCAP_TRY_ASSIGN(seg.type, parseRefType(cur, m_.typeSpace));
      seg.funcIndices = false;
      haveKind = true;
    }
    if (!haveKind && !indicesAllowed) return cur.unexpected();
    if (!haveKind) seg.funcIndices = !cur.peekIs(TokenKind::LParen);
    if (seg.funcIndices) {
      while (peekIndex(cur)) {
        IndexRef ref;
        ref.token = cur.pos();
        cur.next();
        seg.funcs.push_back(ref);
      }
      return {};
    }
    while (cur.peekIs(TokenKind::LParen)) {
      ConstExpr e;
      if (cur.peekOpen("item")) {
        e.pos = cur.pos() + 2;
      } else {
        e.pos = cur.pos();
        e.single = true;
      }
      cur.seek(cur.matchingClose(cur.pos()));
      seg.exprs.push_back(std::move(e));
    }
    return {};
  }

  // A numeric index next (the table or memory of a 1.0 segment), not a keyword.
  static bool isBareIndex(const Cursor& cur) {
    return cur.peekIs(TokenKind::Atom) && !cur.peek().text.empty() && cur.peek().text[0] >= '0' &&
           cur.peek().text[0] <= '9';
  }

  Result<void> parseElem(Cursor& cur) {
    const Token& at = cur.peek();
    std::optional<std::string> id = takeOptionalId(cur);
    uint32_t index = static_cast<uint32_t>(m_.elems.size());
    WASMCAP_TRY(bindOptional(m_.elemSpace, id, at, index, "elem segment"));
    ElemDef seg;
    bool indicesAllowed = false;
    if (cur.peekAtom("declare")) {
      cur.next();
      seg.mode = ElemDef::Mode::Declarative;
    } else if (cur.peekOpen("table") || (cur.peekIs(TokenKind::LParen) && !cur.peekOpen("ref")) ||
               (isBareIndex(cur) && cur.peekIs(TokenKind::LParen, 1))) {
      seg.mode = ElemDef::Mode::Active;
      if (cur.peekOpen("table")) {
        cur.next();
        cur.next();
        WASMCAP_TRY_ASSIGN(seg.table.token, takeIndex(cur));
        WASMCAP_TRY(cur.expect(TokenKind::RParen));
      } else if (isBareIndex(cur)) {
        // The 1.0 form (elem 0 (offset) funcidx*), a bare table index, which
        // older scripts (the threads proposal's) still use.
        WASMCAP_TRY_ASSIGN(seg.table.token, takeIndex(cur));
        indicesAllowed = true;
      } else {
        indicesAllowed = true;  // (elem (offset) funcidx*) abbreviation
      }
      WASMCAP_TRY_ASSIGN(seg.offset, parseOffset(cur));
    }
    WASMCAP_TRY(parseElemItems(cur, seg, indicesAllowed));
    m_.elems.push_back(std::move(seg));
    return cur.expect(TokenKind::RParen);
  }

  Result<void> parseData(Cursor& cur) {
    const Token& at = cur.peek();
    std::optional<std::string> id = takeOptionalId(cur);
    uint32_t index = static_cast<uint32_t>(m_.datas.size());
    WASMCAP_TRY(bindOptional(m_.dataSpace, id, at, index, "data segment"));
    DataDef seg;
    if (cur.peekIs(TokenKind::LParen) || (isBareIndex(cur) && cur.peekIs(TokenKind::LParen, 1))) {
      seg.active = true;
      if (cur.peekOpen("memory")) {
        cur.next();
        cur.next();
        WASMCAP_TRY_ASSIGN(seg.memory.token, takeIndex(cur));
        WASMCAP_TRY(cur.expect(TokenKind::RParen));
      } else if (isBareIndex(cur)) {
        // The 1.0 form (data 0 (offset) "..."), a bare memory index.
        WASMCAP_TRY_ASSIGN(seg.memory.token, takeIndex(cur));
      }
      WASMCAP_TRY_ASSIGN(seg.offset, parseOffset(cur));
    }
    while (cur.peekIs(TokenKind::String)) seg.bytes += cur.next().text;
    m_.datas.push_back(std::move(seg));
    return cur.expect(TokenKind::RParen);
  }

  ModuleState& m_;
  const std::vector<Token>& tokens_;
  const char* lastDefinition_ = nullptr;  // kind of the latest definition, for import ordering
};

}  // namespace

Result<void> parseModuleFields(ModuleState& module, const std::vector<Token>& tokens, size_t pos) {
  return FieldParser(module, tokens).run(pos);
}

Result<Bytes> encodeModuleFields(const std::vector<Token>& tokens, size_t pos, std::optional<std::string> name) {
  ModuleState module;
  module.name = std::move(name);
  WASMCAP_TRY(parseModuleFields(module, tokens, pos));
  return encodeModule(module, tokens);
}

}  // namespace wasmcap::text
