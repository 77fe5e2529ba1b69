// Module-level validation: index spaces, limits, globals, segments, exports,
// the start function; then every function body.
#include "validate/validator.h"

#include <algorithm>
#include <string_view>

#include "validate/const_expr.h"
#include "validate/context.h"
#include "validate/func_validator.h"

namespace wasmcap::validate {
namespace {

using ir::ValType;

Error invalid(std::string message, std::string_view section) {
  return Error(ErrorCode::Invalid, std::move(message)).inSection(section);
}

std::string str(uint64_t n) { return std::to_string(n); }

Result<void> checkLimits(const ir::Limits& limits, uint64_t range, const std::string& rangeMessage,
                         std::string_view section) {
  if (limits.min > range) return invalid(rangeMessage, section);
  if (limits.max) {
    if (*limits.max > range) return invalid(rangeMessage, section);
    if (limits.min > *limits.max) return invalid("size minimum must not be greater than maximum", section);
  }
  return {};
}

Result<void> checkMemoryType(const ir::MemoryType& mem) {
  if (mem.limits.shared && !mem.limits.max) return invalid("shared memory must have maximum", "memory");
  if (mem.limits.is64) {
    return checkLimits(mem.limits, uint64_t{1} << 48, "memory size must be at most 2^48 pages", "memory");
  }
  return checkLimits(mem.limits, ir::kMaxPages32, "memory size must be at most 65536 pages (4GiB)", "memory");
}

Result<void> checkTableType(const ModuleContext& ctx, const ir::TableType& table) {
  if (!table.elem.isRef()) return invalid("malformed reference type: table of " + typeName(table.elem), "table");
  if (std::string e = ctx.checkValType(table.elem); !e.empty()) return invalid(e, "table");
  uint64_t range = table.limits.is64 ? ~uint64_t{0} : uint64_t{0xFFFFFFFF};
  return checkLimits(table.limits, range, "table size must be at most 2^32-1", "table");
}

class ModuleValidator {
 public:
  ModuleValidator(const ir::Module& m, const Features& f) : m_(m), ctx_(m, f), exprs_(ctx_) {}

  Result<void> run() {
    WASMCAP_TRY(checkShape());
    WASMCAP_TRY(checkTypes());
    WASMCAP_TRY(checkFunctionTypes());
    WASMCAP_TRY(checkTablesAndMemories());
    WASMCAP_TRY(checkGlobals());
    WASMCAP_TRY(checkExports());
    WASMCAP_TRY(checkStart());
    WASMCAP_TRY(checkElems());
    WASMCAP_TRY(checkDatas());
    FunctionValidator bodies(ctx_);
    for (uint32_t i = m_.importedFuncs; i < ctx_.numFuncs(); ++i) WASMCAP_TRY(bodies.validate(i));
    return {};
  }

 private:
  // The decoder guarantees these; checking them keeps a hand-built module
  // from sending the validator out of bounds.
  Result<void> checkShape() {
    auto internal = [](std::string msg) { return Error(ErrorCode::Internal, "inconsistent module: " + std::move(msg)); };
    if (m_.importedFuncs > m_.funcTypes.size() || m_.functions.size() != m_.funcTypes.size() - m_.importedFuncs)
      return internal("function index space and defined functions disagree");
    if (m_.importedGlobals > m_.globalTypes.size() || m_.globals.size() != m_.globalTypes.size() - m_.importedGlobals)
      return internal("global index space and defined globals disagree");
    auto inBytes = [&](const ir::ByteSpan& s) { return s.offset <= m_.bytes.size() && s.size <= m_.bytes.size() - s.offset; };
    for (const ir::Function& f : m_.functions)
      if (!inBytes(f.body)) return internal("function body outside the module bytes");
    for (const ir::Global& g : m_.globals)
      if (!inBytes(g.init.code)) return internal("global initializer outside the module bytes");
    for (const ir::ElemSegment& e : m_.elems) {
      if (!inBytes(e.offset.code)) return internal("element offset outside the module bytes");
      for (const ir::ConstExpr& item : e.items)
        if (!inBytes(item.code)) return internal("element item outside the module bytes");
    }
    for (const ir::DataSegment& d : m_.datas)
      if (!inBytes(d.offset.code)) return internal("data offset outside the module bytes");
    return {};
  }

