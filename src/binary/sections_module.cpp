// The sections that declare the module's entities: type, import, function,
// table, memory, global, export and start; and the type readers they share.
#include "binary/decoder_internal.h"

namespace wasmcap::binary::detail {

Result<uint32_t> readCount(Reader& r) {
  uint64_t at = r.offset();
  WASMCAP_TRY_ASSIGN(uint32_t n, r.u32());
  if (n > r.remaining()) {
    return Error(ErrorCode::Malformed, std::string(kUnexpectedEnd) + " (" + std::to_string(n) +
                                           " entries declared, " + std::to_string(r.remaining()) + " bytes left)")
        .at(at);
  }
  return n;
}

Result<ir::Limits> readLimits(Reader& r, const Features& features, bool isTable) {
  uint64_t at = r.offset();
  // The flags are a single byte (a one-byte LEB128 in 2.0's grammar).
  WASMCAP_TRY_ASSIGN(uint8_t flags, r.u8());
  if (flags & 0x80) return Error(ErrorCode::Malformed, "integer representation too long").at(at);
  ir::Limits limits;
  bool hasMax = flags & 0x01;
  limits.shared = flags & 0x02;
  limits.is64 = flags & 0x04;
  bool allowed = (flags & ~0x07u) == 0 && (!limits.shared || (features.threads && !isTable)) &&
                 (!limits.is64 || features.memory64);
  if (!allowed) return Error(ErrorCode::Malformed, "integer too large (malformed limits flags)").at(at);
  if (limits.is64) {
    WASMCAP_TRY_ASSIGN(limits.min, r.u64());
    if (hasMax) { WASMCAP_TRY_ASSIGN(limits.max, r.u64()); }
  } else {
    WASMCAP_TRY_ASSIGN(uint32_t min, r.u32());
    limits.min = min;
    if (hasMax) {
      WASMCAP_TRY_ASSIGN(uint32_t max, r.u32());
      limits.max = max;
    }
  }
  return limits;
}

Result<ir::TableType> readTableType(Reader& r, const Features& features) {
  ir::TableType t;
  WASMCAP_TRY_ASSIGN(t.elem, r.refType());
  WASMCAP_TRY_ASSIGN(t.limits, readLimits(r, features, true));
  return t;
}

Result<ir::MemoryType> readMemoryType(Reader& r, const Features& features) {
  ir::MemoryType t;
  WASMCAP_TRY_ASSIGN(t.limits, readLimits(r, features, false));
  return t;
}

Result<ir::GlobalType> readGlobalType(Reader& r) {
  ir::GlobalType t;
  WASMCAP_TRY_ASSIGN(t.type, r.valType());
  uint64_t at = r.offset();
  WASMCAP_TRY_ASSIGN(uint8_t mut, r.u8());
  if (mut > 1) return Error(ErrorCode::Malformed, "malformed mutability").at(at);
  t.mut = mut == 1;
  return t;
}

namespace {

Result<std::vector<ir::ValType>> readResultType(Reader& r) {
  WASMCAP_TRY_ASSIGN(uint32_t n, readCount(r));
  std::vector<ir::ValType> types;
  types.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    WASMCAP_TRY_ASSIGN(ir::ValType t, r.valType());
    types.push_back(t);
  }
  return types;
}

}  // namespace

Result<void> decodeTypeSection(Reader& r, DecodeContext& ctx) {
  ir::Module& m = ctx.module;
  WASMCAP_TRY_ASSIGN(uint32_t n, readCount(r));
  m.types.reserve(n);
  m.recGroups.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    uint64_t at = r.offset();
    WASMCAP_TRY_ASSIGN(uint8_t form, r.u8());
    // The form is a one-byte signed LEB128 in the grammar: a continuation bit
    // makes it too long. 3.0 adds rec (0x4E), sub (0x50) and sub final (0x4F).
    if (form & 0x80) return Error(ErrorCode::Malformed, "integer representation too long").at(at);
    if (form != static_cast<uint8_t>(ir::TypeCode::Func)) {
      return Error(ErrorCode::Malformed, "malformed function type").at(at);
    }
    ir::SubType type;
    WASMCAP_TRY_ASSIGN(type.func.params, readResultType(r));
    WASMCAP_TRY_ASSIGN(type.func.results, readResultType(r));
    m.recGroups.push_back(ir::RecGroup{static_cast<uint32_t>(m.types.size()), 1});
    m.types.push_back(std::move(type));
  }
  return {};
}

