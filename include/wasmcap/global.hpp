// A global variable.
#pragma once
#include <functional>
#include "wasmcap/export.hpp"
#include "wasmcap/result.hpp"
#include "wasmcap/types.hpp"
#include "wasmcap/value.hpp"

namespace wasmcap {

class Store;

class WASMCAP_API Global {
 public:
  // A global owned by the store; `value` must have the content type.
  static Result<Global> create(Store& store, const GlobalType& type, const Value& value);

  GlobalType type() const;
  Value get() const;
  // Usage error for an immutable global or a value of another type.
  Result<void> set(const Value& value) const;

  Store& owner() const { return *store_; }
  friend bool operator==(const Global& a, const Global& b) { return a.obj_ == b.obj_; }

 private:
  friend struct ApiAccess;
  friend struct std::hash<Global>;
  Global(Store* store, void* obj) : store_(store), obj_(obj) {}
  Store* store_;
  void* obj_;
};

}  // namespace wasmcap

// Handles hash by the object they refer to (as operator== compares).
template <>
struct std::hash<wasmcap::Global> {
  size_t operator()(const wasmcap::Global& h) const noexcept { return std::hash<const void*>()(h.obj_); }
};