  // Every reference type names a type that exists.
  Result<void> checkTypes() {
    for (const ir::SubType& t : m_.types) {
      for (const auto* list : {&t.func.params, &t.func.results}) {
        for (ValType v : *list) {
          if (std::string e = ctx_.checkValType(v); !e.empty()) return invalid(e, "type");
        }
      }
    }
    for (const ir::GlobalType& g : m_.globalTypes) {
      if (std::string e = ctx_.checkValType(g.type); !e.empty()) return invalid(e, "global");
    }
    for (const ir::ElemSegment& seg : m_.elems) {
      if (std::string e = ctx_.checkValType(seg.type); !e.empty()) return invalid(e, "elem");
    }
    return {};
  }

  Result<void> checkFunctionTypes() {
    for (uint32_t i = 0; i < ctx_.numFuncs(); ++i) {
      if (m_.funcTypes[i] >= ctx_.numTypes()) {
        return invalid("unknown type " + str(m_.funcTypes[i]) + " (of func[" + str(i) + "])",
                       i < m_.importedFuncs ? "import" : "function");
      }
    }
    for (const ir::TagType& tag : m_.tags) {
      if (tag.typeIndex >= ctx_.numTypes()) return invalid("unknown type " + str(tag.typeIndex), "tag");
      if (!m_.types[tag.typeIndex].func.results.empty()) {
        return invalid("non-empty tag result type " + ir::funcTypeToString(m_.types[tag.typeIndex].func), "tag");
      }
    }
    return {};
  }

  Result<void> checkTablesAndMemories() {
    for (uint32_t i = 0; i < m_.tables.size(); ++i) {
      const ir::TableType& t = m_.tables[i];
      WASMCAP_TRY(checkTableType(ctx_, t));
      auto init = m_.tableInits.find(i);
      if (init != m_.tableInits.end()) {
        // (Like 2.0's segment offsets, it sees the imported globals only.)
        WASMCAP_TRY(withSection(
            exprs_.validate(init->second, t.elem, "table " + str(i) + " initializer", m_.importedGlobals), "table"));
      } else if (i >= m_.importedTables && !t.elem.defaultable()) {
        return invalid("type mismatch: table " + str(i) + " of " + typeName(t.elem) + " needs an initializer", "table");
      }
    }
    for (const ir::MemoryType& mem : m_.memories) WASMCAP_TRY(checkMemoryType(mem));
    if (m_.memories.size() > 1 && !ctx_.features.multiMemory) return invalid("multiple memories", "memory");
    return {};
  }

  Result<void> checkGlobals() {
    for (size_t i = 0; i < m_.globals.size(); ++i) {
      const ir::Global& g = m_.globals[i];
      const uint32_t index = m_.importedGlobals + static_cast<uint32_t>(i);
      WASMCAP_TRY(withSection(exprs_.validate(g.init, g.type.type, "global " + str(index) + " initializer", index),
                              "global"));
    }
    return {};
  }

