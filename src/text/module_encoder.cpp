// Second pass: encode function bodies and constant expressions (now that all
// $ids are bound), then write the sections in binary order.
#include <algorithm>
#include <map>

#include "text/cursor.h"
#include "text/instr_parser.h"
#include "text/parse_helpers.h"
#include "text/wat_parser.h"
#include "util/leb128.h"

namespace wasmcap::text {
namespace {

enum SectionId : uint8_t {
  kCustom = 0, kType = 1, kImport = 2, kFunction = 3, kTable = 4, kMemory = 5, kGlobal = 6,
  kExport = 7, kStart = 8, kElem = 9, kCode = 10, kData = 11, kDataCount = 12, kTag = 13,
};

Result<void> encodeConstExpr(ModuleState& m, const std::vector<Token>& tokens, const ConstExpr& expr, Bytes& out) {
  if (expr.pos == SIZE_MAX) {
    writeBytes(out, expr.bytes);
    return {};
  }
  InstrParser parser(m, tokens, nullptr);
  Cursor cur(tokens, expr.pos);
  if (expr.single) {
    WASMCAP_TRY(parser.parseSingle(cur, out));
  } else {
    WASMCAP_TRY(parser.parseList(cur, out));
    WASMCAP_TRY(cur.expect(TokenKind::RParen));
  }
  writeByte(out, 0x0B);
  return {};
}

Result<Bytes> encodeBody(ModuleState& m, const std::vector<Token>& tokens, const FuncDef& fn) {
  Bytes body;
  // Locals, run-length encoded by type.
  std::vector<std::pair<uint32_t, ir::ValType>> runs;
  for (ir::ValType t : fn.locals) {
    if (!runs.empty() && runs.back().second == t) ++runs.back().first;
    else runs.emplace_back(1, t);
  }
  writeU32(body, static_cast<uint32_t>(runs.size()));
  for (auto& [count, type] : runs) {
    writeU32(body, count);
    writeValType(body, type);
  }
  InstrParser parser(m, tokens, &fn.localIds);
  Cursor cur(tokens, fn.bodyPos);
  WASMCAP_TRY(parser.parseList(cur, body));
  WASMCAP_TRY(cur.expect(TokenKind::RParen));
  writeByte(body, 0x0B);
  return body;
}

// When every item of a funcref segment is a plain `ref.func x`, the compact
// function-index form says the same thing in fewer bytes.
Result<void> preferIndexForm(ModuleState& m, const std::vector<Token>& tokens, ElemDef& seg) {
  if (seg.funcIndices || !(seg.type == ir::ValType::funcref())) return {};
  std::vector<IndexRef> funcs;
  for (const ConstExpr& e : seg.exprs) {
    Bytes b;
    WASMCAP_TRY(encodeConstExpr(m, tokens, e, b));
    uint64_t index = 0;
    size_t len = 0;
    if (b.size() < 3 || b[0] != 0xD2 || b.back() != 0x0B ||
        leb128::readUnsigned(b.data() + 1, b.data() + b.size() - 1, 32, &index, &len) != leb128::Status::Ok ||
        len != b.size() - 2)
      return {};
    IndexRef ref;
    ref.value = static_cast<uint32_t>(index);
    funcs.push_back(ref);
  }
  seg.funcIndices = true;
  seg.funcs = std::move(funcs);
  return {};
}

Result<Bytes> encodeElem(ModuleState& m, const std::vector<Token>& tokens, ElemDef seg) {
  if (seg.funcIndices && !(seg.type == ir::ValType::funcref())) {
    // Function indices for a typed table (its inline elem abbreviation):
    // the index form means funcref, so each becomes a ref.func item.
    for (const IndexRef& ref : seg.funcs) {
      WASMCAP_TRY_ASSIGN(uint32_t f, resolveRef(tokens, ref, m.funcSpace, "function"));
      ConstExpr e;
      e.bytes = {0xD2};
      writeU32(e.bytes, f);
      e.bytes.push_back(0x0B);
      seg.exprs.push_back(std::move(e));
    }
    seg.funcs.clear();
    seg.funcIndices = false;
  }
  WASMCAP_TRY(preferIndexForm(m, tokens, seg));
  Bytes out;
  uint32_t table = 0;
  if (seg.mode == ElemDef::Mode::Active) {
    WASMCAP_TRY_ASSIGN(table, resolveRef(tokens, seg.table, m.tableSpace, "table"));
  }
  bool defaultForm = seg.mode == ElemDef::Mode::Active && table == 0 && seg.type == ir::ValType::funcref();
  // Flags: bit 0 passive/declarative, bit 1 explicit table (active) or
  // declarative, bit 2 expressions instead of function indices.
  uint8_t flags = seg.funcIndices ? 0 : 4;
  if (seg.mode == ElemDef::Mode::Passive) flags |= 1;
  else if (seg.mode == ElemDef::Mode::Declarative) flags |= 3;
  else if (!defaultForm) flags |= 2;
  writeByte(out, flags);
  if (seg.mode == ElemDef::Mode::Active) {
    if (flags & 2) writeU32(out, table);
    WASMCAP_TRY(encodeConstExpr(m, tokens, seg.offset, out));
  }
  if (!defaultForm) {
    if (seg.funcIndices) writeByte(out, 0x00);  // elemkind funcref
    else writeValType(out, seg.type);
  }
  if (seg.funcIndices) {
    writeU32(out, static_cast<uint32_t>(seg.funcs.size()));
    for (const IndexRef& ref : seg.funcs) {
      WASMCAP_TRY_ASSIGN(uint32_t f, resolveRef(tokens, ref, m.funcSpace, "function"));
      writeU32(out, f);
    }
  } else {
    writeU32(out, static_cast<uint32_t>(seg.exprs.size()));
    for (const ConstExpr& e : seg.exprs) WASMCAP_TRY(encodeConstExpr(m, tokens, e, out));
  }
  return out;
}

Result<Bytes> encodeData(ModuleState& m, const std::vector<Token>& tokens, const DataDef& seg) {
  Bytes out;
  if (!seg.active) {
    writeByte(out, 0x01);
  } else {
    WASMCAP_TRY_ASSIGN(uint32_t memory, resolveRef(tokens, seg.memory, m.memorySpace, "memory"));
    if (memory == 0) {
      writeByte(out, 0x00);
    } else {
      writeByte(out, 0x02);
      writeU32(out, memory);
    }
    WASMCAP_TRY(encodeConstExpr(m, tokens, seg.offset, out));
  }
  writeName(out, seg.bytes);
  return out;
}

Bytes encodeNameSection(const ModuleState& m) {
  Bytes content;
  writeName(content, "name");
  if (m.name) {
    Bytes sub;
    writeName(sub, *m.name);
    writeSection(content, 0, sub);
  }
  uint32_t named = 0;
  for (const FuncDef& fn : m.funcs) named += fn.id ? 1 : 0;
  if (named) {
    Bytes sub;
    writeU32(sub, named);
    for (uint32_t i = 0; i < m.funcs.size(); ++i) {
      if (!m.funcs[i].id) continue;
      writeU32(sub, i);
      writeName(sub, *m.funcs[i].id);
    }
    writeSection(content, 1, sub);
  }
  // Local names (params and locals with $ids), by function then local index.
  Bytes locals;
  uint32_t withLocals = 0;
  for (uint32_t i = 0; i < m.funcs.size(); ++i) {
    const auto& ids = m.funcs[i].localIds;
    if (ids.empty()) continue;
    std::vector<std::pair<uint32_t, const std::string*>> sorted;
    for (const auto& [id, index] : ids) sorted.emplace_back(index, &id);
    std::sort(sorted.begin(), sorted.end());
    ++withLocals;
    writeU32(locals, i);
    writeU32(locals, static_cast<uint32_t>(sorted.size()));
    for (const auto& [index, id] : sorted) {
      writeU32(locals, index);
      writeName(locals, *id);
    }
  }
  if (withLocals) {
    Bytes sub;
    writeU32(sub, withLocals);
    writeBytes(sub, locals);
    writeSection(content, 2, sub);
  }
  if (!m.name && !named && !withLocals) return {};
  return content;
}

}  // namespace

Result<Bytes> encodeModule(ModuleState& m, const std::vector<Token>& tokens) {
  // Code and constant expressions first: they may add implicit types.
  Bytes globals, elems, code, datas;
  uint32_t definedGlobals = 0, definedFuncs = 0;
  for (const GlobalDef& g : m.globals) {
    if (g.imported) continue;
    ++definedGlobals;
    writeValType(globals, g.type.type);
    writeByte(globals, g.type.mut ? 1 : 0);
    ConstExpr init;
    init.pos = g.initPos;
    WASMCAP_TRY(encodeConstExpr(m, tokens, init, globals));
  }
  for (const ElemDef& seg : m.elems) {
    WASMCAP_TRY_ASSIGN(Bytes b, encodeElem(m, tokens, seg));
    writeBytes(elems, b);
  }
  std::map<size_t, Bytes> tableInits;
  for (const auto& [index, expr] : m.tableInits) {
    WASMCAP_TRY(encodeConstExpr(m, tokens, expr, tableInits[index]));
  }
  Bytes functionSection;
  for (FuncDef& fn : m.funcs) {
    if (fn.imported) continue;
    ++definedFuncs;
    if (fn.pendingType) fn.typeIndex = m.findOrAddType(*fn.pendingType);
    writeU32(functionSection, fn.typeIndex);
    WASMCAP_TRY_ASSIGN(Bytes body, encodeBody(m, tokens, fn));
    writeU32(code, static_cast<uint32_t>(body.size()));
    writeBytes(code, body);
  }
  for (const DataDef& seg : m.datas) {
    WASMCAP_TRY_ASSIGN(Bytes b, encodeData(m, tokens, seg));
    writeBytes(datas, b);
  }

  Bytes out = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};
  auto vecSection = [&](uint8_t id, uint32_t count, const Bytes& items) {
    if (count == 0) return;
    Bytes content;
    writeU32(content, count);
    writeBytes(content, items);
    writeSection(out, id, content);
  };

