// Opcode enumeration and metadata, expanded from opcodes.def.
#pragma once
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

struct OpInfo {
  Opcode op;
  uint8_t prefix;       // 0, 0xFC or 0xFD
  uint32_t code;        // byte, or the u32 after the prefix
  std::string_view name;
  Imm imm;
  std::string_view sig;  // "params:results" or "*"
  uint8_t alignLog2;
};

const OpInfo& opInfo(Opcode op);
// Look up by binary encoding; nullptr when the encoding is not a known opcode.
const OpInfo* findOpcode(uint8_t prefix, uint32_t code);
// Look up by text name ("i32.add"); nullptr when unknown. "select" maps to Select.
const OpInfo* findOpcodeByName(std::string_view name);

inline std::string_view opcodeName(Opcode op) { return opInfo(op).name; }

}  // namespace wasmcap::ir