  Result<void> checkExports() {
    std::vector<std::string_view> names;
    names.reserve(m_.exports.size());
    for (const ir::Export& e : m_.exports) {
      const std::string where = " (export \"" + e.name + "\")";
      switch (e.kind) {
        case ir::ExternKind::Func:
          if (e.index >= ctx_.numFuncs()) return invalid("unknown function " + str(e.index) + where, "export");
          ctx_.declaredFuncs[e.index] = 1;
          break;
        case ir::ExternKind::Table:
          if (e.index >= ctx_.numTables()) return invalid("unknown table " + str(e.index) + where, "export");
          break;
        case ir::ExternKind::Memory:
          if (e.index >= ctx_.numMemories()) return invalid("unknown memory " + str(e.index) + where, "export");
          break;
        case ir::ExternKind::Global:
          if (e.index >= ctx_.numGlobals()) return invalid("unknown global " + str(e.index) + where, "export");
          break;
        case ir::ExternKind::Tag:
          if (e.index >= m_.tags.size()) return invalid("unknown tag " + str(e.index) + where, "export");
          break;
      }
      names.push_back(e.name);
    }
    std::sort(names.begin(), names.end());
    auto dup = std::adjacent_find(names.begin(), names.end());
    if (dup != names.end()) return invalid("duplicate export name \"" + std::string(*dup) + "\"", "export");
    return {};
  }

  Result<void> checkStart() {
    if (!m_.start) return {};
    uint32_t f = *m_.start;
    if (f >= ctx_.numFuncs()) return invalid("unknown function " + str(f) + " (start)", "start");
    const ir::FuncType& t = m_.funcType(f);
    if (!t.params.empty() || !t.results.empty())
      return invalid("start function must have type [] -> [], func[" + str(f) + "] has " + ir::funcTypeToString(t), "start");
    return {};
  }

  Result<void> checkElems() {
    for (size_t i = 0; i < m_.elems.size(); ++i) {
      const ir::ElemSegment& e = m_.elems[i];
      const std::string name = "elem segment " + str(i);
      if (!e.type.isRef()) return invalid("malformed reference type in " + name, "elem");
      if (e.mode == ir::SegmentMode::Active) {
        if (e.table >= ctx_.numTables()) return invalid("unknown table " + str(e.table) + " (in " + name + ")", "elem");
        WASMCAP_TRY(withSection(exprs_.validate(e.offset, ctx_.tableAddrType(e.table), name + " offset"), "elem"));
        const ValType tableElem = m_.tables[e.table].elem, segElem = ctx_.elemType(static_cast<uint32_t>(i));
        if (!ctx_.matches(segElem, tableElem)) {
          return invalid("type mismatch: " + name + " of " + typeName(segElem) + " for a table of " + typeName(tableElem), "elem");
        }
      }
      if (e.usesExprs) {
        for (const ir::ConstExpr& item : e.items) {
          WASMCAP_TRY(withSection(exprs_.validate(item, e.type, name + " item"), "elem"));
        }
      } else {
        if (!(e.type == ValType::funcref()))
          return invalid("type mismatch: function indices in " + name + " of " + typeName(e.type), "elem");
        for (uint32_t f : e.funcIndices) {
          if (f >= ctx_.numFuncs()) return invalid("unknown function " + str(f) + " (in " + name + ")", "elem");
          ctx_.declaredFuncs[f] = 1;
        }
      }
    }
    return {};
  }

  Result<void> checkDatas() {
    for (size_t i = 0; i < m_.datas.size(); ++i) {
      const ir::DataSegment& d = m_.datas[i];
      if (d.mode != ir::SegmentMode::Active) continue;
      const std::string name = "data segment " + str(i);
      if (d.memory >= ctx_.numMemories()) return invalid("unknown memory " + str(d.memory) + " (in " + name + ")", "data");
      WASMCAP_TRY(withSection(exprs_.validate(d.offset, ctx_.memoryAddrType(d.memory), name + " offset"), "data"));
    }
    return {};
  }

  static Result<void> withSection(Result<void> r, std::string_view section) {
    if (r.ok()) return r;
    Error e = std::move(r).error();
    if (e.section.empty()) e.inSection(section);
    return e;
  }

  const ir::Module& m_;
  ModuleContext ctx_;
  ConstExprValidator exprs_;
};

}  // namespace

Result<void> validateModule(const ir::Module& module, const Features& features) {
  return ModuleValidator(module, features).run();
}

}  // namespace wasmcap::validate
