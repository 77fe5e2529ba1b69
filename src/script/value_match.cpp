#include "script/value_match.h"

#include <cinttypes>
#include <cstdio>
#include <cstring>

#include "script/value_text.h"

namespace wasmcap::script {
namespace {

using text::NanPattern;

template <typename Bits>
bool matchesNan(Bits bits, NanPattern pattern, Bits expMask, Bits quietBit) {
  const Bits payloadMask = quietBit | (quietBit - 1);
  if ((bits & expMask) != expMask) return false;
  switch (pattern) {
    case NanPattern::Canonical: return (bits & payloadMask) == quietBit;
    case NanPattern::Arithmetic: return (bits & quietBit) != 0;
    case NanPattern::None: return false;
  }
  return false;
}

const char* nanName(NanPattern p) { return p == NanPattern::Canonical ? "nan:canonical" : "nan:arithmetic"; }

NanPattern laneNan(const text::ScriptExpected& e, size_t lane) {
  return lane < e.laneNans.size() ? e.laneNans[lane] : NanPattern::None;
}

std::string shapeName(unsigned laneBits, bool isFloat) {
  return (isFloat ? "f" : "i") + std::to_string(laneBits) + "x" + std::to_string(128 / laneBits);
}

bool validShape(unsigned laneBits) { return laneBits == 8 || laneBits == 16 || laneBits == 32 || laneBits == 64; }

std::string formatLane(uint64_t v, unsigned laneBits, bool isFloat) {
  if (isFloat && laneBits == 32) return formatF32(static_cast<uint32_t>(v));
  if (isFloat && laneBits == 64) return formatF64(v);
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%0*" PRIx64, static_cast<int>(laneBits / 4), v);
  return buf;
}

}  // namespace

bool matchesNan32(uint32_t bits, NanPattern pattern) {
  return matchesNan<uint32_t>(bits, pattern, 0x7f800000u, 0x00400000u);
}

bool matchesNan64(uint64_t bits, NanPattern pattern) {
  return matchesNan<uint64_t>(bits, pattern, 0x7ff0000000000000ull, 0x0008000000000000ull);
}

uint64_t laneValue(const runtime::V128& v, unsigned laneBits, unsigned lane) {
  const unsigned bytes = laneBits / 8;
  uint64_t out = 0;
  if (bytes == 0 || (lane + 1) * bytes > 16) return 0;
  std::memcpy(&out, v.bytes + lane * bytes, bytes);  // little endian host
  return out;
}

bool matchesV128(const runtime::V128& v, const text::ScriptExpected& e) {
  if (!validShape(e.laneBits)) return false;
  const unsigned lanes = 128 / e.laneBits;
  if (e.laneValues.size() != lanes) return false;
  for (unsigned i = 0; i < lanes; ++i) {
    const uint64_t actual = laneValue(v, e.laneBits, i);
    const NanPattern nan = laneNan(e, i);
    if (nan != NanPattern::None) {
      bool ok = e.laneBits == 32 ? matchesNan32(static_cast<uint32_t>(actual), nan)
                : e.laneBits == 64 ? matchesNan64(actual, nan)
                                   : false;
      if (!ok) return false;
    } else if (actual != e.laneValues[i]) {
      return false;
    }
  }
  return true;
}

bool matchesValue(const runtime::Value& actual, const text::ScriptExpected& e, const ExternRefs& externs) {
  if (e.anyRefKind) return actual.type.isRef() && actual.raw.ref == nullptr;
  if (actual.type.code != e.type.code) return false;
  switch (e.type.code) {
    case ir::TypeCode::I32:
      return actual.raw.i32 == static_cast<uint32_t>(e.bits);
    case ir::TypeCode::I64:
      return actual.raw.i64 == e.bits;
    case ir::TypeCode::F32:
      if (e.nan != NanPattern::None) return matchesNan32(actual.raw.f32, e.nan);
      return actual.raw.f32 == static_cast<uint32_t>(e.bits);
    case ir::TypeCode::F64:
      if (e.nan != NanPattern::None) return matchesNan64(actual.raw.f64, e.nan);
      return actual.raw.f64 == e.bits;
    case ir::TypeCode::V128:
      return matchesV128(actual.raw.v128, e);
    case ir::TypeCode::FuncRef:
    case ir::TypeCode::ExternRef:
    case ir::TypeCode::ExnRef:
      if (e.refNull) return actual.raw.ref == nullptr;
      if (e.refAnyFunc) return actual.raw.ref != nullptr;
      if (e.externIndex) return actual.raw.ref != nullptr && externs.indexOf(actual.raw.ref) == e.externIndex;
      return false;
    default:
      return false;
  }
}

bool matchesResults(std::span<const runtime::Value> actual, std::span<const text::ScriptExpected> expected,
                    const ExternRefs& externs) {
  if (actual.size() != expected.size()) return false;
  for (size_t i = 0; i < actual.size(); ++i) {
    if (!matchesValue(actual[i], expected[i], externs)) return false;
  }
  return true;
}

std::string describeExpected(const text::ScriptExpected& e) {
  std::string out = std::string(ir::valTypeName(e.type)) + ":";
  switch (e.type.code) {
    case ir::TypeCode::I32:
      return out + std::to_string(static_cast<int32_t>(static_cast<uint32_t>(e.bits)));
    case ir::TypeCode::I64:
      return out + std::to_string(static_cast<int64_t>(e.bits));
    case ir::TypeCode::F32:
      return out + (e.nan != NanPattern::None ? nanName(e.nan) : formatF32(static_cast<uint32_t>(e.bits)));
    case ir::TypeCode::F64:
      return out + (e.nan != NanPattern::None ? nanName(e.nan) : formatF64(e.bits));
    case ir::TypeCode::V128: {
      if (!validShape(e.laneBits)) return out + "<no lane shape>";
      out += shapeName(e.laneBits, e.laneIsFloat) + ":";
      for (size_t i = 0; i < e.laneValues.size(); ++i) {
        if (i) out += " ";
        NanPattern nan = laneNan(e, i);
        out += nan != NanPattern::None ? nanName(nan) : formatLane(e.laneValues[i], e.laneBits, e.laneIsFloat);
      }
      return out;
    }
    case ir::TypeCode::FuncRef:
    case ir::TypeCode::ExternRef:
      if (e.refNull) return out + "null";
      if (e.refAnyFunc) return out + "ref.func";
      if (e.externIndex) return out + "ref.extern " + std::to_string(*e.externIndex);
      return out + "?";
    default:
      return out + "?";
  }
}

std::string describeActual(const runtime::Value& actual, const ExternRefs& externs,
                           const text::ScriptExpected* like) {
  if (actual.type.code == ir::TypeCode::V128 && like && like->type.code == ir::TypeCode::V128 &&
      validShape(like->laneBits)) {
    std::string out = "v128:" + shapeName(like->laneBits, like->laneIsFloat) + ":";
    for (unsigned i = 0; i < 128 / like->laneBits; ++i) {
      if (i) out += " ";
      out += formatLane(laneValue(actual.raw.v128, like->laneBits, i), like->laneBits, like->laneIsFloat);
    }
    return out;
  }
  if (actual.type.code == ir::TypeCode::ExternRef && actual.raw.ref != nullptr) {
    if (auto n = externs.indexOf(actual.raw.ref)) return "externref:ref.extern " + std::to_string(*n);
  }
  return formatValue(actual);
}

}  // namespace wasmcap::script
