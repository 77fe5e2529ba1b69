#include "validate/context.h"
#include "validate/op_table.h"

#include <unordered_map>

namespace wasmcap::validate {

const std::vector<uint32_t>& ModuleContext::canonicalTypes() const {
  if (canonical_.size() == module.types.size()) return canonical_;
  canonical_.clear();
  std::unordered_map<std::string, uint32_t> first;
  for (uint32_t i = 0; i < module.types.size(); ++i) {
    // The type's encoding with each concrete heap type replaced by its
    // canonical index (or "self").
    std::string key;
    auto add = [&](const std::vector<ir::ValType>& ts) {
      key += static_cast<char>(ts.size());
      for (ir::ValType t : ts) {
        key += static_cast<char>(t.code);
        key += t.nullable ? 'n' : 'r';
        uint32_t h = !t.isConcrete() ? ~0u : t.heapIndex == i ? ~1u : t.heapIndex < i ? canonical_[t.heapIndex] : t.heapIndex;
        key.append(reinterpret_cast<const char*>(&h), sizeof h);
      }
    };
    add(module.types[i].func.params);
    key += ':';
    add(module.types[i].func.results);
    canonical_.push_back(first.emplace(std::move(key), i).first->second);
  }
  return canonical_;
}

bool ModuleContext::sameType(uint32_t a, uint32_t b) const {
  if (a == b) return true;
  const std::vector<uint32_t>& c = canonicalTypes();
  return a < c.size() && b < c.size() && c[a] == c[b];
}

bool ModuleContext::refSubtype(ir::ValType a, ir::ValType b) const {
  if (a.code == kUnknownCode || b.code == kUnknownCode) return true;
  if (!a.isRef() || !b.isRef() || a.code != b.code) return false;
  if (a.nullable && !b.nullable) return false;
  if (!b.isConcrete()) return true;
  return a.isConcrete() && sameType(a.heapIndex, b.heapIndex);
}

std::string ModuleContext::checkValType(ir::ValType t) const {
  if (t.isConcrete() && t.heapIndex >= module.types.size()) return "unknown type " + std::to_string(t.heapIndex);
  return {};
}

std::string typeName(ir::ValType t) {
  if (t.code == kUnknownCode) return "any";
  return ir::valTypeString(t);
}

std::string typeListName(std::span<const ir::ValType> types) {
  std::string s = "[";
  for (size_t i = 0; i < types.size(); ++i) {
    if (i) s += ' ';
    s += typeName(types[i]);
  }
  return s + "]";
}

}  // namespace wasmcap::validate
