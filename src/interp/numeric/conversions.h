// Conversion instructions between integers and floats, one inline function per
// opcode of ir/opcodes.def, named like the opcode's enum. Same convention as
// float_ops.h: integers as uint32_t/uint64_t slot values, floats as bit
// patterns.
//   trapping truncation   I32TruncF32S(uint32_t f32bits) -> Checked<uint32_t>
//                         (NaN: InvalidConversion; out of range: IntegerOverflow)
//   saturating truncation I32TruncSatF32S(uint32_t f32bits) -> uint32_t
//                         (NaN -> 0, out of range -> the nearest bound)
//   int -> float          F32ConvertI64U(uint64_t) -> uint32_t f32bits (rounded
//                         to nearest-even in one step)
//   demote / promote      F32DemoteF64(uint64_t) -> uint32_t, F64PromoteF32(uint32_t) -> uint64_t
//   reinterpret           identity on the bits
#pragma once
#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "interp/numeric/bits.h"

namespace wasmcap::interp::numeric {

namespace detail {

// 2^n as a Float, for n in {31, 32, 63, 64}: exact in float and double.
template <typename Float>
constexpr Float pow2(int n) {
  Float r = 1;
  for (int i = 0; i < n; ++i) r *= 2;
  return r;
}

// Whether the already truncated, non-NaN value `t` fits in Int. The bounds are
// powers of two, so the comparisons are exact in either float type.
template <typename Int, typename Float>
inline bool truncatedFits(Float t) {
  constexpr int kBits = std::numeric_limits<Int>::digits + (std::is_signed_v<Int> ? 1 : 0);
  if constexpr (std::is_signed_v<Int>) {
    return t >= -pow2<Float>(kBits - 1) && t < pow2<Float>(kBits - 1);
  } else {
    return t >= Float(0) && t < pow2<Float>(kBits);  // -0.0 >= 0 holds
  }
}

template <typename Int, typename Float>
inline Checked<std::make_unsigned_t<Int>> truncTrapping(Float x) {
  using U = std::make_unsigned_t<Int>;
  if (x != x) return Checked<U>::failure(runtime::TrapKind::InvalidConversion);
  Float t = std::trunc(x);
  if (!truncatedFits<Int>(t)) return Checked<U>::failure(runtime::TrapKind::IntegerOverflow);
  return Checked<U>::success(static_cast<U>(static_cast<Int>(t)));
}

template <typename Int, typename Float>
inline std::make_unsigned_t<Int> truncSaturating(Float x) {
  using U = std::make_unsigned_t<Int>;
  if (x != x) return 0;
  Float t = std::trunc(x);
  if (truncatedFits<Int>(t)) return static_cast<U>(static_cast<Int>(t));
  return static_cast<U>(t < Float(0) ? std::numeric_limits<Int>::min() : std::numeric_limits<Int>::max());
}

}  // namespace detail

// ---- float -> int, trapping ----------------------------------------------
inline Checked<uint32_t> I32TruncF32S(uint32_t a) { return detail::truncTrapping<int32_t>(AsF32(a)); }
inline Checked<uint32_t> I32TruncF32U(uint32_t a) { return detail::truncTrapping<uint32_t>(AsF32(a)); }
inline Checked<uint32_t> I32TruncF64S(uint64_t a) { return detail::truncTrapping<int32_t>(AsF64(a)); }
inline Checked<uint32_t> I32TruncF64U(uint64_t a) { return detail::truncTrapping<uint32_t>(AsF64(a)); }
inline Checked<uint64_t> I64TruncF32S(uint32_t a) { return detail::truncTrapping<int64_t>(AsF32(a)); }
inline Checked<uint64_t> I64TruncF32U(uint32_t a) { return detail::truncTrapping<uint64_t>(AsF32(a)); }
inline Checked<uint64_t> I64TruncF64S(uint64_t a) { return detail::truncTrapping<int64_t>(AsF64(a)); }
inline Checked<uint64_t> I64TruncF64U(uint64_t a) { return detail::truncTrapping<uint64_t>(AsF64(a)); }

// ---- float -> int, saturating --------------------------------------------
inline uint32_t I32TruncSatF32S(uint32_t a) { return detail::truncSaturating<int32_t>(AsF32(a)); }
inline uint32_t I32TruncSatF32U(uint32_t a) { return detail::truncSaturating<uint32_t>(AsF32(a)); }
inline uint32_t I32TruncSatF64S(uint64_t a) { return detail::truncSaturating<int32_t>(AsF64(a)); }
inline uint32_t I32TruncSatF64U(uint64_t a) { return detail::truncSaturating<uint32_t>(AsF64(a)); }
inline uint64_t I64TruncSatF32S(uint32_t a) { return detail::truncSaturating<int64_t>(AsF32(a)); }
inline uint64_t I64TruncSatF32U(uint32_t a) { return detail::truncSaturating<uint64_t>(AsF32(a)); }
inline uint64_t I64TruncSatF64S(uint64_t a) { return detail::truncSaturating<int64_t>(AsF64(a)); }
inline uint64_t I64TruncSatF64U(uint64_t a) { return detail::truncSaturating<uint64_t>(AsF64(a)); }

// ---- int -> float ----------------------------------------------------------
// C++ requires integer -> floating conversions to round in the current mode
// (nearest-even, never changed), in one step; GCC and Clang honour that also
// for uint64_t -> float, which has no single x86-64 instruction.
inline uint32_t F32ConvertI32S(uint32_t a) { return F32Bits(static_cast<float>(static_cast<int32_t>(a))); }
inline uint32_t F32ConvertI32U(uint32_t a) { return F32Bits(static_cast<float>(a)); }
inline uint32_t F32ConvertI64S(uint64_t a) { return F32Bits(static_cast<float>(static_cast<int64_t>(a))); }
inline uint32_t F32ConvertI64U(uint64_t a) { return F32Bits(static_cast<float>(a)); }
inline uint64_t F64ConvertI32S(uint32_t a) { return F64Bits(static_cast<double>(static_cast<int32_t>(a))); }
inline uint64_t F64ConvertI32U(uint32_t a) { return F64Bits(static_cast<double>(a)); }
inline uint64_t F64ConvertI64S(uint64_t a) { return F64Bits(static_cast<double>(static_cast<int64_t>(a))); }
inline uint64_t F64ConvertI64U(uint64_t a) { return F64Bits(static_cast<double>(a)); }

// ---- float <-> float -------------------------------------------------------
// Rounds to nearest-even (overflow to infinity); a NaN stays a quiet NaN.
inline uint32_t F32DemoteF64(uint64_t a) { return F32Bits(static_cast<float>(AsF64(a))); }
inline uint64_t F64PromoteF32(uint32_t a) { return F64Bits(static_cast<double>(AsF32(a))); }

// ---- reinterpret: floats already travel as bits ----------------------------
inline uint32_t I32ReinterpretF32(uint32_t a) { return a; }
inline uint64_t I64ReinterpretF64(uint64_t a) { return a; }
inline uint32_t F32ReinterpretI32(uint32_t a) { return a; }
inline uint64_t F64ReinterpretI64(uint64_t a) { return a; }

}  // namespace wasmcap::interp::numeric
