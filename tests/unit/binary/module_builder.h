// Small helpers to write test modules byte by byte.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <vector>

#include "binary/decoder.h"

namespace wasmcap::binary::test {

using Bytes = std::vector<uint8_t>;

inline Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

inline Bytes uleb(uint64_t v) {
  Bytes out;
  do {
    uint8_t b = v & 0x7F;
    v >>= 7;
    if (v) b |= 0x80;
    out.push_back(b);
  } while (v);
  return out;
}

inline Bytes str(std::string_view s) {
  Bytes out = uleb(s.size());
  out.insert(out.end(), s.begin(), s.end());
  return out;
}

inline Bytes header() { return {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00}; }

// A section: id, LEB128 size, payload.
inline Bytes section(uint8_t id, const Bytes& payload) { return cat({{id}, uleb(payload.size()), payload}); }

inline Bytes module(std::initializer_list<Bytes> sections) {
  Bytes out = header();
  for (const Bytes& s : sections) out.insert(out.end(), s.begin(), s.end());
  return out;
}

// Frequently used pieces.
inline Bytes typeSectionVoid() { return section(1, {0x01, 0x60, 0x00, 0x00}); }     // 1 type: () -> ()
inline Bytes funcSection(uint8_t count) {
  Bytes p = {count};
  for (uint8_t i = 0; i < count; ++i) p.push_back(0x00);
  return section(3, p);
}
inline Bytes emptyBody() { return {0x02, 0x00, 0x0B}; }  // size 2: no locals, end

inline Result<ir::Module> decode(const Bytes& bytes, const Features& features = Features()) {
  return decodeModule(bytes, features);
}

}  // namespace wasmcap::binary::test
