// Custom sections: kept by name and byte range; the `name` section is also
// parsed into Module::names. A malformed `name` section is ignored, as the
// spec allows for any custom section's contents.
#include "binary/decoder_internal.h"

namespace wasmcap::binary::detail {

namespace {

enum NameSubsection : uint8_t { kModuleName = 0, kFunctionNames = 1, kLocalNames = 2 };

Result<std::map<uint32_t, std::string>> readNameMap(Reader& r) {
  WASMCAP_TRY_ASSIGN(uint32_t n, readCount(r));
  std::map<uint32_t, std::string> names;
  for (uint32_t i = 0; i < n; ++i) {
    WASMCAP_TRY_ASSIGN(uint32_t index, r.u32());
    WASMCAP_TRY_ASSIGN(std::string name, r.name());
    names[index] = std::move(name);
  }
  return names;
}

}  // namespace

Result<ir::NameSection> decodeNameSection(Reader& r) {
  ir::NameSection names;
  int lastId = -1;
  while (!r.atEnd()) {
    uint64_t at = r.offset();
    WASMCAP_TRY_ASSIGN(uint8_t id, r.u8());
    if (static_cast<int>(id) <= lastId) return Error(ErrorCode::Malformed, "name subsection out of order").at(at);
    lastId = id;
    WASMCAP_TRY_ASSIGN(uint32_t size, r.u32());
    if (size > r.remaining()) return r.malformed("length out of bounds");
    Reader sub(r.pos(), r.pos() + size, r.offset());
    switch (id) {
      case kModuleName: {
        WASMCAP_TRY_ASSIGN(std::string name, sub.name());
        names.module = std::move(name);
        break;
      }
      case kFunctionNames: {
        WASMCAP_TRY_ASSIGN(names.functions, readNameMap(sub));
        break;
      }
      case kLocalNames: {
        WASMCAP_TRY_ASSIGN(uint32_t n, readCount(sub));
        for (uint32_t i = 0; i < n; ++i) {
          WASMCAP_TRY_ASSIGN(uint32_t func, sub.u32());
          WASMCAP_TRY_ASSIGN(names.locals[func], readNameMap(sub));
        }
        break;
      }
      default:  // label, type, table, ... names (extended name section): not kept
        WASMCAP_TRY(sub.skip(size));
        break;
    }
    if (!sub.atEnd()) return sub.malformed("name subsection size mismatch");
    WASMCAP_TRY(r.skip(size));
  }
  return names;
}

Result<void> decodeCustomSection(Reader& r, DecodeContext& ctx) {
  ir::Module& m = ctx.module;
  ir::CustomSection custom;
  WASMCAP_TRY_ASSIGN(custom.name, r.name());
  custom.content = ir::ByteSpan{r.offset(), r.remaining()};
  if (custom.name == "name") {
    Reader content(r.pos(), r.pos() + r.remaining(), r.offset());
    auto names = decodeNameSection(content);
    if (names.ok()) m.names = std::move(names).value();
  }
  WASMCAP_TRY(r.skip(r.remaining()));
  m.customs.push_back(std::move(custom));
  return {};
}

}  // namespace wasmcap::binary::detail
