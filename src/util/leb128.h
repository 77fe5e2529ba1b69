// LEB128 decoding with the spec's strictness: at most ceil(N/7) bytes, and the
// unused bits of the last byte must be a sign/zero extension.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace wasmcap::leb128 {

enum class Status : uint8_t { Ok, Truncated, TooLong, BadPadding };

// Decode an unsigned N-bit LEB128 (N = 1..64) from [p, end). On success
// stores the value and the number of bytes consumed.
Status readUnsigned(const uint8_t* p, const uint8_t* end, unsigned bits, uint64_t* value, size_t* len);
// Decode a signed N-bit LEB128 (N = 1..64).
Status readSigned(const uint8_t* p, const uint8_t* end, unsigned bits, int64_t* value, size_t* len);

void writeUnsigned(std::vector<uint8_t>& out, uint64_t value);
void writeSigned(std::vector<uint8_t>& out, int64_t value);

}  // namespace wasmcap::leb128
