// What the validator knows about the module while checking its parts: the
// module itself, the enabled features, and the functions that may be named by
// ref.func inside function bodies (the spec's C.refs).
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "ir/module.h"
#include "validate/validator.h"

namespace wasmcap::validate {

struct ModuleContext {
  const ir::Module& module;
  Features features;
  std::vector<uint8_t> declaredFuncs;  // 1 when the function index is in C.refs

  ModuleContext(const ir::Module& m, const Features& f)
      : module(m), features(f), declaredFuncs(m.funcTypes.size(), 0) {}

  uint32_t numFuncs() const { return static_cast<uint32_t>(module.funcTypes.size()); }
  uint32_t numTables() const { return static_cast<uint32_t>(module.tables.size()); }
  uint32_t numMemories() const { return static_cast<uint32_t>(module.memories.size()); }
  uint32_t numGlobals() const { return static_cast<uint32_t>(module.globalTypes.size()); }
  uint32_t numTypes() const { return static_cast<uint32_t>(module.types.size()); }
  uint32_t numElems() const { return static_cast<uint32_t>(module.elems.size()); }

  // Index operand type of a memory / table: i64 for memory64 / table64.
  ir::ValType memoryAddrType(uint32_t memory) const {
    return module.memories[memory].limits.is64 ? ir::ValType::i64() : ir::ValType::i32();
  }
  ir::ValType tableAddrType(uint32_t table) const {
    return module.tables[table].limits.is64 ? ir::ValType::i64() : ir::ValType::i32();
  }

  // The type of element segment `i`'s items. Function indices are never
  // null: (ref func) with typed function references (funcref in 2.0).
  ir::ValType elemType(uint32_t i) const {
    const ir::ElemSegment& e = module.elems[i];
    if (e.usesExprs || !features.functionReferences) return e.type;
    return ir::ValType::ref(ir::TypeCode::FuncRef, false);
  }

  // `a` matches `b` (3.0 subtyping): equal, or references with a <: b.
  bool matches(ir::ValType a, ir::ValType b) const { return a == b || refSubtype(a, b); }
  bool refSubtype(ir::ValType a, ir::ValType b) const;
  // Type indices `a` and `b` denote equivalent types.
  bool sameType(uint32_t a, uint32_t b) const;
  // "" when `t` is well-formed here, else the error ("unknown type 3").
  std::string checkValType(ir::ValType t) const;
  // Each type's index of its first equivalent type, computed on first use.
  const std::vector<uint32_t>& canonicalTypes() const;

 private:
  mutable std::vector<uint32_t> canonical_;
};

// Type names for messages; the validator's unknown (bottom) type prints as "any".
std::string typeName(ir::ValType t);
std::string typeListName(std::span<const ir::ValType> types);  // "[i32 f64]"

}  // namespace wasmcap::validate
