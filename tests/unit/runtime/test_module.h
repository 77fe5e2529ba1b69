// Builds ir::Module values by hand for runtime tests, so instantiation can be
// tested without the decoder, and a fake Executor whose "wasm" functions are
// C++ callbacks.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <utility>
#include <vector>

#include "ir/module.h"
#include "runtime/executor.h"
#include "runtime/instance.h"
#include "runtime/store.h"
#include "util/leb128.h"

namespace wasmcap::runtime::testing {

// Constant-expression instruction encodings (without the final `end`).
inline std::vector<uint8_t> i32Const(int32_t v) {
  std::vector<uint8_t> out{0x41};
  leb128::writeSigned(out, v);
  return out;
}
inline std::vector<uint8_t> i64Const(int64_t v) {
  std::vector<uint8_t> out{0x42};
  leb128::writeSigned(out, v);
  return out;
}
inline std::vector<uint8_t> globalGet(uint32_t index) {
  std::vector<uint8_t> out{0x23};
  leb128::writeUnsigned(out, index);
  return out;
}
inline std::vector<uint8_t> refFunc(uint32_t index) {
  std::vector<uint8_t> out{0xD2};
  leb128::writeUnsigned(out, index);
  return out;
}
inline std::vector<uint8_t> concat(std::initializer_list<std::vector<uint8_t>> parts) {
  std::vector<uint8_t> out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

class ModuleBuilder {
 public:
  // Append `code` plus `end` to the module bytes and return it as a ConstExpr.
  ir::ConstExpr expr(const std::vector<uint8_t>& code) {
    ir::ConstExpr e;
    e.code.offset = m.bytes.size();
    m.bytes.insert(m.bytes.end(), code.begin(), code.end());
    m.bytes.push_back(0x0B);
    e.code.size = code.size() + 1;
    return e;
  }
  ir::ByteSpan bytes(const std::vector<uint8_t>& data) {
    ir::ByteSpan s{m.bytes.size(), data.size()};
    m.bytes.insert(m.bytes.end(), data.begin(), data.end());
    return s;
  }
  uint32_t type(std::vector<ir::ValType> params, std::vector<ir::ValType> results) {
    ir::SubType t;
    t.func.params = std::move(params);
    t.func.results = std::move(results);
    m.types.push_back(std::move(t));
    m.recGroups.push_back({static_cast<uint32_t>(m.types.size() - 1), 1});
    return static_cast<uint32_t>(m.types.size() - 1);
  }

  // Imports must be added before definitions of the same kind.
  void importFunc(std::string module, std::string name, uint32_t typeIndex) {
    ir::Import imp = named(std::move(module), std::move(name), ir::ExternKind::Func);
    imp.typeIndex = typeIndex;
    m.imports.push_back(imp);
    m.funcTypes.push_back(typeIndex);
    ++m.importedFuncs;
  }
  void importTable(std::string module, std::string name, ir::TableType type) {
    ir::Import imp = named(std::move(module), std::move(name), ir::ExternKind::Table);
    imp.table = type;
    m.imports.push_back(imp);
    m.tables.push_back(type);
    ++m.importedTables;
  }
  void importMemory(std::string module, std::string name, ir::MemoryType type) {
    ir::Import imp = named(std::move(module), std::move(name), ir::ExternKind::Memory);
    imp.memory = type;
    m.imports.push_back(imp);
    m.memories.push_back(type);
    ++m.importedMemories;
  }
  void importGlobal(std::string module, std::string name, ir::GlobalType type) {
    ir::Import imp = named(std::move(module), std::move(name), ir::ExternKind::Global);
    imp.global = type;
    m.imports.push_back(imp);
    m.globalTypes.push_back(type);
    ++m.importedGlobals;
  }

  uint32_t func(uint32_t typeIndex) {
    ir::Function f;
    f.typeIndex = typeIndex;
    m.functions.push_back(f);
    m.funcTypes.push_back(typeIndex);
    return static_cast<uint32_t>(m.funcTypes.size() - 1);
  }
  uint32_t table(uint64_t min, std::optional<uint64_t> max = std::nullopt, ir::ValType elem = ir::ValType::funcref()) {
    ir::TableType t;
    t.elem = elem;
    t.limits.min = min;
    t.limits.max = max;
    m.tables.push_back(t);
    return static_cast<uint32_t>(m.tables.size() - 1);
  }
  uint32_t memory(uint64_t min, std::optional<uint64_t> max = std::nullopt) {
    ir::MemoryType t;
    t.limits.min = min;
    t.limits.max = max;
    m.memories.push_back(t);
    return static_cast<uint32_t>(m.memories.size() - 1);
  }
  uint32_t global(ir::ValType type, bool mut, const std::vector<uint8_t>& init) {
    ir::Global g;
    g.type = {type, mut};
    g.init = expr(init);
    m.globals.push_back(g);
    m.globalTypes.push_back(g.type);
    return static_cast<uint32_t>(m.globalTypes.size() - 1);
  }
  void exportAs(std::string name, ir::ExternKind kind, uint32_t index) {
    m.exports.push_back({std::move(name), kind, index});
  }
  void activeElem(uint32_t table, int32_t offset, std::vector<uint32_t> funcs) {
    ir::ElemSegment s;
    s.mode = ir::SegmentMode::Active;
    s.table = table;
    s.offset = expr(i32Const(offset));
    s.funcIndices = std::move(funcs);
    m.elems.push_back(std::move(s));
  }
  void elemWithMode(ir::SegmentMode mode, std::vector<uint32_t> funcs) {
    ir::ElemSegment s;
    s.mode = mode;
    s.funcIndices = std::move(funcs);
    m.elems.push_back(std::move(s));
  }
  void activeData(uint32_t memory, int32_t offset, const std::vector<uint8_t>& data) {
    ir::DataSegment d;
    d.mode = ir::SegmentMode::Active;
    d.memory = memory;
    d.offset = expr(i32Const(offset));
    d.init = bytes(data);
    m.datas.push_back(d);
  }
  void passiveData(const std::vector<uint8_t>& data) {
    ir::DataSegment d;
    d.mode = ir::SegmentMode::Passive;
    d.init = bytes(data);
    m.datas.push_back(d);
  }

  std::shared_ptr<const CompiledModule> build(Executor& executor) {
    auto cm = std::make_shared<CompiledModule>();
    cm->module = m;
    auto code = executor.compile(cm->module);
    if (code.ok()) cm->code = std::move(code).value();
    return cm;
  }

  ir::Module m;

 private:
  static ir::Import named(std::string module, std::string name, ir::ExternKind kind) {
    ir::Import imp;
    imp.module = std::move(module);
    imp.name = std::move(name);
    imp.kind = kind;
    return imp;
  }
};

// Compiled code whose function pointers are distinct addresses, one per
// defined function, so tests can check FuncInst::code wiring.
class FakeCode : public CompiledCode {
 public:
  explicit FakeCode(size_t n) : markers_(n) {}
  const void* function(uint32_t definedIndex) const override { return &markers_.at(definedIndex); }

 private:
  std::vector<char> markers_;
};

// An executor whose wasm functions are callbacks registered by function
// index (the same behaviour for every instance).
class FakeExecutor : public Executor {
 public:
  using Body = std::function<std::optional<Trap>(Store&, FuncInst&, std::span<const Value>, std::span<Value>)>;

  Result<std::unique_ptr<CompiledCode>> compile(const ir::Module& module) override {
    return std::unique_ptr<CompiledCode>(std::make_unique<FakeCode>(module.functions.size()));
  }
  std::optional<Trap> call(Store& store, FuncInst& func, std::span<const Value> args,
                           std::span<Value> results) override {
    ++calls;
    if (func.isHost()) {
      HostCallContext ctx{store, nullptr};
      return func.host(ctx, args, results);
    }
    auto it = bodies.find(func.index);
    if (it == bodies.end()) return Trap(TrapKind::Unreachable);
    return it->second(store, func, args, results);
  }

  std::map<uint32_t, Body> bodies;
  int calls = 0;
};

}  // namespace wasmcap::runtime::testing
