// Decodes one instruction at a time (opcode + immediates) from a function body
// or constant expression. Shared by the validator, the interpreter's lowering
// and the constant-expression evaluator, so the immediate encoding is parsed
// in exactly one place. Malformed encodings (unknown opcode, bad LEB128,
// truncation) come back as ErrorCode::Malformed with the byte offset.
#pragma once
#include <cstdint>
#include <vector>

#include "binary/reader.h"
#include "ir/module.h"
#include "ir/opcode.h"

namespace wasmcap::binary {

struct BlockType {
  enum class Kind : uint8_t { Empty, Value, Index } kind = Kind::Empty;
  ir::ValType type;    // Kind::Value
  uint32_t index = 0;  // Kind::Index: a function type index
};

struct Memarg {
  uint32_t flags = 0;      // the alignment flags as encoded (bit 6: a memory index follows)
  uint32_t alignLog2 = 0;
  uint32_t memory = 0;
  uint64_t offset = 0;
};

// A try_table catch clause.
struct Catch {
  enum class Kind : uint8_t { Catch = 0, CatchRef = 1, CatchAll = 2, CatchAllRef = 3 } kind = Kind::Catch;
  uint32_t tag = 0;    // Catch, CatchRef
  uint32_t label = 0;  // branch depth, counted from inside the try_table
};

struct Instr {
  ir::Opcode op = ir::Opcode::Unreachable;
  const ir::OpInfo* info = nullptr;
  uint64_t offset = 0;  // absolute offset of the opcode byte

  // Immediates; which ones are meaningful depends on info->imm.
  uint32_t index = 0;   // label/func/local/global/table/type/data/elem/memory index (first)
  uint32_t index2 = 0;  // second index: table of call_indirect, memory/table of *.init, src of *.copy
  BlockType block;
  Memarg mem;
  uint8_t lane = 0;
  uint64_t bits = 0;    // i32/i64 value (sign-extended to 64), or f32/f64 bit pattern
  uint8_t v128[16] = {};  // v128.const bytes or i8x16.shuffle lanes
  ir::ValType refType;    // ref.null heap type as a reference type
  // br_table targets (default last) and select's type list; valid until next().
  const std::vector<uint32_t>* targets = nullptr;
  const std::vector<ir::ValType>* types = nullptr;
  const std::vector<Catch>* catches = nullptr;  // try_table; valid until next()
};

class InstrReader {
 public:
  // `module` gives memory address types (memory64) and may be null for 32-bit.
  InstrReader(const ir::Module& module, ir::ByteSpan span)
      : module_(&module), r_(module.at(span.offset), module.at(span.offset) + span.size, span.offset) {
    r_.setRefTypes(module.refTypeBits);
  }

  bool atEnd() const { return r_.atEnd(); }
  uint64_t offset() const { return r_.offset(); }
  Reader& reader() { return r_; }

  // Decode the next instruction into `out`.
  Result<void> next(Instr& out);

  // Read the memory index of memory.size/grow/fill/init/copy as 2.0's
  // reserved zero byte (without multi-memory) instead of a u32.
  void expectZeroByteMemoryIndices() { zeroByteMemories_ = true; }

 private:
  Result<void> readMemarg(Instr& out);
  Result<uint32_t> readMemoryIndex();
  Result<void> readBlockType(Instr& out);

  const ir::Module* module_;
  Reader r_;
  std::vector<uint32_t> targets_;
  std::vector<ir::ValType> types_;
  std::vector<Catch> catches_;
  bool zeroByteMemories_ = false;
};

}  // namespace wasmcap::binary
