#include "binary/instr_reader.h"

#include <array>

namespace wasmcap::binary {

using ir::Imm;

namespace {

// The Reader::refTypes bit a single-byte opcode needs (0: none).
constexpr auto kFeatureOf = [] {
  std::array<uint8_t, 256> t{};
  for (uint8_t op : {0x08, 0x0A, 0x1F}) t[op] = Reader::kExnRef;                       // throw, throw_ref, try_table
  for (uint8_t op : {0x14, 0x15, 0xD4, 0xD5, 0xD6}) t[op] = Reader::kTypedRefs;       // call_ref, ..., br_on_non_null
  return t;
}();

}  // namespace

Result<void> InstrReader::readMemarg(Instr& out) {
  WASMCAP_TRY_ASSIGN(uint32_t flags, r_.u32());
  out.mem.flags = flags;
  out.mem.memory = 0;
  if (flags & 0x40) {  // multi-memory: an explicit memory index follows
    WASMCAP_TRY_ASSIGN(out.mem.memory, r_.u32());
    flags &= ~0x40u;
  }
  out.mem.alignLog2 = flags;
  bool is64 = out.mem.memory < module_->memories.size() && module_->memories[out.mem.memory].limits.is64;
  if (is64) {
    WASMCAP_TRY_ASSIGN(out.mem.offset, r_.u64());
  } else {
    WASMCAP_TRY_ASSIGN(uint32_t off, r_.u32());
    out.mem.offset = off;
  }
  return {};
}

Result<uint32_t> InstrReader::readMemoryIndex() {
  if (!zeroByteMemories_) return r_.u32();
  WASMCAP_TRY_ASSIGN(uint8_t mem, r_.u8());
  if (mem != 0) return Error(ErrorCode::Malformed, "zero byte expected").at(r_.offset() - 1);
  return 0u;
}

Result<void> InstrReader::readBlockType(Instr& out) {
  // 0x40 = empty; a single-byte negative value = value type; else s33 type index.
  if (r_.atEnd()) return r_.malformed("unexpected end");
  uint8_t first = *r_.pos();
  if (first == 0x40) {
    (void)r_.u8();
    out.block.kind = BlockType::Kind::Empty;
  } else if (first >= 0x40 && first < 0x80) {
    WASMCAP_TRY_ASSIGN(out.block.type, r_.valType());
    out.block.kind = BlockType::Kind::Value;
  } else {
    WASMCAP_TRY_ASSIGN(int64_t idx, r_.s33());
    if (idx < 0) return r_.malformed("malformed block type");
    out.block.kind = BlockType::Kind::Index;
    out.block.index = static_cast<uint32_t>(idx);
  }
  return {};
}

Result<void> InstrReader::next(Instr& out) {
  out.offset = r_.offset();
  WASMCAP_TRY_ASSIGN(uint8_t b, r_.u8());
  uint8_t prefix = 0;
  uint32_t code = b;
  if (b == ir::kPrefixMisc || b == ir::kPrefixSimd || b == ir::kPrefixAtomic) {
    prefix = b;
    WASMCAP_TRY_ASSIGN(code, r_.u32());
  }
  const ir::OpInfo* info = ir::findOpcode(prefix, code);
  if (prefix == 0 && info) [[likely]] {
    // Single-byte opcodes of a feature that is off do not exist (as in a 2.0 decoder).
    if (uint8_t need = kFeatureOf[b]; need != 0 && (r_.refTypes() & need) == 0) [[unlikely]] info = nullptr;
  }
  if (!info) {
    return Error(ErrorCode::Malformed, prefix ? "illegal opcode " + std::to_string(prefix) + " " + std::to_string(code)
                                              : "illegal opcode " + std::to_string(code))
        .at(out.offset);
  }
  out.info = info;
  out.op = info->op;

  switch (info->imm) {
    case Imm::None: {
      break;
    }
    case Imm::Block: {
      WASMCAP_TRY(readBlockType(out));
      break;
    }
    case Imm::TryTable: {
      WASMCAP_TRY(readBlockType(out));
      WASMCAP_TRY_ASSIGN(uint32_t n, r_.u32());
      if (n > r_.remaining()) return r_.malformed("unexpected end (catch count too large)");
      catches_.clear();
      for (uint32_t i = 0; i < n; ++i) {
        Catch c;
        uint64_t at = r_.offset();
        WASMCAP_TRY_ASSIGN(uint8_t kind, r_.u8());
        if (kind > 3) return Error(ErrorCode::Malformed, "malformed catch clause").at(at);
        c.kind = static_cast<Catch::Kind>(kind);
        if (kind <= 1) { WASMCAP_TRY_ASSIGN(c.tag, r_.u32()); }
        WASMCAP_TRY_ASSIGN(c.label, r_.u32());
        catches_.push_back(c);
      }
      out.catches = &catches_;
      break;
    }
    case Imm::Label: case Imm::Func: case Imm::Local: case Imm::Global: case Imm::Table:
    case Imm::Data: case Imm::Elem: case Imm::TypeIdx: case Imm::Tag: {
      WASMCAP_TRY_ASSIGN(out.index, r_.u32());
      break;
    }
    case Imm::Memory: {
      // 2.0 encodes a reserved zero byte; multi-memory reads it as a u32 index.
      WASMCAP_TRY_ASSIGN(out.index, readMemoryIndex());
      break;
    }
    case Imm::BrTable: {
      WASMCAP_TRY_ASSIGN(uint32_t n, r_.u32());
      if (n > r_.remaining()) return r_.malformed("unexpected end (br_table count too large)");
      targets_.clear();
      targets_.reserve(n + 1);
      for (uint32_t i = 0; i <= n; ++i) {
        WASMCAP_TRY_ASSIGN(uint32_t t, r_.u32());
        targets_.push_back(t);
      }
      out.targets = &targets_;
      break;
    }
    case Imm::CallIndirect: {
      WASMCAP_TRY_ASSIGN(out.index, r_.u32());
      WASMCAP_TRY_ASSIGN(out.index2, r_.u32());
      break;
    }
    case Imm::Memarg: {
      WASMCAP_TRY(readMemarg(out));
      break;
    }
    case Imm::MemargLane: {
      WASMCAP_TRY(readMemarg(out));
      WASMCAP_TRY_ASSIGN(out.lane, r_.u8());
      break;
    }
    case Imm::I32: {
      WASMCAP_TRY_ASSIGN(int32_t v, r_.s32());
      out.bits = static_cast<uint64_t>(static_cast<int64_t>(v));
      break;
    }
    case Imm::I64: {
      WASMCAP_TRY_ASSIGN(int64_t v, r_.s64());
      out.bits = static_cast<uint64_t>(v);
      break;
    }
    case Imm::F32: {
      WASMCAP_TRY_ASSIGN(out.bits, r_.f32Bits());
      break;
    }
    case Imm::F64: {
      WASMCAP_TRY_ASSIGN(out.bits, r_.f64Bits());
      break;
    }
    case Imm::V128: case Imm::Shuffle: {
      WASMCAP_TRY(r_.bytes(out.v128, 16));
      break;
    }
    case Imm::Lane: {
      WASMCAP_TRY_ASSIGN(out.lane, r_.u8());
      break;
    }
    case Imm::HeapType: {
      WASMCAP_TRY_ASSIGN(out.refType, r_.heapType(true));
      break;
    }
    case Imm::SelectT: {
      WASMCAP_TRY_ASSIGN(uint32_t n, r_.u32());
      if (n > r_.remaining()) return r_.malformed("unexpected end (select type count too large)");
      types_.clear();
      for (uint32_t i = 0; i < n; ++i) {
        WASMCAP_TRY_ASSIGN(ir::ValType t, r_.valType());
        types_.push_back(t);
      }
      out.types = &types_;
      break;
    }
    case Imm::MemoryInit: {
      WASMCAP_TRY_ASSIGN(out.index, r_.u32());
      WASMCAP_TRY_ASSIGN(out.index2, readMemoryIndex());
      break;
    }
    case Imm::MemoryCopy: {
      WASMCAP_TRY_ASSIGN(out.index, readMemoryIndex());
      WASMCAP_TRY_ASSIGN(out.index2, readMemoryIndex());
      break;
    }
    case Imm::TableInit: case Imm::TableCopy: {
      WASMCAP_TRY_ASSIGN(out.index, r_.u32());
      WASMCAP_TRY_ASSIGN(out.index2, r_.u32());
      break;
    }
    case Imm::Fence: {
      WASMCAP_TRY_ASSIGN(uint8_t reserved, r_.u8());
      if (reserved != 0) return Error(ErrorCode::Malformed, "zero byte expected").at(r_.offset() - 1);
      break;
    }
  }
  return {};
}

}  // namespace wasmcap::binary
