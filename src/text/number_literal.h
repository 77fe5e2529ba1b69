// Integer and floating-point literals of the text format, with the spec's
// exact ranges and rounding.
#pragma once
#include <cstdint>
#include <string_view>

namespace wasmcap::text {

enum class LiteralStatus : uint8_t { Ok, NotANumber, OutOfRange };

// An unsigned literal (decimal or 0x hex, '_' between digits), no sign. The
// value must fit in `bits` bits.
LiteralStatus parseUnsigned(std::string_view text, unsigned bits, uint64_t* out);

// An iN literal: unsigned in [0, 2^N) without a sign, or signed in
// [-2^(N-1), 2^(N-1)) with an explicit sign ('+' or '-'). The result is the two's complement bit pattern in the low N bits.
LiteralStatus parseInteger(std::string_view text, unsigned bits, uint64_t* out);

// An fN literal (decimal, hex, inf, nan, nan:0xN), rounded to nearest even;
// the result is the IEEE bit pattern. A finite literal that rounds to infinity
// is OutOfRange, as is a NaN payload that is zero or too wide.
LiteralStatus parseFloat32(std::string_view text, uint32_t* bits);
LiteralStatus parseFloat64(std::string_view text, uint64_t* bits);

// True when the text looks like a number (used to tell numbers from keywords).
bool startsLikeNumber(std::string_view text);

// True when the text is a well-formed number token of any kind (natural,
// signed integer or float), whatever its range. A run of id characters that is
// neither such a token nor a keyword is what the spec calls an unknown operator.
bool isNumberSyntax(std::string_view text);

}  // namespace wasmcap::text
