// Builds ir::Module values directly (no decoder needed) so validator tests can
// state exactly which module they check.
#pragma once
#include <gtest/gtest.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "ir/module.h"
#include "validate/validator.h"

namespace wasmcap::validate::testing {

using ir::ValType;
inline constexpr ValType I32 = ValType::i32();
inline constexpr ValType I64 = ValType::i64();
inline constexpr ValType F32 = ValType::f32();
inline constexpr ValType F64 = ValType::f64();
inline constexpr ValType V128 = ValType::v128();
inline constexpr ValType FUNCREF = ValType::funcref();
inline constexpr ValType EXTERNREF = ValType::externref();

using Bytes = std::vector<uint8_t>;

class ModuleBuilder {
 public:
  uint32_t type(std::vector<ValType> params, std::vector<ValType> results) {
    ir::SubType t;
    t.func.params = std::move(params);
    t.func.results = std::move(results);
    m_.types.push_back(std::move(t));
    m_.recGroups.push_back({static_cast<uint32_t>(m_.types.size() - 1), 1});
    return static_cast<uint32_t>(m_.types.size() - 1);
  }

  // Imports must be added before the module's own entities of the same kind.
  uint32_t importFunc(uint32_t typeIndex) {
    ir::Import imp = import("f", ir::ExternKind::Func);
    imp.typeIndex = typeIndex;
    m_.imports.push_back(imp);
    m_.funcTypes.push_back(typeIndex);
    ++m_.importedFuncs;
    return static_cast<uint32_t>(m_.funcTypes.size() - 1);
  }
  uint32_t importGlobal(ValType t, bool mut) {
    ir::Import imp = import("g", ir::ExternKind::Global);
    imp.global = {t, mut};
    m_.imports.push_back(imp);
    m_.globalTypes.push_back({t, mut});
    ++m_.importedGlobals;
    return static_cast<uint32_t>(m_.globalTypes.size() - 1);
  }
  uint32_t importMemory(uint64_t min, std::optional<uint64_t> max = std::nullopt) {
    ir::Import imp = import("m", ir::ExternKind::Memory);
    imp.memory.limits.min = min;
    imp.memory.limits.max = max;
    m_.imports.push_back(imp);
    m_.memories.push_back(imp.memory);
    ++m_.importedMemories;
    return static_cast<uint32_t>(m_.memories.size() - 1);
  }

  // `body` is the instruction sequence including the final `end` (0x0B).
  uint32_t funcOfType(uint32_t typeIndex, Bytes body, std::vector<ValType> locals = {}) {
    ir::Function f;
    f.typeIndex = typeIndex;
    f.locals = std::move(locals);
    f.body = append(body);
    f.entry = f.body;
    m_.functions.push_back(std::move(f));
    m_.funcTypes.push_back(typeIndex);
    return static_cast<uint32_t>(m_.funcTypes.size() - 1);
  }
  // A function of type [] -> [results...] with the given body.
  uint32_t func(std::vector<ValType> params, std::vector<ValType> results, Bytes body,
                std::vector<ValType> locals = {}) {
    return funcOfType(type(std::move(params), std::move(results)), std::move(body), std::move(locals));
  }

  uint32_t memory(uint64_t min, std::optional<uint64_t> max = std::nullopt) {
    ir::MemoryType mem;
    mem.limits.min = min;
    mem.limits.max = max;
    m_.memories.push_back(mem);
    return static_cast<uint32_t>(m_.memories.size() - 1);
  }
  uint32_t table(ValType elem, uint64_t min, std::optional<uint64_t> max = std::nullopt) {
    ir::TableType t;
    t.elem = elem;
    t.limits.min = min;
    t.limits.max = max;
    m_.tables.push_back(t);
    return static_cast<uint32_t>(m_.tables.size() - 1);
  }
  uint32_t global(ValType t, bool mut, Bytes init) {
    m_.globals.push_back(ir::Global{{t, mut}, expr(init)});
    m_.globalTypes.push_back({t, mut});
    return static_cast<uint32_t>(m_.globalTypes.size() - 1);
  }
  void exportAs(std::string name, ir::ExternKind kind, uint32_t index) {
    m_.exports.push_back(ir::Export{std::move(name), kind, index});
  }
  void start(uint32_t f) { m_.start = f; }

  // Active function-index element segment at `offset` of `table`.
  ir::ElemSegment& elemFuncs(uint32_t table, Bytes offset, std::vector<uint32_t> funcs) {
    ir::ElemSegment e;
    e.table = table;
    e.offset = expr(offset);
    e.funcIndices = std::move(funcs);
    m_.elems.push_back(std::move(e));
    return m_.elems.back();
  }
  // Element segment of expressions, in the given mode.
  ir::ElemSegment& elemExprs(ir::SegmentMode mode, ValType type, std::vector<Bytes> items, uint32_t table = 0,
                             Bytes offset = {0x41, 0x00, 0x0B}) {
    ir::ElemSegment e;
    e.mode = mode;
    e.type = type;
    e.table = table;
    if (mode == ir::SegmentMode::Active) e.offset = expr(offset);
    e.usesExprs = true;
    for (const Bytes& item : items) e.items.push_back(expr(item));
    m_.elems.push_back(std::move(e));
    return m_.elems.back();
  }
  void dataActive(uint32_t memory, Bytes offset) {
    ir::DataSegment d;
    d.memory = memory;
    d.offset = expr(offset);
    m_.datas.push_back(d);
  }
  void dataPassive() {
    ir::DataSegment d;
    d.mode = ir::SegmentMode::Passive;
    m_.datas.push_back(d);
  }
  void dataCount(uint32_t n) { m_.dataCount = n; }
  void funcName(uint32_t f, std::string name) { m_.names.functions[f] = std::move(name); }

  const ir::Module& module() const { return m_; }
  ir::Module& mutableModule() { return m_; }

 private:
  ir::Import import(const std::string& prefix, ir::ExternKind kind) {
    ir::Import imp;
    imp.module = "env";
    imp.name = prefix + std::to_string(m_.imports.size());
    imp.kind = kind;
    return imp;
  }
  ir::ConstExpr expr(const Bytes& code) { return ir::ConstExpr{append(code)}; }
  ir::ByteSpan append(const Bytes& code) {
    ir::ByteSpan s{m_.bytes.size(), code.size()};
    m_.bytes.insert(m_.bytes.end(), code.begin(), code.end());
    return s;
  }

  ir::Module m_;
};

// Expect validation to fail with ErrorCode::Invalid and a message starting with `prefix`.
inline ::testing::AssertionResult isInvalid(const ir::Module& m, const std::string& prefix,
                                            ErrorCode code = ErrorCode::Invalid,
                                            const Features& features = Features()) {
  Result<void> r = validateModule(m, features);
  if (r.ok()) return ::testing::AssertionFailure() << "module validated; expected \"" << prefix << "\"";
  const Error& e = r.error();
  if (e.code != code || e.message.rfind(prefix, 0) != 0)
    return ::testing::AssertionFailure() << "got " << e.describe() << "; expected \"" << prefix << "\"";
  return ::testing::AssertionSuccess();
}

inline ::testing::AssertionResult isValid(const ir::Module& m) {
  Result<void> r = validateModule(m);
  if (!r.ok()) return ::testing::AssertionFailure() << r.error().describe();
  return ::testing::AssertionSuccess();
}

}  // namespace wasmcap::validate::testing
