// An Instance: a module instantiated in a store (Linker::instantiate), with
// its exports.
#pragma once
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "wasmcap/export.hpp"
#include "wasmcap/extern.hpp"
#include "wasmcap/func.hpp"
#include "wasmcap/module.hpp"
#include "wasmcap/result.hpp"

namespace wasmcap {

class Store;

class WASMCAP_API Instance {
 public:
  // Instantiates `module` with `imports` given in the order of the module's
  // imports (what the C API does); see Linker::instantiate for the errors.
  static Result<Instance> create(Store& store, const Module& module, std::span<const Extern> imports,
                                 std::string_view name = {});

  // An export by name: Usage error naming it when there is none, or when it
  // is of another kind than asked for.
  Result<Extern> getExport(std::string_view name) const;
  Result<Func> func(std::string_view name) const;
  Result<Memory> memory(std::string_view name) const;
  Result<Table> table(std::string_view name) const;
  Result<Global> global(std::string_view name) const;
  // An exported function with its signature checked, e.g.
  // typedFunc<int32_t(int32_t, int32_t)>("add").
  template <typename Signature>
  Result<TypedFunc<Signature>> typedFunc(std::string_view name) const {
    Result<Func> f = func(name);
    if (!f) return std::move(f).error();
    return f->typed<Signature>();
  }

  // Every export, in the module's order.
  std::vector<std::pair<std::string, Extern>> exports() const;
  // The name given at instantiation (used in backtraces).
  std::string name() const;

  Store& owner() const { return *store_; }
  friend bool operator==(const Instance& a, const Instance& b) { return a.obj_ == b.obj_; }

 private:
  friend struct ApiAccess;
  friend struct std::hash<Instance>;
  Instance(Store* store, void* obj) : store_(store), obj_(obj) {}
  Store* store_;
  void* obj_;
};

}  // namespace wasmcap

// Handles hash by the object they refer to (as operator== compares).
template <>
struct std::hash<wasmcap::Instance> {
  size_t operator()(const wasmcap::Instance& h) const noexcept { return std::hash<const void*>()(h.obj_); }
};
