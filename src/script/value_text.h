// Values as text, for the CLI and for failure messages: parsing a command-line
// argument according to a parameter type, and printing a result.
//
// Printed form (one value): "<type>:<value>", e.g. "i32:42", "i64:-1",
// "f32:1.5", "f64:-inf", "f32:nan", "f32:nan:0x200000" (a NaN whose payload is
// not the canonical one), "v128:i32x4:0x00000001 0x00000002 0x00000003 0x00000004",
// "funcref:null", "externref:null". Integers print signed decimal; floats print
// the shortest decimal that reads back to the same bits.
#pragma once
#include <string>
#include <string_view>

#include "ir/types.h"
#include "runtime/value.h"
#include "util/result.h"

namespace wasmcap::script {

// Parse `text` as a value of `type`:
//  i32/i64: decimal (optionally signed) or 0x-prefixed hex; any value in
//           [-2^(N-1), 2^N) is accepted, negative values wrap to two's complement.
//  f32/f64: decimal or hex float, "inf", "-inf", "nan", "-nan", "nan:0xPAYLOAD".
//  funcref/externref: "null" only.
//  v128: 32 hex digits after "0x", most significant byte first.
Result<runtime::Value> parseValue(ir::ValType type, std::string_view text);

std::string formatF32(uint32_t bits);
std::string formatF64(uint64_t bits);
std::string formatValue(const runtime::Value& value);

}  // namespace wasmcap::script
