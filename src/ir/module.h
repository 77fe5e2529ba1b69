// The decoded module: what the binary decoder produces and every later stage
// (validator, runtime, interpreter) reads. Function bodies and constant
// expressions stay as byte ranges of `bytes`; they are decoded instruction by
// instruction by whoever walks them (see ir/instr_reader.h).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ir/types.h"

namespace wasmcap::ir {

// A byte range [offset, offset + size) of Module::bytes.
struct ByteSpan {
  uint64_t offset = 0;
  uint64_t size = 0;
};

// A constant expression (global initialiser, segment offset, element item),
// including its terminating `end`.
struct ConstExpr {
  ByteSpan code;
};

struct Import {
  std::string module;
  std::string name;
  ExternKind kind = ExternKind::Func;
  uint32_t typeIndex = 0;  // Func, Tag
  TableType table;         // Table
  MemoryType memory;       // Memory
  GlobalType global;       // Global
};

struct Export {
  std::string name;
  ExternKind kind = ExternKind::Func;
  uint32_t index = 0;
};

// A function defined in this module (not imported).
struct Function {
  uint32_t typeIndex = 0;
  std::vector<ValType> locals;  // declared locals only (parameters excluded), expanded
  ByteSpan body;                // the instruction sequence after the locals, ending in `end`
  ByteSpan entry;               // the whole code-section entry (size excluded), for error offsets
};

struct Global {
  GlobalType type;
  ConstExpr init;
};

enum class SegmentMode : uint8_t { Active, Passive, Declarative };

struct ElemSegment {
  SegmentMode mode = SegmentMode::Active;
  uint32_t table = 0;  // active only
  ConstExpr offset;    // active only
  ValType type = ValType::funcref();
  // Each item is a constant expression; the function-index encodings are
  // decoded into `funcIndices` instead and `items` stays empty.
  std::vector<ConstExpr> items;
  std::vector<uint32_t> funcIndices;
  bool usesExprs = false;
  size_t size() const { return usesExprs ? items.size() : funcIndices.size(); }
};

struct DataSegment {
  SegmentMode mode = SegmentMode::Active;  // never Declarative
  uint32_t memory = 0;                     // active only
  ConstExpr offset;                        // active only
  ByteSpan init;
};

struct CustomSection {
  std::string name;
  ByteSpan content;
};

// Names from the `name` custom section.
struct NameSection {
  std::optional<std::string> module;
  std::map<uint32_t, std::string> functions;
  std::map<uint32_t, std::map<uint32_t, std::string>> locals;
};

struct Module {
  std::vector<uint8_t> bytes;  // the binary this module was decoded from
  // The 3.0 reference types its code may use (binary::Reader::setRefTypes
  // bits), from the features it was decoded with.
  uint8_t refTypeBits = 0xFF;

  std::vector<SubType> types;       // type index space
  std::vector<RecGroup> recGroups;  // one per type in 2.0
  std::vector<Import> imports;

  // Index spaces: imported entries first, then the module's own.
  std::vector<uint32_t> funcTypes;  // type index of every function
  std::vector<TableType> tables;
  std::vector<MemoryType> memories;
  std::vector<GlobalType> globalTypes;
  std::vector<TagType> tags;
  uint32_t importedFuncs = 0, importedTables = 0, importedMemories = 0, importedGlobals = 0,
           importedTags = 0;

  // Defined tables with an initialiser (typed function references), by
  // table index; the others start with null elements.
  std::map<uint32_t, ConstExpr> tableInits;
  std::vector<Global> globals;      // defined globals (index = global index - importedGlobals)
  std::vector<Function> functions;  // defined functions (index = func index - importedFuncs)
  std::vector<Export> exports;
  std::optional<uint32_t> start;
  std::vector<ElemSegment> elems;
  std::vector<DataSegment> datas;
  std::optional<uint32_t> dataCount;
  std::vector<CustomSection> customs;
  NameSection names;

  const FuncType& funcType(uint32_t funcIndex) const { return types[funcTypes[funcIndex]].func; }
  const Function& function(uint32_t funcIndex) const { return functions[funcIndex - importedFuncs]; }
  bool isImportedFunc(uint32_t funcIndex) const { return funcIndex < importedFuncs; }
  const uint8_t* at(uint64_t offset) const { return bytes.data() + offset; }
  // The function's name from the name section, or "func[N]".
  std::string funcName(uint32_t funcIndex) const;
};

}  // namespace wasmcap::ir
