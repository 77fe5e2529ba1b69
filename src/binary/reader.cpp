#include "binary/reader.h"

#include "util/leb128.h"

namespace wasmcap::binary {

Result<uint64_t> Reader::unsignedLeb(unsigned bits) {
  uint64_t v;
  size_t len;
  switch (leb128::readUnsigned(p_, end_, bits, &v, &len)) {
    case leb128::Status::Ok: p_ += len; return v;
    case leb128::Status::Truncated: return malformed("unexpected end");
    case leb128::Status::TooLong: return malformed("integer representation too long");
    case leb128::Status::BadPadding: return malformed("integer too large");
  }
  return malformed("bad integer");
}

Result<int64_t> Reader::signedLeb(unsigned bits) {
  int64_t v;
  size_t len;
  switch (leb128::readSigned(p_, end_, bits, &v, &len)) {
    case leb128::Status::Ok: p_ += len; return v;
    case leb128::Status::Truncated: return malformed("unexpected end");
    case leb128::Status::TooLong: return malformed("integer representation too long");
    case leb128::Status::BadPadding: return malformed("integer too large");
  }
  return malformed("bad integer");
}

Result<uint32_t> Reader::u32Multibyte() {
  WASMCAP_TRY_ASSIGN(uint64_t v, unsignedLeb(32));
  return static_cast<uint32_t>(v);
}
Result<uint64_t> Reader::u64() { return unsignedLeb(64); }
Result<int32_t> Reader::s32Multibyte() {
  WASMCAP_TRY_ASSIGN(int64_t v, signedLeb(32));
  return static_cast<int32_t>(v);
}
Result<int64_t> Reader::s64Multibyte() { return signedLeb(64); }
Result<int64_t> Reader::s33() { return signedLeb(33); }

Result<void> Reader::bytes(void* out, size_t n) {
  if (remaining() < n) return malformed("unexpected end");
  std::memcpy(out, p_, n);
  p_ += n;
  return {};
}

Result<void> Reader::skip(size_t n) {
  if (remaining() < n) return malformed("unexpected end");
  p_ += n;
  return {};
}

Result<uint32_t> Reader::f32Bits() {
  uint32_t v = 0;
  WASMCAP_TRY(bytes(&v, 4));
  return v;  // little-endian host assumed (x86-64, aarch64)
}

Result<uint64_t> Reader::f64Bits() {
  uint64_t v = 0;
  WASMCAP_TRY(bytes(&v, 8));
  return v;
}

Result<std::string> Reader::name() {
  uint64_t at = offset();
  WASMCAP_TRY_ASSIGN(uint32_t len, u32());
  if (remaining() < len) return Error(ErrorCode::Malformed, "length out of bounds").at(at);
  std::string s(reinterpret_cast<const char*>(p_), len);
  if (!isValidUtf8(s)) return Error(ErrorCode::Malformed, "malformed UTF-8 encoding").at(at);
  p_ += len;
  return s;
}

Result<ir::ValType> Reader::valType() {
  WASMCAP_TRY_ASSIGN(uint8_t b, u8());
  switch (b) {
    case 0x7F: case 0x7E: case 0x7D: case 0x7C: case 0x7B: case 0x70: case 0x6F:
      return ir::ValType(static_cast<ir::TypeCode>(b));
    default:
      return extendedRefType(b, "malformed value type");
  }
}

Result<ir::ValType> Reader::refType() {
  WASMCAP_TRY_ASSIGN(uint8_t b, u8());
  if (b == 0x70 || b == 0x6F) return ir::ValType(static_cast<ir::TypeCode>(b));
  return extendedRefType(b, "malformed reference type");
}

// The 3.0 reference types after their first byte `b` (already read), when
// their feature is on; else `what` at that byte.
Result<ir::ValType> Reader::extendedRefType(uint8_t b, const char* what) {
  if (b == static_cast<uint8_t>(ir::TypeCode::ExnRef) && (refTypes_ & kExnRef)) return ir::ValType::exnref();
  if ((b == static_cast<uint8_t>(ir::TypeCode::Ref) || b == static_cast<uint8_t>(ir::TypeCode::RefNull)) &&
      (refTypes_ & kTypedRefs)) {
    return heapType(b == static_cast<uint8_t>(ir::TypeCode::RefNull));
  }
  --p_;
  return malformed(what);
}

Result<ir::ValType> Reader::heapType(bool nullable) {
  uint64_t at = offset();
  WASMCAP_TRY_ASSIGN(int64_t v, s33());
  if (v >= 0) {
    if (!(refTypes_ & kTypedRefs)) return Error(ErrorCode::Malformed, "malformed reference type").at(at);
    return ir::ValType::typedRef(static_cast<uint32_t>(v), nullable);
  }
  // The abstract heap types, as one-byte negative values.
  switch (static_cast<uint8_t>(v & 0x7F)) {
    case 0x70: return ir::ValType::ref(ir::TypeCode::FuncRef, nullable);
    case 0x6F: return ir::ValType::ref(ir::TypeCode::ExternRef, nullable);
    case 0x69:
      if (refTypes_ & kExnRef) return ir::ValType::ref(ir::TypeCode::ExnRef, nullable);
      break;
    default:
      break;
  }
  return Error(ErrorCode::Malformed, "malformed reference type").at(at);
}

bool isValidUtf8(std::string_view s) {
  size_t i = 0, n = s.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) { ++i; continue; }
    size_t len;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return false;
    if (i + len > n) return false;
    for (size_t k = 1; k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) return false;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

}  // namespace wasmcap::binary
