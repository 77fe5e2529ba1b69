// instantiateNanoprocesses: each part its own instance with its own WASI
// context, instantiated after the parts it imports from.
#include <map>
#include <optional>

#include "api/impl.h"

namespace wasmcap {
namespace {

// An error of one part, naming it.
Error inPart(Error error, const std::string& name) {
  error.message = "nanoprocess \"" + name + "\": " + error.message;
  return error;
}

// Depth-first: a part comes after everything it imports from. `state` is 0
// (not visited), 1 (on the current path) or 2 (done); `path` holds the
// current chain, to name a cycle.
Result<void> visit(size_t i, const std::vector<std::vector<size_t>>& deps, std::span<const Nanoprocess> parts,
                   std::vector<int>& state, std::vector<size_t>& path, std::vector<size_t>& order) {
  if (state[i] == 2) return {};
  path.push_back(i);
  if (state[i] == 1) {
    std::string chain;
    for (auto it = std::find(path.begin(), path.end(), i); it != path.end(); ++it)
      chain += (chain.empty() ? "" : " -> ") + parts[*it].name;
    return Error(ErrorCode::Unlinkable, "the nanoprocesses import from each other in a cycle: " + chain);
  }
  state[i] = 1;
  for (size_t d : deps[i]) WASMCAP_TRY(visit(d, deps, parts, state, path, order));
  state[i] = 2;
  path.pop_back();
  order.push_back(i);
  return {};
}

}  // namespace

Result<std::vector<Instance>> instantiateNanoprocesses(Linker& linker, std::span<const Nanoprocess> parts) {
  std::map<std::string, size_t, std::less<>> byName;
  for (size_t i = 0; i < parts.size(); ++i)
    if (!byName.emplace(parts[i].name, i).second)
      return Error(ErrorCode::Usage, "two nanoprocesses are named \"" + parts[i].name + "\"");
  std::vector<std::vector<size_t>> deps(parts.size());
  for (size_t i = 0; i < parts.size(); ++i)
    for (const ImportType& import : parts[i].module.imports())
      if (auto it = byName.find(import.module); it != byName.end() &&
          std::find(deps[i].begin(), deps[i].end(), it->second) == deps[i].end())
        deps[i].push_back(it->second);

  std::vector<int> state(parts.size(), 0);
  std::vector<size_t> path, order;
  for (size_t i = 0; i < parts.size(); ++i) WASMCAP_TRY(visit(i, deps, parts, state, path, order));

  std::vector<std::optional<Instance>> made(parts.size());
  for (size_t i : order) {
    const Nanoprocess& part = parts[i];
    Result<Instance> instance = linker.instantiate(part.module, part.name, part.wasi);
    if (!instance) return inPart(std::move(instance).error(), part.name);
    // A reactor sets itself up before anything calls it.
    if (Result<Func> init = instance->func("_initialize")) {
      if (Result<std::vector<Value>> r = init->call({}); !r) return inPart(std::move(r).error(), part.name);
    }
    WASMCAP_TRY(linker.defineInstance(part.name, *instance));
    made[i] = *instance;
  }
  std::vector<Instance> out;
  out.reserve(parts.size());
  for (auto& m : made) out.push_back(*m);
  return out;
}

}  // namespace wasmcap
