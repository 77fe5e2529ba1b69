// Internal interface between the decoder's driver (decoder.cpp) and the
// per-section decoders (sections_*.cpp). Not part of the public contract.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

#include "binary/reader.h"
#include "ir/module.h"
#include "util/result.h"
#include "wasmcap/features.hpp"

namespace wasmcap::binary::detail {

// Section ids of the binary format (Tag is 3.0, exception handling).
enum class SectionId : uint8_t {
  Custom = 0, Type = 1, Import = 2, Function = 3, Table = 4, Memory = 5, Global = 6,
  Export = 7, Start = 8, Element = 9, Code = 10, Data = 11, DataCount = 12, Tag = 13,
};
std::string_view sectionName(SectionId id);

// The encodings beyond 2.0 are read only when their feature is on
// (wasmcap::Features, include/wasmcap/features.hpp).

// Functions may declare at most this many locals (besides parameters); the
// spec only bounds them by 2^32, engines reject far fewer so a tiny binary
// cannot demand gigabytes of frame.
constexpr uint64_t kMaxLocals = 50000;

// Messages the spec test suite expects.
inline constexpr std::string_view kUnexpectedEnd = "unexpected end of section or function";

// Everything the section decoders share while a module is decoded.
struct DecodeContext {
  explicit DecodeContext(ir::Module& m) : module(m) {}

  ir::Module& module;
  Features features;
  std::optional<uint32_t> functionSectionCount;  // entries of the function section, if present
  std::optional<uint32_t> codeCount;  // entries of the code section, if present
  uint64_t codeCountOffset = 0;
  std::optional<uint32_t> dataSectionCount;
};

// Reads a vector length and rejects it before anything is allocated when the
// remaining bytes cannot hold that many entries (every entry takes >= 1 byte).
Result<uint32_t> readCount(Reader& r);
// Limits with the flags byte; `isTable` selects the flags a table may carry.
Result<ir::Limits> readLimits(Reader& r, const Features& features, bool isTable);
Result<ir::TableType> readTableType(Reader& r, const Features& features);
Result<ir::MemoryType> readMemoryType(Reader& r, const Features& features);
Result<ir::GlobalType> readGlobalType(Reader& r);
// A constant expression: instructions up to and including the `end` that
// closes it. Only the encoding is checked here; the validator checks which
// instructions are allowed.
Result<ir::ConstExpr> readConstExpr(Reader& r, const ir::Module& module);

// One decoder per section. Each reads its section's payload from `r`, which
// is bounded to the section; the driver checks that all of it was consumed.
Result<void> decodeTypeSection(Reader& r, DecodeContext& ctx);
Result<void> decodeImportSection(Reader& r, DecodeContext& ctx);
Result<void> decodeFunctionSection(Reader& r, DecodeContext& ctx);
Result<void> decodeTableSection(Reader& r, DecodeContext& ctx);
Result<void> decodeMemorySection(Reader& r, DecodeContext& ctx);
Result<void> decodeGlobalSection(Reader& r, DecodeContext& ctx);
Result<void> decodeExportSection(Reader& r, DecodeContext& ctx);
Result<void> decodeStartSection(Reader& r, DecodeContext& ctx);
Result<void> decodeElementSection(Reader& r, DecodeContext& ctx);
Result<void> decodeDataCountSection(Reader& r, DecodeContext& ctx);
Result<void> decodeCodeSection(Reader& r, DecodeContext& ctx);
Result<void> decodeDataSection(Reader& r, DecodeContext& ctx);
Result<void> decodeCustomSection(Reader& r, DecodeContext& ctx);
Result<void> decodeTagSection(Reader& r, DecodeContext& ctx);
// A tag type: the attribute byte (0: exception) and a type index.
Result<ir::TagType> readTagType(Reader& r);

// The `name` custom section's payload. Returns an error when it is malformed;
// the caller then ignores the section, as the spec asks for custom sections.
Result<ir::NameSection> decodeNameSection(Reader& r);

// Checks the instruction encoding of one function body: every instruction
// decodes, blocks nest, the body ends with the `end` closing the function and
// nothing follows it, and data-segment instructions have a data count section.
Result<void> checkBodySyntax(const ir::Module& module, const ir::Function& function, const Features& features);

}  // namespace wasmcap::binary::detail
