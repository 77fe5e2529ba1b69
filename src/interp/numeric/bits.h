// Shared plumbing for the numeric helpers: float <-> bit-pattern casts, NaN
// bit masks, and Checked<T>, the result of an operation that may trap.
#pragma once
#include <bit>
#include <cstdint>
#include <limits>

#include "runtime/trap.h"

namespace wasmcap::interp::numeric {

static_assert(std::numeric_limits<float>::is_iec559 && std::numeric_limits<double>::is_iec559,
              "WebAssembly floats are IEEE 754 binary32/binary64");

inline float AsF32(uint32_t bits) { return std::bit_cast<float>(bits); }
inline double AsF64(uint64_t bits) { return std::bit_cast<double>(bits); }
inline uint32_t F32Bits(float f) { return std::bit_cast<uint32_t>(f); }
inline uint64_t F64Bits(double d) { return std::bit_cast<uint64_t>(d); }

constexpr uint32_t kF32SignBit = 0x80000000u;
constexpr uint32_t kF32QuietBit = 0x00400000u;
constexpr uint32_t kF32CanonicalNaN = 0x7FC00000u;
constexpr uint64_t kF64SignBit = 0x8000000000000000ull;
constexpr uint64_t kF64QuietBit = 0x0008000000000000ull;
constexpr uint64_t kF64CanonicalNaN = 0x7FF8000000000000ull;

inline bool F32IsNaN(uint32_t bits) { return (bits & ~kF32SignBit) > 0x7F800000u; }
inline bool F64IsNaN(uint64_t bits) { return (bits & ~kF64SignBit) > 0x7FF0000000000000ull; }

// The result of an instruction that can trap (division, trapping truncation).
// When `ok` is false, `trap` says which trap and `value` is meaningless.
template <typename T>
struct Checked {
  T value = 0;
  bool ok = true;
  runtime::TrapKind trap = runtime::TrapKind::Unreachable;

  static Checked success(T v) { return Checked{v, true, runtime::TrapKind::Unreachable}; }
  static Checked failure(runtime::TrapKind k) { return Checked{0, false, k}; }
};

}  // namespace wasmcap::interp::numeric
