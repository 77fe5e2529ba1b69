// A Linker resolves a module's imports by (module, name) and instantiates it.
// It belongs to one store: everything defined in it lives there.
//
//   wasmcap::Linker linker(store);
//   linker.func("env", "log", [](wasmcap::Caller& c, int32_t ptr, int32_t len) { ... });
//   linker.defineWasi(wasiConfig);
//   wasmcap::Result<wasmcap::Instance> instance = linker.instantiate(module);
#pragma once
#include <memory>
#include <string_view>

#include "wasmcap/export.hpp"
#include "wasmcap/extern.hpp"
#include "wasmcap/func.hpp"
#include "wasmcap/instance.hpp"
#include "wasmcap/module.hpp"
#include "wasmcap/result.hpp"

namespace wasmcap {

class Store;
namespace wasi {
struct Config;
}

class WASMCAP_API Linker {
 public:
  explicit Linker(Store& store);
  ~Linker();
  Linker(Linker&&) noexcept;
  Linker& operator=(Linker&&) noexcept;

  Store& store() const;

  // Make `ext` importable as (module, name); a later definition of the same
  // pair replaces the earlier one. Usage error for an object of another store.
  Result<void> define(std::string_view module, std::string_view name, const Extern& ext);
  // Every export of `instance` importable under module name `module`.
  Result<void> defineInstance(std::string_view module, const Instance& instance);
  // A host function from a typed callable (see Func::wrap).
  template <typename F>
  Result<void> func(std::string_view module, std::string_view name, F&& fn) {
    return define(module, name, Func::wrap(store(), std::forward<F>(fn)));
  }
  // A host function of an explicit type (see Func::create).
  Result<void> funcUntyped(std::string_view module, std::string_view name, FuncType type, HostFunction fn);

  // WASI preview1 ("wasi_snapshot_preview1"), bound to one WASI context built
  // from `config` and shared by every instance the linker makes: the program
  // gets what the config grants and nothing else. The functions a module
  // imports are created when it is instantiated. Io when a preopened
  // directory cannot be opened; Usage when WASI was already defined in this
  // linker.
  Result<void> defineWasi(const wasi::Config& config);

  // Resolve the imports of `module`, create its objects, apply its segments
  // and run its start function. Unlinkable when an import is missing or has
  // another type; Uninstantiable when a segment does not fit or the start
  // function traps (the Error then carries the trap); Exhaustion when a
  // memory or table exceeds the store's limits. `name` names the instance
  // in backtraces and audit records.
  Result<Instance> instantiate(const Module& module, std::string_view name = {});

  // The same, with a WASI context of the instance's own built from `wasi`
  // (a nanoprocess): its wasi_snapshot_preview1 imports are bound to that
  // context alone, whatever defineWasi holds, and its "wasmcap" "fd_give"
  // import hands descriptors to the other instances instantiated this way
  // (see nanoprocess.hpp). Its other imports come from the linker. Usage
  // error when an instance of that name already has its own context here.
  // Make its exports importable by others with defineInstance(name, ...).
  Result<Instance> instantiate(const Module& module, std::string_view name, const wasi::Config& wasi);

  struct Impl;

 private:
  friend struct ApiAccess;
  std::unique_ptr<Impl> impl_;
};

}  // namespace wasmcap
