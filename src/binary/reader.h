// Bounds-checked cursor over a byte buffer, with the LEB128 and value-type
// readers the binary format needs. Every read reports a Malformed error with
// the absolute byte offset instead of reading past the end.
#pragma once
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "ir/types.h"
#include "util/result.h"

namespace wasmcap::binary {

class Reader {
 public:
  // `base` is the absolute offset of `begin` within the module (for messages).
  Reader(const uint8_t* begin, const uint8_t* end, uint64_t base = 0)
      : begin_(begin), p_(begin), end_(end), base_(base) {}

  uint64_t offset() const { return base_ + static_cast<uint64_t>(p_ - begin_); }
  size_t remaining() const { return static_cast<size_t>(end_ - p_); }
  bool atEnd() const { return p_ >= end_; }
  const uint8_t* pos() const { return p_; }

  // The one-byte paths are forced inline: the instruction reader calls them
  // for nearly every byte of code, and most LEB128 values fit in one byte.
  [[gnu::always_inline]] Result<uint8_t> u8() {
    if (p_ < end_) [[likely]] return *p_++;
    return malformed("unexpected end");
  }
  [[gnu::always_inline]] Result<uint32_t> u32() {  // unsigned LEB128, 32-bit
    if (p_ < end_ && *p_ < 0x80) [[likely]] return *p_++;
    return u32Multibyte();
  }
  Result<uint64_t> u64();  // unsigned LEB128, 64-bit
  Result<int32_t> s32() {  // signed LEB128; one byte holds -64..63
    if (p_ < end_ && *p_ < 0x80) [[likely]] return static_cast<int32_t>(oneByteSigned(*p_++));
    return s32Multibyte();
  }
  Result<int64_t> s64() {
    if (p_ < end_ && *p_ < 0x80) [[likely]] return oneByteSigned(*p_++);
    return s64Multibyte();
  }
  Result<int64_t> s33();   // block type index encoding
  Result<uint32_t> f32Bits();
  Result<uint64_t> f64Bits();
  Result<void> bytes(void* out, size_t n);
  Result<void> skip(size_t n);
  Result<std::string> name();  // vec(byte), must be valid UTF-8
  Result<ir::ValType> valType();
  Result<ir::ValType> refType();
  // A heap type (s33): a type index or an abstract heap type, as the
  // reference type it makes with `nullable`.
  Result<ir::ValType> heapType(bool nullable);

  // Which 3.0 reference types the type readers accept (bits below); all by
  // default, the decoder narrows them to the enabled features.
  static constexpr uint8_t kTypedRefs = 1;  // function-references: (ref null? ht)
  static constexpr uint8_t kExnRef = 2;     // exceptions: exnref
  void setRefTypes(uint8_t bits) { refTypes_ = bits; }
  uint8_t refTypes() const { return refTypes_; }

  Error malformed(std::string msg) const { return Error(ErrorCode::Malformed, std::move(msg)).at(offset()); }

 private:
  Result<uint64_t> unsignedLeb(unsigned bits);
  Result<uint32_t> u32Multibyte();
  Result<int32_t> s32Multibyte();
  Result<int64_t> s64Multibyte();
  // The value of a final LEB128 byte read alone: bit 6 is the sign.
  static int64_t oneByteSigned(uint8_t b) { return (b & 0x40) ? static_cast<int64_t>(b) - 0x80 : b; }
  Result<int64_t> signedLeb(unsigned bits);
  Result<ir::ValType> extendedRefType(uint8_t b, const char* what);

  const uint8_t* begin_;
  const uint8_t* p_;
  const uint8_t* end_;
  uint64_t base_;
  uint8_t refTypes_ = kTypedRefs | kExnRef;
};

bool isValidUtf8(std::string_view s);

}  // namespace wasmcap::binary
