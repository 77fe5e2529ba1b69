#include "runtime/linker.h"

namespace wasmcap::runtime {

void Linker::define(const std::string& module, const std::string& name, Extern ext) {
  auto byModule = defs_.find(module);
  if (byModule == defs_.end()) byModule = defs_.emplace(module, std::map<std::string, Extern, std::less<>>{}).first;
  byModule->second.insert_or_assign(name, ext);
}

void Linker::defineInstance(const std::string& moduleName, const Instance& instance) {
  for (const auto& [exportName, ext] : instance.exports) define(moduleName, std::string(exportName), ext);
}

const Extern* Linker::find(const std::string& module, const std::string& name) const {
  auto byModule = defs_.find(module);
  if (byModule == defs_.end()) return nullptr;
  auto it = byModule->second.find(name);
  return it == byModule->second.end() ? nullptr : &it->second;
}

std::optional<Trap> invoke(Store& store, FuncInst& func, std::span<const Value> args, std::vector<Value>& results) {
  const ir::FuncType& type = func.type;
  if (args.size() != type.params.size()) {
    return Trap(TrapKind::Host, "wrong number of arguments: expected " + std::to_string(type.params.size()) +
                                    ", got " + std::to_string(args.size()));
  }
  for (size_t i = 0; i < args.size(); ++i) {
    // A reference argument fits a typed reference parameter of its kind
    // unless it is null and the parameter is not nullable.
    const ir::ValType want = type.params[i];
    bool fits = args[i].type == want ||
                (want.isRef() && args[i].type.code == want.code && (want.nullable || args[i].raw.ref != nullptr));
    if (!fits) {
      return Trap(TrapKind::Host, "argument " + std::to_string(i) + " has type " + ir::valTypeString(args[i].type) +
                                      ", expected " + ir::valTypeString(type.params[i]));
    }
  }
  results.clear();
  for (const ir::ValType& t : type.results) results.push_back(Value::zero(t));
  return store.executor().call(store, func, args, results);
}

}  // namespace wasmcap::runtime
