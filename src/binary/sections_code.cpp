// The code section: one entry per defined function (locals, then the body),
// and the syntactic walk of each body.
#include <vector>

#include "binary/decoder_internal.h"
#include "binary/instr_reader.h"

namespace wasmcap::binary::detail {

namespace {

Result<std::vector<ir::ValType>> readLocals(Reader& r) {
  uint64_t at = r.offset();
  WASMCAP_TRY_ASSIGN(uint32_t groups, readCount(r));
  // Read the run-length groups first and check the total before expanding,
  // so a few bytes cannot ask for billions of locals.
  std::vector<std::pair<uint32_t, ir::ValType>> runs;
  runs.reserve(groups);
  uint64_t total = 0;
  for (uint32_t i = 0; i < groups; ++i) {
    WASMCAP_TRY_ASSIGN(uint32_t count, r.u32());
    WASMCAP_TRY_ASSIGN(ir::ValType type, r.valType());
    total += count;
    if (total > kMaxLocals) {
      return Error(ErrorCode::Malformed, "too many locals (more than " + std::to_string(kMaxLocals) + ")").at(at);
    }
    runs.emplace_back(count, type);
  }
  std::vector<ir::ValType> locals;
  locals.reserve(static_cast<size_t>(total));
  for (const auto& [count, type] : runs) locals.insert(locals.end(), count, type);
  return locals;
}

// 2.0 alignment exponents are below 32 and flag bit 6 (an explicit memory
// index, multi-memory) does not exist; memory64 allows exponents below 64.
Result<void> checkMemargFlags(const Instr& instr, const Features& features) {
  uint32_t flags = instr.mem.flags;
  if (features.multiMemory) flags &= ~0x40u;
  uint32_t limit = features.memory64 ? 64 : 32;
  if (flags >= limit) return Error(ErrorCode::Malformed, "malformed memop flags").at(instr.offset);
  return {};
}

// A body ran out before the `end` closing the function, with `depth` blocks
// open. The reference decoder reads on into the bytes that follow (it checks
// the body's size only afterwards), so its message comes from them: an `end`
// closing the function makes the size wrong, an `else` where only `end` may
// stand is "END opcode expected", a bad instruction is reported as such.
// Reading stops at the module's end.
Error bodyOverrun(const ir::Module& module, const ir::Function& function, size_t depth, uint64_t at) {
  uint64_t from = function.body.offset + function.body.size;
  InstrReader more(module, ir::ByteSpan{from, module.bytes.size() - from});
  Instr instr;
  while (!more.atEnd()) {
    auto next = more.next(instr);
    if (!next.ok()) {
      Error e = std::move(next).error();
      if (e.message.rfind("unexpected end", 0) == 0) break;
      return e;
    }
    switch (instr.op) {
      case ir::Opcode::Block:
      case ir::Opcode::Loop:
      case ir::Opcode::TryTable:
      case ir::Opcode::If:
        ++depth;
        break;
      case ir::Opcode::Else:
        if (depth == 0) return Error(ErrorCode::Malformed, "END opcode expected").at(instr.offset);
        break;
      case ir::Opcode::End:
        if (depth == 0) {
          return Error(ErrorCode::Malformed, "section size mismatch (the function's end lies past its declared size)")
              .at(at);
        }
        --depth;
        break;
      default:
        break;
    }
  }
  return Error(ErrorCode::Malformed, std::string(kUnexpectedEnd) + " (END opcode expected)").at(at);
}

}  // namespace

Result<void> decodeCodeSection(Reader& r, DecodeContext& ctx) {
  ir::Module& m = ctx.module;
  uint64_t countAt = r.offset();
  WASMCAP_TRY_ASSIGN(uint32_t n, readCount(r));
  // A count that disagrees with the function section is reported once all
  // sections are read (a duplicated section is the better diagnosis then).
  ctx.codeCount = n;
  ctx.codeCountOffset = countAt;
  uint32_t declared = ctx.functionSectionCount.value_or(0);
  m.functions.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    uint64_t sizeAt = r.offset();
    WASMCAP_TRY_ASSIGN(uint32_t size, r.u32());
    if (size > r.remaining()) return Error(ErrorCode::Malformed, std::string(kUnexpectedEnd)).at(sizeAt);
    ir::Function f;
    f.typeIndex = i < declared ? m.funcTypes[m.importedFuncs + i] : 0;
    f.entry = ir::ByteSpan{r.offset(), size};
    Reader entry(r.pos(), r.pos() + size, r.offset());
    entry.setRefTypes(r.refTypes());
    WASMCAP_TRY_ASSIGN(f.locals, readLocals(entry));
    f.body = ir::ByteSpan{entry.offset(), entry.remaining()};
    WASMCAP_TRY(r.skip(size));
    WASMCAP_TRY(checkBodySyntax(m, f, ctx.features));
    m.functions.push_back(std::move(f));
  }
  return {};
}

Result<void> checkBodySyntax(const ir::Module& module, const ir::Function& function, const Features& features) {
  InstrReader instrs(module, function.body);
  if (!features.multiMemory) instrs.expectZeroByteMemoryIndices();
  // One entry per open block: true for an `if` that may still take an `else`.
  std::vector<bool> open;
  Instr instr;
  for (;;) {
    if (instrs.atEnd()) {
      // The body ran out before the `end` closing the function.
      return bodyOverrun(module, function, open.size(), instrs.offset());
    }
    WASMCAP_TRY(instrs.next(instr));
    switch (instr.op) {
      case ir::Opcode::Block:
      case ir::Opcode::Loop:
      case ir::Opcode::TryTable:
        open.push_back(false);
        break;
      case ir::Opcode::If:
        open.push_back(true);
        break;
      case ir::Opcode::Else:
        if (open.empty() || !open.back()) return Error(ErrorCode::Malformed, "misplaced ELSE opcode").at(instr.offset);
        open.back() = false;
        break;
      case ir::Opcode::End:
        if (open.empty()) {
          if (!instrs.atEnd()) {
            return Error(ErrorCode::Malformed, "section size mismatch (bytes after the function's final end)")
                .at(instrs.offset());
          }
          return {};
        }
        open.pop_back();
        break;
      case ir::Opcode::MemoryInit:
      case ir::Opcode::DataDrop:
        if (!module.dataCount) {
          return Error(ErrorCode::Malformed, "data count section required").at(instr.offset);
        }
        break;
      default:
        if (instr.info->imm == ir::Imm::Memarg || instr.info->imm == ir::Imm::MemargLane) {
          WASMCAP_TRY(checkMemargFlags(instr, features));
        }
        break;
    }
  }
}

}  // namespace wasmcap::binary::detail