  Bytes types;
  for (const ir::FuncType& ft : m.types) {
    writeByte(types, 0x60);
    writeU32(types, static_cast<uint32_t>(ft.params.size()));
    for (ir::ValType t : ft.params) writeValType(types, t);
    writeU32(types, static_cast<uint32_t>(ft.results.size()));
    for (ir::ValType t : ft.results) writeValType(types, t);
  }
  vecSection(kType, static_cast<uint32_t>(m.types.size()), types);

  Bytes imports;
  for (const ImportDef& imp : m.imports) {
    writeName(imports, imp.module);
    writeName(imports, imp.field);
    writeByte(imports, static_cast<uint8_t>(imp.kind));
    writeBytes(imports, imp.desc);
  }
  vecSection(kImport, static_cast<uint32_t>(m.imports.size()), imports);
  vecSection(kFunction, definedFuncs, functionSection);

  Bytes tables;
  uint32_t definedTables = 0;
  uint32_t importedTables = 0, importedMemories = 0;
  for (const ImportDef& imp : m.imports) {
    importedTables += imp.kind == ir::ExternKind::Table;
    importedMemories += imp.kind == ir::ExternKind::Memory;
  }
  for (size_t i = importedTables; i < m.tables.size(); ++i, ++definedTables) {
    auto init = m.tableInits.find(static_cast<uint32_t>(i));
    if (init != m.tableInits.end()) {
      writeByte(tables, 0x40);  // a table with an initialiser
      writeByte(tables, 0x00);
    }
    writeValType(tables, m.tables[i].elem);
    writeLimits(tables, m.tables[i].limits);
    if (init != m.tableInits.end()) writeBytes(tables, tableInits[i]);
  }
  vecSection(kTable, definedTables, tables);