Result<void> decodeImportSection(Reader& r, DecodeContext& ctx) {
  ir::Module& m = ctx.module;
  WASMCAP_TRY_ASSIGN(uint32_t n, readCount(r));
  m.imports.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    ir::Import imp;
    WASMCAP_TRY_ASSIGN(imp.module, r.name());
    WASMCAP_TRY_ASSIGN(imp.name, r.name());
    uint64_t at = r.offset();
    WASMCAP_TRY_ASSIGN(uint8_t kind, r.u8());
    switch (kind) {
      case 0x00: {
        imp.kind = ir::ExternKind::Func;
        WASMCAP_TRY_ASSIGN(imp.typeIndex, r.u32());
        m.funcTypes.push_back(imp.typeIndex);
        ++m.importedFuncs;
        break;
      }
      case 0x01: {
        imp.kind = ir::ExternKind::Table;
        WASMCAP_TRY_ASSIGN(imp.table, readTableType(r, ctx.features));
        m.tables.push_back(imp.table);
        ++m.importedTables;
        break;
      }
      case 0x02: {
        imp.kind = ir::ExternKind::Memory;
        WASMCAP_TRY_ASSIGN(imp.memory, readMemoryType(r, ctx.features));
        m.memories.push_back(imp.memory);
        ++m.importedMemories;
        break;
      }
      case 0x03: {
        imp.kind = ir::ExternKind::Global;
        WASMCAP_TRY_ASSIGN(imp.global, readGlobalType(r));
        m.globalTypes.push_back(imp.global);
        ++m.importedGlobals;
        break;
      }
      case 0x04: {
        if (!ctx.features.exceptions) return Error(ErrorCode::Malformed, "malformed import kind").at(at);
        imp.kind = ir::ExternKind::Tag;
        WASMCAP_TRY_ASSIGN(ir::TagType tag, readTagType(r));
        imp.typeIndex = tag.typeIndex;
        m.tags.push_back(tag);
        ++m.importedTags;
        break;
      }
      default:
        return Error(ErrorCode::Malformed, "malformed import kind").at(at);
    }
    m.imports.push_back(std::move(imp));
  }
  return {};
}

Result<void> decodeFunctionSection(Reader& r, DecodeContext& ctx) {
  ir::Module& m = ctx.module;
  WASMCAP_TRY_ASSIGN(uint32_t n, readCount(r));
  m.funcTypes.reserve(m.funcTypes.size() + n);
  for (uint32_t i = 0; i < n; ++i) {
    WASMCAP_TRY_ASSIGN(uint32_t typeIndex, r.u32());
    m.funcTypes.push_back(typeIndex);
  }
  ctx.functionSectionCount = n;
  return {};
}

Result<void> decodeTableSection(Reader& r, DecodeContext& ctx) {
  WASMCAP_TRY_ASSIGN(uint32_t n, readCount(r));
  for (uint32_t i = 0; i < n; ++i) {
    // 0x40 0x00 announces a table with an initialiser expression (typed
    // function references); 0x40 is no reference type.
    bool withInit = false;
    if (!r.atEnd() && *r.pos() == 0x40 && ctx.features.functionReferences) {
      (void)r.u8();
      uint64_t at = r.offset();
      WASMCAP_TRY_ASSIGN(uint8_t zero, r.u8());
      if (zero != 0) return Error(ErrorCode::Malformed, "malformed table").at(at);
      withInit = true;
    }
    WASMCAP_TRY_ASSIGN(ir::TableType t, readTableType(r, ctx.features));
    if (withInit) {
      WASMCAP_TRY_ASSIGN(ir::ConstExpr init, readConstExpr(r, ctx.module));
      ctx.module.tableInits[static_cast<uint32_t>(ctx.module.tables.size())] = init;
    }
    ctx.module.tables.push_back(t);
  }
  return {};
}

Result<void> decodeMemorySection(Reader& r, DecodeContext& ctx) {
  WASMCAP_TRY_ASSIGN(uint32_t n, readCount(r));
  for (uint32_t i = 0; i < n; ++i) {
    WASMCAP_TRY_ASSIGN(ir::MemoryType t, readMemoryType(r, ctx.features));
    ctx.module.memories.push_back(t);
  }
  return {};
}

Result<void> decodeGlobalSection(Reader& r, DecodeContext& ctx) {
  ir::Module& m = ctx.module;
  WASMCAP_TRY_ASSIGN(uint32_t n, readCount(r));
  m.globals.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    ir::Global g;
    WASMCAP_TRY_ASSIGN(g.type, readGlobalType(r));
    WASMCAP_TRY_ASSIGN(g.init, readConstExpr(r, m));
    m.globalTypes.push_back(g.type);
    m.globals.push_back(g);
  }
  return {};
}

Result<void> decodeExportSection(Reader& r, DecodeContext& ctx) {
  ir::Module& m = ctx.module;
  WASMCAP_TRY_ASSIGN(uint32_t n, readCount(r));
  m.exports.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    ir::Export e;
    WASMCAP_TRY_ASSIGN(e.name, r.name());
    uint64_t at = r.offset();
    WASMCAP_TRY_ASSIGN(uint8_t kind, r.u8());
    if (kind > (ctx.features.exceptions ? 0x04 : 0x03)) return Error(ErrorCode::Malformed, "malformed export kind").at(at);
    e.kind = static_cast<ir::ExternKind>(kind);
    WASMCAP_TRY_ASSIGN(e.index, r.u32());
    m.exports.push_back(std::move(e));
  }
  return {};
}

Result<ir::TagType> readTagType(Reader& r) {
  uint64_t at = r.offset();
  WASMCAP_TRY_ASSIGN(uint8_t attribute, r.u8());
  if (attribute != 0) return Error(ErrorCode::Malformed, "malformed tag attribute").at(at);
  ir::TagType t;
  WASMCAP_TRY_ASSIGN(t.typeIndex, r.u32());
  return t;
}

Result<void> decodeTagSection(Reader& r, DecodeContext& ctx) {
  WASMCAP_TRY_ASSIGN(uint32_t n, readCount(r));
  for (uint32_t i = 0; i < n; ++i) {
    WASMCAP_TRY_ASSIGN(ir::TagType t, readTagType(r));
    ctx.module.tags.push_back(t);
  }
  return {};
}

Result<void> decodeStartSection(Reader& r, DecodeContext& ctx) {
  WASMCAP_TRY_ASSIGN(uint32_t index, r.u32());
  ctx.module.start = index;
  return {};
}

}  // namespace wasmcap::binary::detail
