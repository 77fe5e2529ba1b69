// A linear memory. Its bytes are reserved at creation for the largest size
// it can reach, so data() stays valid when it grows; accesses through the
// checked helpers never reach beyond size().
#pragma once
#include <functional>
#include <cstdint>
#include <cstring>
#include <span>
#include <type_traits>

#include "wasmcap/export.hpp"
#include "wasmcap/result.hpp"
#include "wasmcap/types.hpp"

namespace wasmcap {

class Store;

class WASMCAP_API Memory {
 public:
  // A memory owned by the store, e.g. to import into a module. Exhaustion
  // when its minimum exceeds StoreLimits::maxMemoryBytes.
  static Result<Memory> create(Store& store, const MemoryType& type);

  MemoryType type() const;  // with the current size as its minimum
  uint8_t* data() const;
  uint64_t size() const;    // in bytes
  uint64_t pages() const;   // in 64 KiB pages

  // Grows by `deltaPages`; returns the previous size in pages. Exhaustion
  // beyond the memory's maximum or StoreLimits::maxMemoryBytes.
  Result<uint64_t> grow(uint64_t deltaPages) const;

  // Bounds-checked access: a Usage error when [offset, offset + length) is
  // not inside the memory. A span stays valid until the store is gone (the
  // memory never shrinks or moves).
  Result<std::span<uint8_t>> span(uint64_t offset, uint64_t length) const;
  Result<void> read(uint64_t offset, std::span<uint8_t> out) const;
  Result<void> write(uint64_t offset, std::span<const uint8_t> bytes) const;
  // A little-endian value of a trivially copyable type at `offset`.
  template <typename T>
  Result<T> load(uint64_t offset) const {
    static_assert(std::is_trivially_copyable_v<T>);
    T value;
    Result<void> r = read(offset, std::span<uint8_t>(reinterpret_cast<uint8_t*>(&value), sizeof(T)));
    if (!r) return std::move(r).error();
    return value;
  }
  template <typename T>
  Result<void> store(uint64_t offset, const T& value) const {
    static_assert(std::is_trivially_copyable_v<T>);
    return write(offset, std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(&value), sizeof(T)));
  }

  Store& owner() const { return *store_; }
  friend bool operator==(const Memory& a, const Memory& b) { return a.obj_ == b.obj_; }

 private:
  friend struct ApiAccess;
  friend struct std::hash<Memory>;
  Memory(Store* store, void* obj) : store_(store), obj_(obj) {}
  Store* store_;
  void* obj_;
};

}  // namespace wasmcap

// Handles hash by the object they refer to (as operator== compares).
template <>
struct std::hash<wasmcap::Memory> {
  size_t operator()(const wasmcap::Memory& h) const noexcept { return std::hash<const void*>()(h.obj_); }
};