  Bytes memories;
  uint32_t definedMemories = 0;
  for (size_t i = importedMemories; i < m.memories.size(); ++i, ++definedMemories)
    writeLimits(memories, m.memories[i].limits);
  vecSection(kMemory, definedMemories, memories);

  Bytes tags;
  uint32_t importedTags = 0, definedTags = 0;
  for (const ImportDef& imp : m.imports) importedTags += imp.kind == ir::ExternKind::Tag;
  for (size_t i = importedTags; i < m.tags.size(); ++i, ++definedTags) {
    writeByte(tags, 0x00);  // attribute: exception
    writeU32(tags, m.tags[i]);
  }
  vecSection(kTag, definedTags, tags);

  vecSection(kGlobal, definedGlobals, globals);

  Bytes exports;
  for (const ExportDef& e : m.exports) {
    writeName(exports, e.name);
    writeByte(exports, static_cast<uint8_t>(e.kind));
    const IndexSpace& space = e.kind == ir::ExternKind::Func    ? m.funcSpace
                              : e.kind == ir::ExternKind::Table ? m.tableSpace
                              : e.kind == ir::ExternKind::Memory ? m.memorySpace
                              : e.kind == ir::ExternKind::Tag    ? m.tagSpace
                                                                 : m.globalSpace;
    WASMCAP_TRY_ASSIGN(uint32_t index, resolveRef(tokens, e.index, space,
                                                     e.kind == ir::ExternKind::Func ? "function" : ir::externKindName(e.kind)));
    writeU32(exports, index);
  }
  vecSection(kExport, static_cast<uint32_t>(m.exports.size()), exports);

  if (m.start) {
    WASMCAP_TRY_ASSIGN(uint32_t f, resolveRef(tokens, *m.start, m.funcSpace, "function"));
    Bytes content;
    writeU32(content, f);
    writeSection(out, kStart, content);
  }
  vecSection(kElem, static_cast<uint32_t>(m.elems.size()), elems);
  if (m.usesDataCount) {
    Bytes content;
    writeU32(content, static_cast<uint32_t>(m.datas.size()));
    writeSection(out, kDataCount, content);
  }
  vecSection(kCode, definedFuncs, code);
  vecSection(kData, static_cast<uint32_t>(m.datas.size()), datas);

  Bytes names = encodeNameSection(m);
  if (!names.empty()) writeSection(out, kCustom, names);
  return out;
}

}  // namespace wasmcap::text
