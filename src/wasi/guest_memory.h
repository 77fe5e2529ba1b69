// A bounds-checked view of the calling instance's linear memory. Every guest
// pointer and length goes through here: a range is valid only when it lies
// entirely within the current size, computed in 64 bits so ptr + len cannot
// wrap. Values are little endian and may be unaligned.
#pragma once
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace wasmcap::wasi {

class GuestMemory {
 public:
  GuestMemory() = default;
  GuestMemory(uint8_t* base, uint64_t size) : base_(base), size_(base ? size : 0) {}

  uint64_t size() const { return size_; }
  bool valid(uint64_t ptr, uint64_t len) const { return ptr <= size_ && len <= size_ - ptr; }

  // The host address of [ptr, ptr + len), or null when out of bounds.
  uint8_t* span(uint64_t ptr, uint64_t len) const { return valid(ptr, len) ? base_ + ptr : nullptr; }

  template <typename T>
  bool load(uint64_t ptr, T& out) const {
    const uint8_t* p = span(ptr, sizeof(T));
    if (!p) return false;
    std::memcpy(&out, p, sizeof(T));  // the host is little endian, as wasm
    return true;
  }
  template <typename T>
  bool store(uint64_t ptr, T value) const {
    uint8_t* p = span(ptr, sizeof(T));
    if (!p) return false;
    std::memcpy(p, &value, sizeof(T));
    return true;
  }
  bool write(uint64_t ptr, const void* data, uint64_t len) const {
    uint8_t* p = span(ptr, len);
    if (!p) return false;
    if (len) std::memcpy(p, data, len);
    return true;
  }
  bool readString(uint64_t ptr, uint64_t len, std::string& out) const {
    const uint8_t* p = span(ptr, len);
    if (!p) return false;
    out.assign(reinterpret_cast<const char*>(p), len);
    return true;
  }

 private:
  uint8_t* base_ = nullptr;
  uint64_t size_ = 0;
};

// True when `s` is well-formed UTF-8 (no overlongs, surrogates or values
// above U+10FFFF): WASI strings must be.
bool isValidUtf8(std::string_view s);

}  // namespace wasmcap::wasi
