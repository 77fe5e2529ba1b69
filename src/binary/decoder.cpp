// The decoder's driver: header, the section loop (ids, sizes, order), and the
// checks that span sections (function/code and data count/data agreement).
#include "binary/decoder.h"

#include <algorithm>

#include "binary/decoder_internal.h"

namespace wasmcap::binary {
namespace detail {

std::string_view sectionName(SectionId id) {
  switch (id) {
    case SectionId::Custom: return "custom";
    case SectionId::Type: return "type";
    case SectionId::Import: return "import";
    case SectionId::Function: return "function";
    case SectionId::Table: return "table";
    case SectionId::Memory: return "memory";
    case SectionId::Global: return "global";
    case SectionId::Export: return "export";
    case SectionId::Start: return "start";
    case SectionId::Element: return "element";
    case SectionId::Code: return "code";
    case SectionId::Data: return "data";
    case SectionId::DataCount: return "data count";
    case SectionId::Tag: return "tag";
  }
  return "unknown";
}

}  // namespace detail

namespace {

using namespace detail;

constexpr uint8_t kMagic[4] = {0x00, 0x61, 0x73, 0x6D};
constexpr uint8_t kVersion[4] = {0x01, 0x00, 0x00, 0x00};

// Position of each non-custom section in the required order (the data count
// section sits between element and code; tag, 3.0, between memory and global).
int sectionRank(SectionId id) {
  switch (id) {
    case SectionId::Type: return 1;
    case SectionId::Import: return 2;
    case SectionId::Function: return 3;
    case SectionId::Table: return 4;
    case SectionId::Memory: return 5;
    case SectionId::Tag: return 6;
    case SectionId::Global: return 7;
    case SectionId::Export: return 8;
    case SectionId::Start: return 9;
    case SectionId::Element: return 10;
    case SectionId::DataCount: return 11;
    case SectionId::Code: return 12;
    case SectionId::Data: return 13;
    case SectionId::Custom: return 0;
  }
  return 0;
}

bool knownSection(uint8_t id, const Features& features) {
  // Tag (13) belongs to exception handling.
  return id <= static_cast<uint8_t>(SectionId::DataCount) ||
         (id == static_cast<uint8_t>(SectionId::Tag) && features.exceptions);
}

Result<void> decodeSectionPayload(SectionId id, Reader& r, DecodeContext& ctx) {
  switch (id) {
    case SectionId::Custom: return decodeCustomSection(r, ctx);
    case SectionId::Type: return decodeTypeSection(r, ctx);
    case SectionId::Import: return decodeImportSection(r, ctx);
    case SectionId::Function: return decodeFunctionSection(r, ctx);
    case SectionId::Table: return decodeTableSection(r, ctx);
    case SectionId::Memory: return decodeMemorySection(r, ctx);
    case SectionId::Global: return decodeGlobalSection(r, ctx);
    case SectionId::Export: return decodeExportSection(r, ctx);
    case SectionId::Start: return decodeStartSection(r, ctx);
    case SectionId::Element: return decodeElementSection(r, ctx);
    case SectionId::DataCount: return decodeDataCountSection(r, ctx);
    case SectionId::Code: return decodeCodeSection(r, ctx);
    case SectionId::Data: return decodeDataSection(r, ctx);
    case SectionId::Tag: return decodeTagSection(r, ctx);
  }
  return r.malformed("malformed section id");
}

// Inside a section, running out of bytes is reported with the spec's wording.
Error inSection(Error e, SectionId id) {
  if (e.message == "unexpected end") e.message = std::string(kUnexpectedEnd);
  if (e.section.empty()) e.inSection(sectionName(id));
  return e;
}

// A section's payload ran out of bytes. The reference decoder reads every
// section from the stream of the whole module and compares the position with the
// declared end only afterwards, so the error it reports is the one found by
// reading on into the following bytes (never past the module's end): the
// payload is decoded again over [section start, module end). The scratch
// decode only adds to a module that is being rejected anyway.
Error diagnoseOverrun(Error first, SectionId id, const Reader& rest, DecodeContext& ctx) {
  if (first.message != "unexpected end" || id == SectionId::Custom) return first;
  Reader extended(rest.pos(), rest.pos() + rest.remaining(), rest.offset());
  extended.setRefTypes(rest.refTypes());
  DecodeContext scratch = ctx;
  auto decoded = decodeSectionPayload(id, extended, scratch);
  if (decoded.ok()) {
    return Error(ErrorCode::Malformed, "section size mismatch (content runs past the section's end)")
        .at(extended.offset());
  }
  return std::move(decoded).error();
}

Result<void> readHeader(Reader& r) {
  if (r.remaining() < 4) return Error(ErrorCode::Malformed, "unexpected end").at(r.offset() + r.remaining());
  uint8_t magic[4];
  WASMCAP_TRY(r.bytes(magic, 4));
  if (!std::equal(magic, magic + 4, kMagic)) return Error(ErrorCode::Malformed, "magic header not detected").at(0);
  if (r.remaining() < 4) return Error(ErrorCode::Malformed, "unexpected end").at(r.offset() + r.remaining());
  uint8_t version[4];
  WASMCAP_TRY(r.bytes(version, 4));
  if (!std::equal(version, version + 4, kVersion)) return Error(ErrorCode::Malformed, "unknown binary version").at(4);
  return {};
}

Result<void> checkCrossSection(const DecodeContext& ctx, uint64_t endOffset) {
  const ir::Module& m = ctx.module;
  if (ctx.functionSectionCount.value_or(0) != ctx.codeCount.value_or(0)) {
    return Error(ErrorCode::Malformed, "function and code section have inconsistent lengths")
        .at(ctx.codeCount ? ctx.codeCountOffset : endOffset).inSection("code");
  }
  if (m.dataCount && *m.dataCount != ctx.dataSectionCount.value_or(0)) {
    return Error(ErrorCode::Malformed, "data count and data section have inconsistent lengths")
        .at(endOffset).inSection("data");
  }
  return {};
}

Result<void> decodeSections(Reader& r, DecodeContext& ctx) {
  int lastRank = 0;
  while (!r.atEnd()) {
    uint64_t idOffset = r.offset();
    WASMCAP_TRY_ASSIGN(uint8_t rawId, r.u8());
    if (!knownSection(rawId, ctx.features)) {
      return Error(ErrorCode::Malformed, "malformed section id").at(idOffset);
    }
    SectionId id = static_cast<SectionId>(rawId);
    uint64_t sizeOffset = r.offset();
    WASMCAP_TRY_ASSIGN(uint32_t size, r.u32());
    if (size > r.remaining()) {
      return Error(ErrorCode::Malformed, "length out of bounds").at(sizeOffset).inSection(sectionName(id));
    }
    if (id != SectionId::Custom) {
      int rank = sectionRank(id);
      if (rank <= lastRank) {
        return Error(ErrorCode::Malformed, "unexpected content after last section (" +
                                               std::string(sectionName(id)) + " section duplicated or out of order)")
            .at(idOffset).inSection(sectionName(id));
      }
      lastRank = rank;
    }
    Reader payload(r.pos(), r.pos() + size, r.offset());
    payload.setRefTypes(r.refTypes());
    auto decoded = decodeSectionPayload(id, payload, ctx);
    if (!decoded.ok()) return inSection(diagnoseOverrun(std::move(decoded).error(), id, r, ctx), id);
    if (!payload.atEnd()) {
      return Error(ErrorCode::Malformed, "section size mismatch").at(payload.offset()).inSection(sectionName(id));
    }
    WASMCAP_TRY(r.skip(size));
  }
  return {};
}

}  // namespace

Result<ir::Module> decodeModule(std::vector<uint8_t> bytes, const Features& features) {
  ir::Module module;
  module.bytes = std::move(bytes);
  const uint8_t* begin = module.bytes.data();
  Reader r(begin, begin + module.bytes.size(), 0);
  module.refTypeBits = static_cast<uint8_t>((features.functionReferences ? Reader::kTypedRefs : 0) |
                                            (features.exceptions ? Reader::kExnRef : 0));
  r.setRefTypes(module.refTypeBits);
  WASMCAP_TRY(readHeader(r));
  DecodeContext ctx(module);
  ctx.features = features;
  WASMCAP_TRY(decodeSections(r, ctx));
  WASMCAP_TRY(checkCrossSection(ctx, module.bytes.size()));
  return module;
}

}  // namespace wasmcap::binary
