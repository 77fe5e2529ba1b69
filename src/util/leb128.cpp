#include "util/leb128.h"

namespace wasmcap::leb128 {

Status readUnsigned(const uint8_t* p, const uint8_t* end, unsigned bits, uint64_t* value, size_t* len) {
  const unsigned maxBytes = (bits + 6) / 7;
  uint64_t result = 0;
  for (unsigned i = 0;; ++i) {
    if (p + i >= end) return Status::Truncated;
    if (i >= maxBytes) return Status::TooLong;
    uint8_t byte = p[i];
    unsigned shift = 7 * i;
    result |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if (i == maxBytes - 1) {
      // Bits beyond `bits` in the final byte must be zero (and no continuation).
      if (byte & 0x80) return Status::TooLong;
      unsigned usedBits = bits - shift;  // 1..7
      if (usedBits < 7 && (byte >> usedBits) != 0) return Status::BadPadding;
    }
    if (!(byte & 0x80)) {
      *value = result;
      *len = i + 1;
      return Status::Ok;
    }
  }
}

Status readSigned(const uint8_t* p, const uint8_t* end, unsigned bits, int64_t* value, size_t* len) {
  const unsigned maxBytes = (bits + 6) / 7;
  uint64_t result = 0;
  for (unsigned i = 0;; ++i) {
    if (p + i >= end) return Status::Truncated;
    if (i >= maxBytes) return Status::TooLong;
    uint8_t byte = p[i];
    unsigned shift = 7 * i;
    result |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if (i == maxBytes - 1) {
      if (byte & 0x80) return Status::TooLong;
      // The unused high bits must all equal the sign bit of the value.
      unsigned usedBits = bits - shift;  // 1..7
      if (usedBits < 7) {
        unsigned payload = byte & 0x7f;
        unsigned signBit = (payload >> (usedBits - 1)) & 1;
        unsigned high = payload >> usedBits;
        unsigned allOnes = (1u << (7 - usedBits)) - 1;
        if (high != (signBit ? allOnes : 0u)) return Status::BadPadding;
      }
    }
    if (!(byte & 0x80)) {
      shift += 7;
      if (shift < 64 && (byte & 0x40)) result |= ~uint64_t{0} << shift;
      *value = static_cast<int64_t>(result);
      *len = i + 1;
      return Status::Ok;
    }
  }
}

void writeUnsigned(std::vector<uint8_t>& out, uint64_t value) {
  do {
    uint8_t byte = value & 0x7f;
    value >>= 7;
    if (value) byte |= 0x80;
    out.push_back(byte);
  } while (value);
}

void writeSigned(std::vector<uint8_t>& out, int64_t value) {
  bool more = true;
  while (more) {
    uint8_t byte = value & 0x7f;
    value >>= 7;  // arithmetic shift
    more = !((value == 0 && !(byte & 0x40)) || (value == -1 && (byte & 0x40)));
    if (more) byte |= 0x80;
    out.push_back(byte);
  }
}

}  // namespace wasmcap::leb128
