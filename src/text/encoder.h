// Small writers for the binary format: LEB128 numbers, names, value types and
// sections. The text parser emits bytes directly through these.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "ir/types.h"

namespace wasmcap::text {

using Bytes = std::vector<uint8_t>;

void writeU32(Bytes& out, uint32_t value);
void writeU64(Bytes& out, uint64_t value);
void writeS32(Bytes& out, int32_t value);
void writeS64(Bytes& out, int64_t value);
void writeByte(Bytes& out, uint8_t value);
void writeBytes(Bytes& out, const Bytes& bytes);
void writeFixed32(Bytes& out, uint32_t value);  // little endian
void writeFixed64(Bytes& out, uint64_t value);
// A name or data string: u32 length then the bytes.
void writeName(Bytes& out, std::string_view name);
// The shorthand byte (i32, funcref, ...) or 0x63/0x64 and the heap type.
void writeValType(Bytes& out, ir::ValType type);
// A reference type's heap type (s33).
void writeHeapType(Bytes& out, ir::ValType type);
void writeLimits(Bytes& out, const ir::Limits& limits);
// Section `id` with `content` as payload (nothing written when skipIfEmpty
// and the content is empty).
void writeSection(Bytes& out, uint8_t id, const Bytes& content);
// An opcode, with its prefix and LEB128 sub-opcode when it has one.
void writeOpcode(Bytes& out, uint8_t prefix, uint32_t code);

}  // namespace wasmcap::text
