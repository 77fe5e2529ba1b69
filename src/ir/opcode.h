// Opcode enumeration and metadata, expanded from opcodes.def.
#pragma once
#include <array>
#include <cstdint>
#include <string_view>

namespace wasmcap::ir {

// Kinds of immediate operands following an opcode in the binary format.
enum class Imm : uint8_t {
  None,
  Block,         // blocktype: 0x40 | valtype | s33 type index
  Label,         // u32 label depth
  BrTable,       // vec(u32) + default u32
  Func,          // u32 function index
  CallIndirect,  // u32 type index, u32 table index
  Local,         // u32 local index
  Global,        // u32 global index
  Table,         // u32 table index
  Memarg,        // u32 align flags (bit 6 set: a u32 memory index follows), [memidx], u64 offset (u32 for 32-bit memories)
  Memory,        // u32 memory index (a single 0x00 byte in 2.0)
  I32,           // s32
  I64,           // s64
  F32,           // 4 bytes little endian
  F64,           // 8 bytes little endian
  V128,          // 16 bytes
  Lane,          // u8 lane index
  MemargLane,    // memarg then u8 lane index
  Shuffle,       // 16 u8 lane indices
  HeapType,      // ref.null heap type
  SelectT,       // vec(valtype)
  MemoryInit,    // u32 data index, u32 memory index
  Data,          // u32 data index
  MemoryCopy,    // u32 dst memory index, u32 src memory index
  TableInit,     // u32 elem index, u32 table index
  Elem,          // u32 elem index
  TableCopy,     // u32 dst table index, u32 src table index
  Fence,         // a reserved 0x00 byte (atomic.fence)
  TypeIdx,       // u32 type index (call_ref, return_call_ref)
  Tag,           // u32 tag index (throw)
  TryTable,      // blocktype, vec(catch clause: kind byte, [u32 tag], u32 label)
};

enum class Opcode : uint16_t {
#define WASM_OP(name, prefix, code, text, imm, sig, align) name,
#include "ir/opcodes.def"
#undef WASM_OP
  Count_
};

constexpr uint8_t kPrefixMisc = 0xFC;
constexpr uint8_t kPrefixSimd = 0xFD;
constexpr uint8_t kPrefixAtomic = 0xFE;

struct OpInfo {
  Opcode op;
  uint8_t prefix;       // 0, 0xFC, 0xFD or 0xFE
  uint32_t code;        // byte, or the u32 after the prefix
  std::string_view name;
  Imm imm;
  std::string_view sig;  // "params:results" or "*"
  uint8_t alignLog2;
};

namespace detail {
// The opcode table and the binary decode tables, built at compile time in
// opcode.cpp: the Opcode of each single-byte code and of each prefix's
// sub-code, -1 where there is none. Declared here so that the lookups the
// decoder makes for every instruction are inline.
inline constexpr size_t kSingleCodes = 256, kMiscCodes = 256, kSimdCodes = 512, kAtomicCodes = 128;
extern const std::array<OpInfo, static_cast<size_t>(Opcode::Count_)> kOps;
extern const std::array<int16_t, kSingleCodes> kDecodeSingle;
extern const std::array<int16_t, kMiscCodes> kDecodeMisc;
extern const std::array<int16_t, kSimdCodes> kDecodeSimd;
extern const std::array<int16_t, kAtomicCodes> kDecodeAtomic;
}  // namespace detail

inline const OpInfo& opInfo(Opcode op) { return detail::kOps[static_cast<size_t>(op)]; }

// Look up by binary encoding; nullptr when the encoding is not a known opcode.
inline const OpInfo* findOpcode(uint8_t prefix, uint32_t code) {
  int idx = -1;
  if (prefix == 0 && code < detail::kSingleCodes) idx = detail::kDecodeSingle[code];
  else if (prefix == kPrefixMisc && code < detail::kMiscCodes) idx = detail::kDecodeMisc[code];
  else if (prefix == kPrefixSimd && code < detail::kSimdCodes) idx = detail::kDecodeSimd[code];
  else if (prefix == kPrefixAtomic && code < detail::kAtomicCodes) idx = detail::kDecodeAtomic[code];
  return idx < 0 ? nullptr : &detail::kOps[static_cast<size_t>(idx)];
}
// Look up by text name ("i32.add"); nullptr when unknown. "select" maps to Select.
const OpInfo* findOpcodeByName(std::string_view name);

inline std::string_view opcodeName(Opcode op) { return opInfo(op).name; }

}  // namespace wasmcap::ir
