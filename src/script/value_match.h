// Comparing results against assert_return expectations: exact bits for
// integers and floats, the spec's NaN patterns, v128 lane by lane in the
// expected shape, and references.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "runtime/value.h"
#include "script/extern_refs.h"
#include "text/script.h"

namespace wasmcap::script {

// nan:canonical: exponent all ones, quiet bit set, rest of the payload zero (either sign).
// nan:arithmetic: exponent all ones and quiet bit set (any payload, either sign).
bool matchesNan32(uint32_t bits, text::NanPattern pattern);
bool matchesNan64(uint64_t bits, text::NanPattern pattern);

// Lane `lane` of `v` as an unsigned integer of `laneBits` bits (8/16/32/64).
uint64_t laneValue(const runtime::V128& v, unsigned laneBits, unsigned lane);

bool matchesV128(const runtime::V128& v, const text::ScriptExpected& expected);
bool matchesValue(const runtime::Value& actual, const text::ScriptExpected& expected, const ExternRefs& externs);
bool matchesResults(std::span<const runtime::Value> actual, std::span<const text::ScriptExpected> expected,
                    const ExternRefs& externs);

// Text for messages: "i32:42", "f32:nan:canonical", "v128:f32x4:1 nan:arithmetic 3 4",
// "externref:ref.extern 3", "funcref:ref.func".
std::string describeExpected(const text::ScriptExpected& expected);
// `like`, when given, picks the lane shape used to print a v128.
std::string describeActual(const runtime::Value& actual, const ExternRefs& externs,
                           const text::ScriptExpected* like = nullptr);

}  // namespace wasmcap::script
