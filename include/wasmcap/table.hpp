// A table of references (funcref or externref).
#pragma once
#include <functional>
#include <cstdint>

#include "wasmcap/export.hpp"
#include "wasmcap/result.hpp"
#include "wasmcap/types.hpp"
#include "wasmcap/value.hpp"

namespace wasmcap {

class Store;

class WASMCAP_API Table {
 public:
  // A table owned by the store, every element `init` (which must have the
  // element type). Exhaustion when its minimum exceeds StoreLimits::maxTableElements.
  static Result<Table> create(Store& store, const TableType& type, const Value& init);

  TableType type() const;  // with the current size as its minimum
  uint64_t size() const;

  // Usage error when `index` is out of bounds or `value` has the wrong type.
  Result<Value> get(uint64_t index) const;
  Result<void> set(uint64_t index, const Value& value) const;
  // Grows by `delta` elements set to `init`; returns the previous size.
  // Exhaustion beyond the table's maximum or StoreLimits::maxTableElements.
  Result<uint64_t> grow(uint64_t delta, const Value& init) const;

  Store& owner() const { return *store_; }
  friend bool operator==(const Table& a, const Table& b) { return a.obj_ == b.obj_; }

 private:
  friend struct ApiAccess;
  friend struct std::hash<Table>;
  Table(Store* store, void* obj) : store_(store), obj_(obj) {}
  Store* store_;
  void* obj_;
};

}  // namespace wasmcap

// Handles hash by the object they refer to (as operator== compares).
template <>
struct std::hash<wasmcap::Table> {
  size_t operator()(const wasmcap::Table& h) const noexcept { return std::hash<const void*>()(h.obj_); }
};
