// A module instance: the module's index spaces resolved to store objects.
// The interpreter reads these vectors directly, so they stay plain.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ir/module.h"
#include "runtime/executor.h"
#include "runtime/memory.h"
#include "runtime/objects.h"

namespace wasmcap::runtime {

class Store;

// A module after validation and compilation, ready to instantiate any number
// of times. Immutable and shared by its instances.
struct CompiledModule {
  ir::Module module;
  std::unique_ptr<CompiledCode> code;
};

class Instance {
 public:
  std::shared_ptr<const CompiledModule> compiled;
  const ir::Module& module() const { return compiled->module; }
  std::string name;  // registered name, for backtraces
  Store* store = nullptr;  // the store the instance lives in

  std::vector<FuncInst*> funcs;
  std::vector<Table*> tables;
  std::vector<Memory*> memories;
  std::vector<Global*> globals;
  std::vector<TagInst*> tags;
  std::vector<uint32_t> typeIds;  // canonical id of each module type index

  // Passive element segments as resolved references; a dropped segment is empty.
  std::vector<std::vector<Ref>> elemSegments;
  // Passive data segments as byte ranges of the module; a dropped one has size 0.
  std::vector<ir::ByteSpan> dataSegments;

  // The execution tier's per-instance state (the LLVM tier's instance
  // context), created by the tier on first use.
  std::shared_ptr<void> tierState;

  // Keyed by the export names of `compiled->module`, which outlives the map.
  std::unordered_map<std::string_view, Extern> exports;

  const Extern* findExport(std::string_view exportName) const {
    auto it = exports.find(exportName);
    return it == exports.end() ? nullptr : &it->second;
  }
};

}  // namespace wasmcap::runtime
