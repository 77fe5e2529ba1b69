// Resolves imports by (module, name) and instantiates modules.
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "runtime/instance.h"
#include "runtime/store.h"
#include "util/result.h"

namespace wasmcap::runtime {

class Linker {
 public:
  void define(const std::string& module, const std::string& name, Extern ext);
  // Make every export of `instance` importable as (moduleName, exportName).
  void defineInstance(const std::string& moduleName, const Instance& instance);
  const Extern* find(const std::string& module, const std::string& name) const;

  // Instantiate: resolve imports (Unlinkable on a missing or mismatched one),
  // create memories/tables/globals, apply active segments in order and run
  // the start function (Uninstantiable on an out-of-bounds segment or a trap;
  // effects of earlier segments stay, as the spec says). Definitions in
  // `preferred`, when given, come before this linker's (an instance's own
  // WASI functions, say).
  Result<Instance*> instantiate(Store& store, std::shared_ptr<const CompiledModule> module,
                                const std::string& name = {}, const Linker* preferred = nullptr);

 private:
  // Module name -> field name -> definition; looked up without copying names.
  std::map<std::string, std::map<std::string, Extern, std::less<>>, std::less<>> defs_;
};

// Instantiate with `imports` already resolved, in the order of the module's
// imports (each checked against its import's type, as by Linker::instantiate).
Result<Instance*> instantiateWithImports(Store& store, std::shared_ptr<const CompiledModule> module,
                                         const std::vector<Extern>& imports, const std::string& name = {});

// Decode, validate (with the executor's features) and compile `bytes`.
Result<std::shared_ptr<const CompiledModule>> loadModule(Executor& executor, std::vector<uint8_t> bytes);

// Call an exported or any function through the store's executor.
std::optional<Trap> invoke(Store& store, FuncInst& func, std::span<const Value> args, std::vector<Value>& results);

}  // namespace wasmcap::runtime
