// Constant expressions and the segment sections: element (all 8 encodings),
// data count, and data (all 3 encodings).
#include "binary/decoder_internal.h"
#include "binary/instr_reader.h"

namespace wasmcap::binary::detail {

Result<ir::ConstExpr> readConstExpr(Reader& r, const ir::Module& module) {
  uint64_t start = r.offset();
  InstrReader instrs(module, ir::ByteSpan{start, r.remaining()});
  // Blocks are not constant, but they are well-formed syntax: track nesting
  // so the `end` found is the one closing the expression.
  uint32_t depth = 0;
  Instr instr;
  for (;;) {
    // Plain "unexpected end": the driver words it and may read on past the
    // section's end to find the error the spec reports.
    if (instrs.atEnd()) return Error(ErrorCode::Malformed, "unexpected end").at(instrs.offset());
    WASMCAP_TRY(instrs.next(instr));
    if (instr.op == ir::Opcode::Block || instr.op == ir::Opcode::Loop || instr.op == ir::Opcode::If ||
        instr.op == ir::Opcode::TryTable) {
      ++depth;
    } else if (instr.op == ir::Opcode::End) {
      if (depth == 0) break;
      --depth;
    }
  }
  uint64_t size = instrs.offset() - start;
  WASMCAP_TRY(r.skip(size));
  return ir::ConstExpr{ir::ByteSpan{start, size}};
}

namespace {

Result<std::vector<uint32_t>> readFuncIndices(Reader& r) {
  WASMCAP_TRY_ASSIGN(uint32_t n, readCount(r));
  std::vector<uint32_t> out;
  out.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    WASMCAP_TRY_ASSIGN(uint32_t index, r.u32());
    out.push_back(index);
  }
  return out;
}

Result<std::vector<ir::ConstExpr>> readExprs(Reader& r, const ir::Module& module) {
  WASMCAP_TRY_ASSIGN(uint32_t n, readCount(r));
  std::vector<ir::ConstExpr> out;
  out.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    WASMCAP_TRY_ASSIGN(ir::ConstExpr e, readConstExpr(r, module));
    out.push_back(e);
  }
  return out;
}

// elemkind: only 0x00 (funcref) exists.
Result<void> readElemKind(Reader& r) {
  uint64_t at = r.offset();
  WASMCAP_TRY_ASSIGN(uint8_t kind, r.u8());
  if (kind != 0x00) return Error(ErrorCode::Malformed, "malformed element kind").at(at);
  return {};
}

// The element segment flags: bit 0 = passive or declarative (else active),
// bit 1 = explicit table index (active) / declarative (otherwise),
// bit 2 = items are expressions (with a reftype) instead of function indices
// (with an elemkind).
Result<ir::ElemSegment> readElemSegment(Reader& r, const ir::Module& module) {
  uint64_t at = r.offset();
  WASMCAP_TRY_ASSIGN(uint32_t flags, r.u32());
  if (flags > 7) return Error(ErrorCode::Malformed, "malformed elements segment kind").at(at);
  ir::ElemSegment seg;
  bool nonActive = flags & 1;
  bool explicitTableOrDeclarative = flags & 2;
  seg.usesExprs = flags & 4;
  if (nonActive) {
    seg.mode = explicitTableOrDeclarative ? ir::SegmentMode::Declarative : ir::SegmentMode::Passive;
  } else {
    seg.mode = ir::SegmentMode::Active;
    if (explicitTableOrDeclarative) { WASMCAP_TRY_ASSIGN(seg.table, r.u32()); }
    WASMCAP_TRY_ASSIGN(seg.offset, readConstExpr(r, module));
  }
  // Flags 0 and 4 imply funcref and carry no elemkind/reftype byte.
  bool hasTypeByte = nonActive || explicitTableOrDeclarative;
  if (seg.usesExprs) {
    if (hasTypeByte) { WASMCAP_TRY_ASSIGN(seg.type, r.refType()); }
    WASMCAP_TRY_ASSIGN(seg.items, readExprs(r, module));
  } else {
    if (hasTypeByte) WASMCAP_TRY(readElemKind(r));
    WASMCAP_TRY_ASSIGN(seg.funcIndices, readFuncIndices(r));
  }
  return seg;
}

}  // namespace

Result<void> decodeElementSection(Reader& r, DecodeContext& ctx) {
  WASMCAP_TRY_ASSIGN(uint32_t n, readCount(r));
  ctx.module.elems.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    WASMCAP_TRY_ASSIGN(ir::ElemSegment seg, readElemSegment(r, ctx.module));
    ctx.module.elems.push_back(std::move(seg));
  }
  return {};
}

Result<void> decodeDataCountSection(Reader& r, DecodeContext& ctx) {
  WASMCAP_TRY_ASSIGN(uint32_t n, r.u32());
  ctx.module.dataCount = n;
  return {};
}

Result<void> decodeDataSection(Reader& r, DecodeContext& ctx) {
  ir::Module& m = ctx.module;
  uint64_t countAt = r.offset();
  WASMCAP_TRY_ASSIGN(uint32_t n, readCount(r));
  if (m.dataCount && *m.dataCount != n) {
    return Error(ErrorCode::Malformed, "data count and data section have inconsistent lengths").at(countAt);
  }
  ctx.dataSectionCount = n;
  m.datas.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    uint64_t at = r.offset();
    WASMCAP_TRY_ASSIGN(uint32_t flags, r.u32());
    ir::DataSegment seg;
    switch (flags) {
      case 0: {
        WASMCAP_TRY_ASSIGN(seg.offset, readConstExpr(r, m));
        break;
      }
      case 1:
        seg.mode = ir::SegmentMode::Passive;
        break;
      case 2: {
        WASMCAP_TRY_ASSIGN(seg.memory, r.u32());
        WASMCAP_TRY_ASSIGN(seg.offset, readConstExpr(r, m));
        break;
      }
      default:
        return Error(ErrorCode::Malformed, "malformed data segment kind").at(at);
    }
    WASMCAP_TRY_ASSIGN(uint32_t size, r.u32());
    seg.init = ir::ByteSpan{r.offset(), size};
    WASMCAP_TRY(r.skip(size));
    m.datas.push_back(seg);
  }
  return {};
}

}  // namespace wasmcap::binary::detail
