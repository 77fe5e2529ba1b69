// What the module-field pass learns about a text module before any code is
// encoded: the index spaces with their $ids, and each field's definition
// (bodies and constant expressions are kept as token positions to encode later,
// once every $id in the module is known).
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "ir/types.h"
#include "text/encoder.h"
#include "text/lexer.h"

namespace wasmcap::text {

// The $ids bound in one index space.
struct IndexSpace {
  std::unordered_map<std::string, uint32_t> ids;
};

// A reference to an index written in the text: a token ($id or number) to
// resolve later, or an index already known.
struct IndexRef {
  size_t token = SIZE_MAX;  // position in the token vector, SIZE_MAX if `value` holds it
  uint32_t value = 0;
};

struct FuncDef {
  uint32_t typeIndex = 0;
  // A defined function written with an inline signature only: its type index
  // is chosen when its body is encoded, so implicit types are appended in
  // text order (header, then the block types in its body, then the next function).
  std::optional<ir::FuncType> pendingType;
  bool imported = false;
  std::optional<std::string> id;
  std::vector<ir::ValType> locals;  // declared locals, params excluded
  std::unordered_map<std::string, uint32_t> localIds;  // params and locals
  size_t bodyPos = 0;  // token position of the first instruction
};

struct GlobalDef {
  ir::GlobalType type;
  bool imported = false;
  size_t initPos = 0;
};

struct ImportDef {
  std::string module, field;
  ir::ExternKind kind = ir::ExternKind::Func;
  Bytes desc;  // the encoded import description after the kind byte
};

struct ExportDef {
  std::string name;
  ir::ExternKind kind = ir::ExternKind::Func;
  IndexRef index;
};

// A constant expression: instructions at a token position (until ')'), or
// already-encoded bytes (offset 0 of an inline table/memory segment).
struct ConstExpr {
  size_t pos = SIZE_MAX;
  bool single = false;  // one folded instruction at `pos` (the offset/item abbreviations)
  Bytes bytes;
};

struct ElemDef {
  enum class Mode : uint8_t { Active, Passive, Declarative } mode = Mode::Passive;
  IndexRef table;
  ConstExpr offset;
  ir::ValType type = ir::ValType::funcref();
  bool funcIndices = true;  // items are function indices (else expressions)
  std::vector<IndexRef> funcs;
  std::vector<ConstExpr> exprs;
};

struct DataDef {
  bool active = false;
  IndexRef memory;
  ConstExpr offset;
  std::string bytes;
};

struct ModuleState {
  std::optional<std::string> name;
  std::vector<ir::FuncType> types;
  IndexSpace typeSpace, funcSpace, tableSpace, memorySpace, globalSpace, elemSpace, dataSpace, tagSpace;
  std::vector<ImportDef> imports;
  std::vector<FuncDef> funcs;  // imported first, then defined
  std::vector<ir::TableType> tables;
  std::map<uint32_t, ConstExpr> tableInits;  // by table index: the element initialiser, if written
  std::vector<ir::MemoryType> memories;
  std::vector<GlobalDef> globals;
  std::vector<uint32_t> tags;  // type index of each tag, imported first (exceptions)
  std::vector<std::pair<uint32_t, size_t>> pendingTags;  // defined tag index -> type-use position, typed at encoding
  std::vector<ExportDef> exports;
  std::optional<IndexRef> start;
  std::vector<ElemDef> elems;
  std::vector<DataDef> datas;
  bool usesDataCount = false;

  // Append a type definition.
  uint32_t addType(ir::FuncType type) {
    uint32_t index = static_cast<uint32_t>(types.size());
    firstIndexOf.emplace(signatureKey(type), index);  // keeps the smallest index
    types.push_back(std::move(type));
    return index;
  }

  // The smallest index of a type equal to `type`, appending one if none
  // exists (the spec's rule for inline type uses).
  uint32_t findOrAddType(const ir::FuncType& type) {
    auto it = firstIndexOf.find(signatureKey(type));
    return it != firstIndexOf.end() ? it->second : addType(type);
  }

 private:
  static void appendKey(std::string& key, ir::ValType t) {
    key += static_cast<char>(t.code);
    key += t.nullable ? 'n' : '-';
    for (int shift = 0; shift < 32; shift += 8) key += static_cast<char>(t.heapIndex >> shift);
  }
  static std::string signatureKey(const ir::FuncType& type) {
    std::string key;
    for (ir::ValType t : type.params) appendKey(key, t);
    key += ':';
    for (ir::ValType t : type.results) appendKey(key, t);
    return key;
  }

  std::unordered_map<std::string, uint32_t> firstIndexOf;  // signature -> smallest type index
};

}  // namespace wasmcap::text
