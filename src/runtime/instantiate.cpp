// Linker::instantiate: the spec's module instantiation (2.0, bulk-memory
// semantics): resolve imports, allocate the module's objects, initialise
// globals, apply active segments in order, then run the start function.
#include <cstring>

#include "runtime/const_expr.h"
#include "runtime/linker.h"

namespace wasmcap::runtime {

namespace {

Error unlinkable(const ir::Import& imp, const std::string& why) {
  return Error(ErrorCode::Unlinkable, why + " \"" + imp.module + "\" \"" + imp.name + "\"");
}

// Import limits subtyping: the provided object is at least as large as
// required and, if a maximum is required, has one no larger.
bool limitsMatch(uint64_t actualMin, const ir::Limits& actual, const ir::Limits& expected) {
  if (actual.is64 != expected.is64 || actual.shared != expected.shared) return false;
  if (actualMin < expected.min) return false;
  if (expected.max && (!actual.max || *actual.max > *expected.max)) return false;
  return true;
}

// The store-wide id of the module's type `index` (and of the types before it,
// which its references may name).
uint32_t canonicalTypeId(Store& store, const ir::Module& m, uint32_t index) {
  std::vector<uint32_t> ids;
  ids.reserve(index + 1);
  for (uint32_t i = 0; i <= index && i < m.types.size(); ++i) ids.push_back(store.types().intern(m.types[i].func, ids));
  return ids.back();
}

// Reference type `a` (concrete heap type id `aId`) matches `b` (`bId`); other
// types match when equal.
bool typeMatches(ir::ValType a, uint32_t aId, ir::ValType b, uint32_t bId) {
  if (!a.isRef() || !b.isRef()) return a == b;
  if (a.code != b.code || (a.nullable && !b.nullable)) return false;
  if (!b.isConcrete()) return true;
  return a.isConcrete() && aId == bId;
}

Result<void> checkImport(Store& store, const ir::Module& m, const ir::Import& imp, const Extern& ext) {
  auto heapId = [&](ir::ValType t) { return t.isConcrete() ? canonicalTypeId(store, m, t.heapIndex) : ~0u; };
  if (ext.kind != imp.kind) return unlinkable(imp, "incompatible import type");
  bool ok = false;
  switch (imp.kind) {
    case ir::ExternKind::Func: {
      const FuncInst* f = ext.asFunc();
      ok = f && f->typeId == canonicalTypeId(store, m, imp.typeIndex);
      break;
    }
    case ir::ExternKind::Table: {
      const Table* t = ext.asTable();
      ok = t && limitsMatch(t->size(), t->type().limits, imp.table.limits);
      if (ok) {
        const ir::ValType a = t->type().elem, b = imp.table.elem;
        const uint32_t bId = heapId(b);
        ok = typeMatches(a, t->elemTypeId, b, bId) && typeMatches(b, bId, a, t->elemTypeId);
      }
      break;
    }
    case ir::ExternKind::Memory: {
      const Memory* mem = ext.asMemory();
      ok = mem && limitsMatch(mem->pages(), mem->type().limits, imp.memory.limits);
      break;
    }
    case ir::ExternKind::Global: {
      const Global* g = ext.asGlobal();
      ok = g && g->type.mut == imp.global.mut;
      if (ok) {
        // Immutable globals are covariant, mutable ones invariant.
        const ir::ValType a = g->type.type, b = imp.global.type;
        const uint32_t bId = heapId(b);
        ok = typeMatches(a, g->heapTypeId, b, bId) && (!g->type.mut || typeMatches(b, bId, a, g->heapTypeId));
      }
      break;
    }
    case ir::ExternKind::Tag: {
      const TagInst* t = ext.asTag();
      ok = t && t->typeId == canonicalTypeId(store, m, imp.typeIndex);
      break;
    }
  }
  if (!ok) return unlinkable(imp, "incompatible import type");
  return {};
}

Extern exportedExtern(const Instance& inst, const ir::Export& e) {
  switch (e.kind) {
    case ir::ExternKind::Func: return Extern::func(inst.funcs[e.index]);
    case ir::ExternKind::Table: return Extern::table(inst.tables[e.index]);
    case ir::ExternKind::Memory: return Extern::memory(inst.memories[e.index]);
    case ir::ExternKind::Global: return Extern::global(inst.globals[e.index]);
    case ir::ExternKind::Tag: return Extern::tag(inst.tags[e.index]);
  }
  return {};
}

// A segment offset as an unsigned address (i32 for 32-bit tables/memories,
// i64 for 64-bit ones).
Result<uint64_t> evalOffset(const Instance& inst, const ir::ConstExpr& expr) {
  WASMCAP_TRY_ASSIGN(Value v, evalConstExpr(inst, expr));
  if (v.type == ir::ValType::i64()) return v.raw.i64;
  return uint64_t{v.raw.i32};
}

bool rangeFits(uint64_t offset, uint64_t count, uint64_t size) { return offset <= size && count <= size - offset; }

Result<void> createFunctions(Store& store, const CompiledModule& compiled, Instance& inst,
                             const std::vector<Extern>& imports) {
  const ir::Module& m = compiled.module;
  inst.funcs.reserve(m.importedFuncs + m.functions.size());
  for (const Extern& ext : imports)
    if (ext.kind == ir::ExternKind::Func) inst.funcs.push_back(ext.asFunc());
  for (uint32_t i = 0; i < m.functions.size(); ++i) {
    uint32_t index = m.importedFuncs + i;
    auto f = std::make_unique<FuncInst>();
    f->type = m.funcType(index);
    f->typeId = inst.typeIds[m.funcTypes[index]];
    f->instance = &inst;
    f->index = index;
    f->code = compiled.code ? compiled.code->function(i) : nullptr;
    f->nativeCode = compiled.code && compiled.code->isNative();
    // No debugName: backtraces read the name section when they need a name.
    inst.funcs.push_back(store.addFunc(std::move(f)));
  }
  return {};
}

Result<void> createTablesAndMemories(Store& store, const ir::Module& m, Instance& inst,
                                     const std::vector<Extern>& imports) {
  inst.tables.reserve(m.tables.size());
  inst.memories.reserve(m.memories.size());
  for (const Extern& ext : imports) {
    if (ext.kind == ir::ExternKind::Table) inst.tables.push_back(ext.asTable());
    if (ext.kind == ir::ExternKind::Memory) inst.memories.push_back(ext.asMemory());
  }
  const Limits& limits = store.limits();
  for (size_t i = m.importedTables; i < m.tables.size(); ++i) {
    const ir::TableType& type = m.tables[i];
    if (type.limits.min > limits.maxTableElements) {
      return Error(ErrorCode::Exhaustion, "table of " + std::to_string(type.limits.min) +
                                              " elements exceeds the limit of " +
                                              std::to_string(limits.maxTableElements));
    }
    auto table = std::make_unique<Table>(type, nullptr);
    if (type.elem.isConcrete()) table->elemTypeId = inst.typeIds[type.elem.heapIndex];
    inst.tables.push_back(store.addTable(std::move(table)));
  }
  for (size_t i = m.importedMemories; i < m.memories.size(); ++i) {
    WASMCAP_TRY_ASSIGN(Memory * mem, Memory::create(m.memories[i], limits.maxMemoryPages));
    inst.memories.push_back(store.addMemory(std::unique_ptr<Memory>(mem)));
  }
  return {};
}

// Globals are initialised in order; each initialiser sees the imported
// globals and the ones defined before it.
Result<void> createGlobals(Store& store, const ir::Module& m, Instance& inst, const std::vector<Extern>& imports) {
  inst.globals.reserve(m.globalTypes.size());
  for (const Extern& ext : imports)
    if (ext.kind == ir::ExternKind::Global) inst.globals.push_back(ext.asGlobal());
  for (const ir::Global& def : m.globals) {
    WASMCAP_TRY_ASSIGN(Value v, evalConstExpr(inst, def.init));
    auto g = std::make_unique<Global>();
    g->type = def.type;
    if (def.type.type.isConcrete()) g->heapTypeId = inst.typeIds[def.type.type.heapIndex];
    g->value = v.raw;
    inst.globals.push_back(store.addGlobal(std::move(g)));
  }
  return {};
}

void createTags(Store& store, const ir::Module& m, Instance& inst, const std::vector<Extern>& imports) {
  inst.tags.reserve(m.tags.size());
  for (const Extern& ext : imports)
    if (ext.kind == ir::ExternKind::Tag) inst.tags.push_back(ext.asTag());
  for (size_t i = m.importedTags; i < m.tags.size(); ++i) {
    auto t = std::make_unique<TagInst>();
    t->type = m.types[m.tags[i].typeIndex].func;
    t->typeId = inst.typeIds[m.tags[i].typeIndex];
    inst.tags.push_back(store.addTag(std::move(t)));
  }
}

Result<std::vector<Ref>> elemSegmentRefs(const Instance& inst, const ir::ElemSegment& seg) {
  std::vector<Ref> refs;
  refs.reserve(seg.size());
  if (seg.usesExprs) {
    for (const ir::ConstExpr& item : seg.items) {
      WASMCAP_TRY_ASSIGN(Value v, evalConstExpr(inst, item));
      refs.push_back(v.raw.ref);
    }
  } else {
    for (uint32_t index : seg.funcIndices) {
      if (index >= inst.funcs.size()) return Error(ErrorCode::Invalid, "unknown function " + std::to_string(index));
      refs.push_back(inst.funcs[index]);
    }
  }
  return refs;
}

// Active segments behave like table.init + elem.drop; a trap stops
// instantiation but what was already written stays.
Result<void> initElemSegments(const ir::Module& m, Instance& inst) {
  inst.elemSegments.assign(m.elems.size(), {});
  for (size_t i = 0; i < m.elems.size(); ++i) {
    const ir::ElemSegment& seg = m.elems[i];
    WASMCAP_TRY_ASSIGN(std::vector<Ref> refs, elemSegmentRefs(inst, seg));
    if (seg.mode == ir::SegmentMode::Passive) {
      inst.elemSegments[i] = std::move(refs);
    } else if (seg.mode == ir::SegmentMode::Active) {
      Table* table = inst.tables[seg.table];
      WASMCAP_TRY_ASSIGN(uint64_t offset, evalOffset(inst, seg.offset));
      if (!rangeFits(offset, refs.size(), table->size()))
        return Error(ErrorCode::Uninstantiable, trapKindMessage(TrapKind::TableOutOfBounds));
      for (size_t k = 0; k < refs.size(); ++k) table->set(offset + k, refs[k]);
    }
  }
  return {};
}

// Active segments behave like memory.init + data.drop.
Result<void> initDataSegments(const ir::Module& m, Instance& inst) {
  inst.dataSegments.assign(m.datas.size(), ir::ByteSpan{});
  for (size_t i = 0; i < m.datas.size(); ++i) {
    const ir::DataSegment& seg = m.datas[i];
    if (seg.mode == ir::SegmentMode::Passive) {
      inst.dataSegments[i] = seg.init;
      continue;
    }
    Memory* mem = inst.memories[seg.memory];
    WASMCAP_TRY_ASSIGN(uint64_t offset, evalOffset(inst, seg.offset));
    if (!rangeFits(offset, seg.init.size, mem->sizeBytes()))
      return Error(ErrorCode::Uninstantiable, trapKindMessage(TrapKind::MemoryOutOfBounds));
    if (seg.init.size > 0) std::memcpy(mem->base() + offset, m.at(seg.init.offset), seg.init.size);
  }
  return {};
}

}  // namespace

Result<Instance*> Linker::instantiate(Store& store, std::shared_ptr<const CompiledModule> compiled,
                                      const std::string& name, const Linker* preferred) {
  const ir::Module& m = compiled->module;
  std::vector<Extern> imports;
  imports.reserve(m.imports.size());
  for (const ir::Import& imp : m.imports) {
    const Extern* ext = preferred ? preferred->find(imp.module, imp.name) : nullptr;
    if (!ext) ext = find(imp.module, imp.name);
    if (!ext) return unlinkable(imp, "unknown import");
    imports.push_back(*ext);
  }
  return instantiateWithImports(store, std::move(compiled), imports, name);
}

Result<Instance*> instantiateWithImports(Store& store, std::shared_ptr<const CompiledModule> compiled,
                                         const std::vector<Extern>& imports, const std::string& name) {
  const ir::Module& m = compiled->module;
  // Check every import before creating anything: an unlinkable module
  // leaves no trace in the store.
  if (imports.size() != m.imports.size()) {
    return Error(ErrorCode::Unlinkable, "the module has " + std::to_string(m.imports.size()) + " imports, " +
                                            std::to_string(imports.size()) + " given");
  }
  for (size_t i = 0; i < imports.size(); ++i) WASMCAP_TRY(checkImport(store, m, m.imports[i], imports[i]));

  // From here on the instance and its objects live in the store even if
  // instantiation fails: already-shared tables and memories may refer to them.
  auto owned = std::make_unique<Instance>();
  owned->compiled = compiled;
  owned->name = name;
  owned->store = &store;
  Instance& inst = *store.addInstance(std::move(owned));

  inst.typeIds.reserve(m.types.size());
  // In order: a type's references name earlier types only.
  for (const ir::SubType& t : m.types) inst.typeIds.push_back(store.types().intern(t.func, inst.typeIds));

  WASMCAP_TRY(createFunctions(store, *compiled, inst, imports));
  WASMCAP_TRY(createTablesAndMemories(store, m, inst, imports));
  WASMCAP_TRY(createGlobals(store, m, inst, imports));
  createTags(store, m, inst, imports);
  for (const auto& [index, init] : m.tableInits) {
    WASMCAP_TRY_ASSIGN(Value v, evalConstExpr(inst, init));
    Table* table = inst.tables[index];
    for (uint64_t i = 0; i < table->size(); ++i) table->set(i, v.raw.ref);
  }
  inst.exports.reserve(m.exports.size());
  for (const ir::Export& e : m.exports) {
    inst.exports[e.name] = exportedExtern(inst, e);
  }

  WASMCAP_TRY(initElemSegments(m, inst));
  WASMCAP_TRY(initDataSegments(m, inst));

  if (m.start) {
    FuncInst* start = inst.funcs[*m.start];
    if (std::optional<Trap> trap = store.executor().call(store, *start, {}, {})) {
      Error e(ErrorCode::Uninstantiable, trap->message);
      e.trap = std::make_shared<const wasmcap::Trap>(toPublicTrap(*trap));
      return e;
    }
  }
  return &inst;
}

}  // namespace wasmcap::runtime
