// Extern: any of the objects a module imports or exports.
#pragma once
#include <functional>
#include <optional>

#include "wasmcap/export.hpp"
#include "wasmcap/func.hpp"
#include "wasmcap/global.hpp"
#include "wasmcap/memory.hpp"
#include "wasmcap/table.hpp"
#include "wasmcap/types.hpp"

namespace wasmcap {

class WASMCAP_API Extern {
 public:
  Extern(const Func& f);
  Extern(const Table& t);
  Extern(const Memory& m);
  Extern(const Global& g);

  ExternKind kind() const { return kind_; }
  ExternType type() const;
  // The object, when it is of that kind.
  std::optional<Func> func() const;
  std::optional<Table> table() const;
  std::optional<Memory> memory() const;
  std::optional<Global> global() const;

  friend bool operator==(const Extern& a, const Extern& b) { return a.kind_ == b.kind_ && a.obj_ == b.obj_; }

 private:
  friend struct ApiAccess;
  friend struct std::hash<Extern>;
  Extern(ExternKind kind, Store* store, void* obj) : kind_(kind), store_(store), obj_(obj) {}
  ExternKind kind_;
  Store* store_;
  void* obj_;
};

}  // namespace wasmcap

template <>
struct std::hash<wasmcap::Extern> {
  size_t operator()(const wasmcap::Extern& h) const noexcept { return std::hash<const void*>()(h.obj_); }
};
