// What a host function knows about its caller: the store, and the wasm
// instance that called it (to reach its memory, say).
#pragma once
#include <optional>
#include <string_view>

#include "wasmcap/export.hpp"
#include "wasmcap/extern.hpp"
#include "wasmcap/instance.hpp"
#include "wasmcap/memory.hpp"
#include "wasmcap/result.hpp"

namespace wasmcap {

class Store;

class WASMCAP_API Caller {
 public:
  Store& store() const { return *store_; }
  // The calling instance; empty when the host called the function directly.
  std::optional<Instance> instance() const;
  // The calling instance's export "memory" (the convention WASI and most
  // toolchains follow); a Usage error when there is none.
  Result<Memory> memory() const;
  // Any export of the calling instance.
  Result<Extern> getExport(std::string_view name) const;

 private:
  friend struct ApiAccess;
  Caller(Store* store, void* instance) : store_(store), obj_(instance) {}
  Store* store_;
  void* obj_;  // the calling instance, or null
};

}  // namespace wasmcap
