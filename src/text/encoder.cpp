#include "text/encoder.h"

#include "util/leb128.h"

namespace wasmcap::text {

void writeU32(Bytes& out, uint32_t value) { leb128::writeUnsigned(out, value); }
void writeU64(Bytes& out, uint64_t value) { leb128::writeUnsigned(out, value); }
void writeS32(Bytes& out, int32_t value) { leb128::writeSigned(out, value); }
void writeS64(Bytes& out, int64_t value) { leb128::writeSigned(out, value); }
void writeByte(Bytes& out, uint8_t value) { out.push_back(value); }
void writeBytes(Bytes& out, const Bytes& bytes) { out.insert(out.end(), bytes.begin(), bytes.end()); }

void writeFixed32(Bytes& out, uint32_t value) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<uint8_t>(value >> (8 * i)));
}

void writeFixed64(Bytes& out, uint64_t value) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<uint8_t>(value >> (8 * i)));
}

void writeName(Bytes& out, std::string_view name) {
  writeU32(out, static_cast<uint32_t>(name.size()));
  out.insert(out.end(), name.begin(), name.end());
}

void writeHeapType(Bytes& out, ir::ValType type) {
  if (type.isConcrete()) {
    writeS64(out, type.heapIndex);  // s33
  } else {
    out.push_back(static_cast<uint8_t>(type.code));  // one-byte negative s33
  }
}

void writeValType(Bytes& out, ir::ValType type) {
  if (type.isRef() && (!type.nullable || type.isConcrete())) {
    out.push_back(static_cast<uint8_t>(type.nullable ? ir::TypeCode::RefNull : ir::TypeCode::Ref));
    writeHeapType(out, type);
    return;
  }
  out.push_back(static_cast<uint8_t>(type.code));
}

void writeLimits(Bytes& out, const ir::Limits& limits) {
  uint8_t flags = limits.max ? 1 : 0;
  if (limits.shared) flags |= 2;
  if (limits.is64) flags |= 4;
  out.push_back(flags);
  writeU64(out, limits.min);
  if (limits.max) writeU64(out, *limits.max);
}

void writeSection(Bytes& out, uint8_t id, const Bytes& content) {
  out.push_back(id);
  writeU32(out, static_cast<uint32_t>(content.size()));
  writeBytes(out, content);
}

void writeOpcode(Bytes& out, uint8_t prefix, uint32_t code) {
  if (prefix == 0) {
    out.push_back(static_cast<uint8_t>(code));
  } else {
    out.push_back(prefix);
    writeU32(out, code);
  }
}

}  // namespace wasmcap::text
