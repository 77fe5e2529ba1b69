// The SIMD functions compute on whole vectors (vector-extension views, SSE2
// where plain C++ has no form). Each is checked here, bit for bit, against a
// lane-by-lane reference written from the spec's definition (floats: the
// scalar instruction of interp/numeric on each lane), over edge-value and
// random vectors; and each portable fallback against the form in use.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "interp/simd/simd.h"

namespace {

using namespace wasmcap::interp;
using wasmcap::runtime::V128;

template <typename T>
T lane(const V128& v, unsigned i) {
  T x;
  std::memcpy(&x, v.bytes + i * sizeof(T), sizeof(T));
  return x;
}
template <typename T>
void setLane(V128& v, unsigned i, T x) {
  std::memcpy(v.bytes + i * sizeof(T), &x, sizeof(T));
}

std::string hex(const V128& v) {
  std::string s;
  char buf[4];
  for (int i = 15; i >= 0; --i) {
    std::snprintf(buf, sizeof buf, "%02x", v.bytes[i]);
    s += buf;
  }
  return s;
}

// Vectors whose lanes, in every shape, include the values where integer and
// float semantics have their edges; then random ones.
std::vector<V128> inputs() {
  std::vector<V128> out;
  auto fill = [&](auto value) {
    using T = decltype(value);
    V128 v;
    for (unsigned i = 0; i < 16 / sizeof(T); ++i) setLane<T>(v, i, value);
    out.push_back(v);
  };
  for (uint8_t x : {0x00, 0x01, 0x7f, 0x80, 0x81, 0xfe, 0xff}) fill(x);
  for (uint16_t x : {0x7fff, 0x8000, 0x8001, 0x00ff, 0xff00, 0xc000, 0x4000}) fill(x);
  for (uint32_t x : {0x7fffffffu, 0x80000000u, 0x00008000u, 0xffff8000u}) fill(x);
  for (uint64_t x : {0x8000000000000000ull, 0x7fffffffffffffffull, 0x0000000080000000ull}) fill(x);
  // f32 lanes: zeros, infinities, NaNs (quiet, signalling, negative, with
  // payload), subnormals, integers around the i32/u32 bounds, fractions.
  const uint32_t f32s[] = {0x00000000, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7fa00001,
                           0xff800123, 0x00000001, 0x807fffff, 0x3f800000, 0xbf800000, 0x3f000000, 0xbf000000,
                           0x4f000000, 0xcf000000, 0x4effffff, 0xcf000001, 0x4f800000, 0x4f7fffff, 0x7f7fffff,
                           0xbf7fffff, 0x3fc00000, 0x40200000, 0xc0200000, 0x3effffff};
  const uint64_t f64s[] = {0x0000000000000000ull, 0x8000000000000000ull, 0x7ff0000000000000ull, 0xfff0000000000000ull,
                           0x7ff8000000000000ull, 0xfff8000000000000ull, 0x7ff4000000000001ull, 0x0000000000000001ull,
                           0x3ff0000000000000ull, 0xbff0000000000000ull, 0x41dfffffffc00000ull, 0xc1e0000000000000ull,
                           0x41efffffffe00000ull, 0x7fefffffffffffffull, 0x3fe0000000000000ull, 0x4004000000000000ull};
  std::mt19937_64 rng(20261121);
  for (size_t i = 0; i < std::size(f32s); i += 4) {
    V128 v;
    for (unsigned l = 0; l < 4; ++l) setLane<uint32_t>(v, l, f32s[(i + l) % std::size(f32s)]);
    out.push_back(v);
  }
  for (size_t i = 0; i < std::size(f64s); i += 2) {
    V128 v;
    for (unsigned l = 0; l < 2; ++l) setLane<uint64_t>(v, l, f64s[(i + l) % std::size(f64s)]);
    out.push_back(v);
  }
  for (int n = 0; n < 16; ++n) {  // float specials in random lane order
    V128 v, w;
    for (unsigned l = 0; l < 4; ++l) setLane<uint32_t>(v, l, f32s[rng() % std::size(f32s)]);
    for (unsigned l = 0; l < 2; ++l) setLane<uint64_t>(w, l, f64s[rng() % std::size(f64s)]);
    out.push_back(v);
    out.push_back(w);
  }
  for (int n = 0; n < 24; ++n) {
    V128 v;
    setLane<uint64_t>(v, 0, rng());
    setLane<uint64_t>(v, 1, rng());
    out.push_back(v);
  }
  return out;
}

const std::vector<V128>& allInputs() {
  static const std::vector<V128> v = inputs();
  return v;
}

using Unary = std::function<V128(V128)>;
using Binary = std::function<V128(V128, V128)>;

void checkUnary(const char* name, const Unary& got, const Unary& want) {
  int failures = 0;
  for (const V128& a : allInputs()) {
    V128 g = got(a), w = want(a);
    if (!(g == w) && failures++ < 3) ADD_FAILURE() << name << "(" << hex(a) << ") = " << hex(g) << ", want " << hex(w);
  }
}

void checkBinary(const char* name, const Binary& got, const Binary& want) {
  int failures = 0;
  for (const V128& a : allInputs()) {
    for (const V128& b : allInputs()) {
      V128 g = got(a, b), w = want(a, b);
      if (!(g == w) && failures++ < 3) {
        ADD_FAILURE() << name << "(" << hex(a) << ", " << hex(b) << ") = " << hex(g) << ", want " << hex(w);
      }
    }
  }
}

// Lane-wise references over lanes of T.
template <typename T, typename F>
Unary ref1(F f) {
  return [f](V128 a) {
    V128 r;
    for (unsigned i = 0; i < 16 / sizeof(T); ++i) setLane<T>(r, i, static_cast<T>(f(lane<T>(a, i))));
    return r;
  };
}
template <typename T, typename F>
Binary ref2(F f) {
  return [f](V128 a, V128 b) {
    V128 r;
    for (unsigned i = 0; i < 16 / sizeof(T); ++i) setLane<T>(r, i, static_cast<T>(f(lane<T>(a, i), lane<T>(b, i))));
    return r;
  };
}
template <typename T>
T ones(bool b) {
  return b ? static_cast<T>(~T{0}) : T{0};
}
template <typename T>
int64_t sx(T x) {
  return static_cast<std::make_signed_t<T>>(x);
}
int64_t clampTo(int64_t v, int64_t lo, int64_t hi) { return v < lo ? lo : v > hi ? hi : v; }

#define INT_BASIC(P, T)                                                                                      \
  checkBinary(#P "Add", simd::P##Add, ref2<T>([](T x, T y) { return uint64_t{x} + y; }));                    \
  checkBinary(#P "Sub", simd::P##Sub, ref2<T>([](T x, T y) { return uint64_t{x} - y; }));                    \
  checkUnary(#P "Neg", simd::P##Neg, ref1<T>([](T x) { return 0 - uint64_t{x}; }));                          \
  checkUnary(#P "Abs", simd::P##Abs, ref1<T>([](T x) { return sx(x) < 0 ? 0 - uint64_t{x} : uint64_t{x}; })); \
  checkBinary(#P "Eq", simd::P##Eq, ref2<T>([](T x, T y) { return ones<T>(x == y); }));                      \
  checkBinary(#P "Ne", simd::P##Ne, ref2<T>([](T x, T y) { return ones<T>(x != y); }));                      \
  checkBinary(#P "LtS", simd::P##LtS, ref2<T>([](T x, T y) { return ones<T>(sx(x) < sx(y)); }));             \
  checkBinary(#P "GtS", simd::P##GtS, ref2<T>([](T x, T y) { return ones<T>(sx(x) > sx(y)); }));             \
  checkBinary(#P "LeS", simd::P##LeS, ref2<T>([](T x, T y) { return ones<T>(sx(x) <= sx(y)); }));            \
  checkBinary(#P "GeS", simd::P##GeS, ref2<T>([](T x, T y) { return ones<T>(sx(x) >= sx(y)); }));
#define INT_UNSIGNED_CMP_MINMAX(P, T)                                                                 \
  checkBinary(#P "LtU", simd::P##LtU, ref2<T>([](T x, T y) { return ones<T>(x < y); }));              \
  checkBinary(#P "GtU", simd::P##GtU, ref2<T>([](T x, T y) { return ones<T>(x > y); }));              \
  checkBinary(#P "LeU", simd::P##LeU, ref2<T>([](T x, T y) { return ones<T>(x <= y); }));             \
  checkBinary(#P "GeU", simd::P##GeU, ref2<T>([](T x, T y) { return ones<T>(x >= y); }));             \
  checkBinary(#P "MinS", simd::P##MinS, ref2<T>([](T x, T y) { return sx(x) < sx(y) ? x : y; }));     \
  checkBinary(#P "MinU", simd::P##MinU, ref2<T>([](T x, T y) { return x < y ? x : y; }));             \
  checkBinary(#P "MaxS", simd::P##MaxS, ref2<T>([](T x, T y) { return sx(x) > sx(y) ? x : y; }));     \
  checkBinary(#P "MaxU", simd::P##MaxU, ref2<T>([](T x, T y) { return x > y ? x : y; }));
#define INT_SAT(P, T, SMIN, SMAX, UMAX)                                                                            \
  checkBinary(#P "AddSatS", simd::P##AddSatS, ref2<T>([](T x, T y) { return clampTo(sx(x) + sx(y), SMIN, SMAX); })); \
  checkBinary(#P "SubSatS", simd::P##SubSatS, ref2<T>([](T x, T y) { return clampTo(sx(x) - sx(y), SMIN, SMAX); })); \
  checkBinary(#P "AddSatU", simd::P##AddSatU, ref2<T>([](T x, T y) { return clampTo(int64_t{x} + y, 0, UMAX); }));   \
  checkBinary(#P "SubSatU", simd::P##SubSatU, ref2<T>([](T x, T y) { return clampTo(int64_t{x} - y, 0, UMAX); }));   \
  checkBinary(#P "AvgrU", simd::P##AvgrU, ref2<T>([](T x, T y) { return (uint64_t{x} + y + 1) / 2; }));

TEST(SimdVectorForms, IntegerArithmeticAndComparisons) {
  INT_BASIC(I8x16, uint8_t)
  INT_BASIC(I16x8, uint16_t)
  INT_BASIC(I32x4, uint32_t)
  INT_BASIC(I64x2, uint64_t)
  INT_UNSIGNED_CMP_MINMAX(I8x16, uint8_t)
  INT_UNSIGNED_CMP_MINMAX(I16x8, uint16_t)
  INT_UNSIGNED_CMP_MINMAX(I32x4, uint32_t)
  INT_SAT(I8x16, uint8_t, -128, 127, 255)
  INT_SAT(I16x8, uint16_t, -32768, 32767, 65535)
  checkBinary("I16x8Mul", simd::I16x8Mul, ref2<uint16_t>([](uint16_t x, uint16_t y) { return uint64_t{x} * y; }));
  checkBinary("I32x4Mul", simd::I32x4Mul, ref2<uint32_t>([](uint32_t x, uint32_t y) { return uint64_t{x} * y; }));
  checkBinary("I64x2Mul", simd::I64x2Mul, ref2<uint64_t>([](uint64_t x, uint64_t y) { return x * y; }));
  checkBinary("I16x8Q15mulrSatS", simd::I16x8Q15mulrSatS, ref2<uint16_t>([](uint16_t x, uint16_t y) {
                return clampTo((sx(x) * sx(y) + 0x4000) >> 15, -32768, 32767);
              }));
  checkUnary("I8x16Popcnt", simd::I8x16Popcnt, ref1<uint8_t>([](uint8_t x) {
               int n = 0;
               for (int b = 0; b < 8; ++b) n += (x >> b) & 1;
               return n;
             }));
}
#undef INT_BASIC
#undef INT_UNSIGNED_CMP_MINMAX
#undef INT_SAT

TEST(SimdVectorForms, Shifts) {
  for (uint32_t n : {0u, 1u, 3u, 7u, 8u, 9u, 15u, 16u, 17u, 31u, 32u, 33u, 63u, 64u, 65u, 0xffffffffu}) {
#define SHIFTS(P, T)                                                                                          \
  {                                                                                                           \
    unsigned s = n % (sizeof(T) * 8);                                                                         \
    std::string at = std::string(#P) + " by " + std::to_string(n);                                            \
    checkUnary((at + " shl").c_str(), [n](V128 a) { return simd::P##Shl(a, n); },                             \
               ref1<T>([s](T x) { return uint64_t{x} << s; }));                                               \
    checkUnary((at + " shr_u").c_str(), [n](V128 a) { return simd::P##ShrU(a, n); },                          \
               ref1<T>([s](T x) { return uint64_t{x} >> s; }));                                               \
    checkUnary((at + " shr_s").c_str(), [n](V128 a) { return simd::P##ShrS(a, n); },                          \
               ref1<T>([s](T x) { return sx(x) >> s; }));                                                     \
  }
    SHIFTS(I8x16, uint8_t)
    SHIFTS(I16x8, uint16_t)
    SHIFTS(I32x4, uint32_t)
    SHIFTS(I64x2, uint64_t)
#undef SHIFTS
  }
}

// r[i] = f(a[i + first], b[i + first]) from Narrow lanes into Wide lanes.
template <typename Narrow, typename Wide, typename F>
Binary refWiden2(unsigned first, F f) {
  return [=](V128 a, V128 b) {
    V128 r;
    for (unsigned i = 0; i < 16 / sizeof(Wide); ++i)
      setLane<Wide>(r, i, static_cast<Wide>(f(lane<Narrow>(a, i + first), lane<Narrow>(b, i + first))));
    return r;
  };
}
template <typename Narrow, typename Wide, typename F>
Unary refWiden1(unsigned first, F f) {
  return [=](V128 a) {
    V128 r;
    for (unsigned i = 0; i < 16 / sizeof(Wide); ++i) setLane<Wide>(r, i, static_cast<Wide>(f(lane<Narrow>(a, i + first))));
    return r;
  };
}

TEST(SimdVectorForms, WideningAndNarrowing) {
#define WIDEN(P, N, W, n, Src)                                                                                     \
  checkBinary(#P "ExtmulLow" #Src "S", simd::P##ExtmulLow##Src##S,                                                  \
              refWiden2<N, W>(0, [](N x, N y) { return static_cast<uint64_t>(sx(x) * sx(y)); }));                   \
  checkBinary(#P "ExtmulHigh" #Src "S", simd::P##ExtmulHigh##Src##S,                                                \
              refWiden2<N, W>(n, [](N x, N y) { return static_cast<uint64_t>(sx(x) * sx(y)); }));                   \
  checkBinary(#P "ExtmulLow" #Src "U", simd::P##ExtmulLow##Src##U, refWiden2<N, W>(0, [](N x, N y) { return uint64_t{x} * y; })); \
  checkBinary(#P "ExtmulHigh" #Src "U", simd::P##ExtmulHigh##Src##U, refWiden2<N, W>(n, [](N x, N y) { return uint64_t{x} * y; })); \
  checkUnary(#P "ExtendLow" #Src "S", simd::P##ExtendLow##Src##S, refWiden1<N, W>(0, [](N x) { return sx(x); }));   \
  checkUnary(#P "ExtendHigh" #Src "S", simd::P##ExtendHigh##Src##S, refWiden1<N, W>(n, [](N x) { return sx(x); })); \
  checkUnary(#P "ExtendLow" #Src "U", simd::P##ExtendLow##Src##U, refWiden1<N, W>(0, [](N x) { return x; }));        \
  checkUnary(#P "ExtendHigh" #Src "U", simd::P##ExtendHigh##Src##U, refWiden1<N, W>(n, [](N x) { return x; }));
  WIDEN(I16x8, uint8_t, uint16_t, 8, I8x16)
  WIDEN(I32x4, uint16_t, uint32_t, 4, I16x8)
  WIDEN(I64x2, uint32_t, uint64_t, 2, I32x4)
#undef WIDEN

#define PAIRWISE(Name, N, W, Signed)                                                          \
  checkUnary(#Name, simd::Name, [](V128 a) {                                                  \
    V128 r;                                                                                   \
    for (unsigned i = 0; i < 16 / sizeof(W); ++i) {                                           \
      N x = lane<N>(a, 2 * i), y = lane<N>(a, 2 * i + 1);                                     \
      setLane<W>(r, i, static_cast<W>(Signed ? sx(x) + sx(y) : int64_t{x} + int64_t{y}));     \
    }                                                                                         \
    return r;                                                                                 \
  });
  PAIRWISE(I16x8ExtaddPairwiseI8x16S, uint8_t, uint16_t, true)
  PAIRWISE(I16x8ExtaddPairwiseI8x16U, uint8_t, uint16_t, false)
  PAIRWISE(I32x4ExtaddPairwiseI16x8S, uint16_t, uint32_t, true)
  PAIRWISE(I32x4ExtaddPairwiseI16x8U, uint16_t, uint32_t, false)
#undef PAIRWISE

  Binary dotRef = [](V128 a, V128 b) {
    V128 r;
    for (unsigned i = 0; i < 4; ++i) {
      int64_t s = sx(lane<uint16_t>(a, 2 * i)) * sx(lane<uint16_t>(b, 2 * i)) +
                  sx(lane<uint16_t>(a, 2 * i + 1)) * sx(lane<uint16_t>(b, 2 * i + 1));
      setLane<uint32_t>(r, i, static_cast<uint32_t>(s));
    }
    return r;
  };
  checkBinary("I32x4DotI16x8S", simd::I32x4DotI16x8S, dotRef);
  checkBinary("dotI16x8SPortable", simd::detail::dotI16x8SPortable, dotRef);

#define NARROW(Name, W, N, lo, hi)                                                               \
  {                                                                                              \
    Binary want = [](V128 a, V128 b) {                                                           \
      V128 r;                                                                                    \
      constexpr unsigned n = 16 / sizeof(W);                                                     \
      for (unsigned i = 0; i < 2 * n; ++i)                                                       \
        setLane<N>(r, i, static_cast<N>(clampTo(sx(i < n ? lane<W>(a, i) : lane<W>(b, i - n)), lo, hi))); \
      return r;                                                                                  \
    };                                                                                           \
    checkBinary(#Name, simd::Name, want);                                                        \
  }
  NARROW(I8x16NarrowI16x8S, uint16_t, uint8_t, -128, 127)
  NARROW(I8x16NarrowI16x8U, uint16_t, uint8_t, 0, 255)
  NARROW(I16x8NarrowI32x4S, uint32_t, uint16_t, -32768, 32767)
  NARROW(I16x8NarrowI32x4U, uint32_t, uint16_t, 0, 65535)
#undef NARROW
  checkBinary("narrowPortable 16->8 S", simd::detail::narrowPortable<uint16_t, uint8_t, true>, simd::I8x16NarrowI16x8S);
  checkBinary("narrowPortable 16->8 U", simd::detail::narrowPortable<uint16_t, uint8_t, false>, simd::I8x16NarrowI16x8U);
  checkBinary("narrowPortable 32->16 S", simd::detail::narrowPortable<uint32_t, uint16_t, true>, simd::I16x8NarrowI32x4S);
}

TEST(SimdVectorForms, PortableFallbacksMatch) {
  using namespace simd::detail;
  checkBinary("addSatSPortable 8", addSatSPortable<uint8_t>, simd::I8x16AddSatS);
  checkBinary("addSatUPortable 8", addSatUPortable<uint8_t>, simd::I8x16AddSatU);
  checkBinary("subSatSPortable 8", subSatSPortable<uint8_t>, simd::I8x16SubSatS);
  checkBinary("subSatUPortable 8", subSatUPortable<uint8_t>, simd::I8x16SubSatU);
  checkBinary("avgrUPortable 8", avgrUPortable<uint8_t>, simd::I8x16AvgrU);
  checkBinary("addSatSPortable 16", addSatSPortable<uint16_t>, simd::I16x8AddSatS);
  checkBinary("addSatUPortable 16", addSatUPortable<uint16_t>, simd::I16x8AddSatU);
  checkBinary("subSatSPortable 16", subSatSPortable<uint16_t>, simd::I16x8SubSatS);
  checkBinary("subSatUPortable 16", subSatUPortable<uint16_t>, simd::I16x8SubSatU);
  checkBinary("avgrUPortable 16", avgrUPortable<uint16_t>, simd::I16x8AvgrU);
  for (const V128& a : allInputs()) {
    EXPECT_EQ(bitmaskPortable<uint8_t>(a), simd::I8x16Bitmask(a)) << hex(a);
    EXPECT_EQ(bitmaskPortable<uint16_t>(a), simd::I16x8Bitmask(a)) << hex(a);
    EXPECT_EQ(bitmaskPortable<uint32_t>(a), simd::I32x4Bitmask(a)) << hex(a);
    EXPECT_EQ(bitmaskPortable<uint64_t>(a), simd::I64x2Bitmask(a)) << hex(a);
  }
}

TEST(SimdVectorForms, Reductions) {
  for (const V128& a : allInputs()) {
    auto allTrue = [&](auto zero) {
      using T = decltype(zero);
      for (unsigned i = 0; i < 16 / sizeof(T); ++i)
        if (lane<T>(a, i) == 0) return 0u;
      return 1u;
    };
    auto bitmask = [&](auto zero) {
      using T = decltype(zero);
      uint32_t r = 0;
      for (unsigned i = 0; i < 16 / sizeof(T); ++i) r |= (sx(lane<T>(a, i)) < 0 ? 1u : 0u) << i;
      return r;
    };
    EXPECT_EQ(simd::I8x16AllTrue(a), allTrue(uint8_t{})) << hex(a);
    EXPECT_EQ(simd::I16x8AllTrue(a), allTrue(uint16_t{})) << hex(a);
    EXPECT_EQ(simd::I32x4AllTrue(a), allTrue(uint32_t{})) << hex(a);
    EXPECT_EQ(simd::I64x2AllTrue(a), allTrue(uint64_t{})) << hex(a);
    EXPECT_EQ(simd::I8x16Bitmask(a), bitmask(uint8_t{})) << hex(a);
    EXPECT_EQ(simd::I16x8Bitmask(a), bitmask(uint16_t{})) << hex(a);
    EXPECT_EQ(simd::I32x4Bitmask(a), bitmask(uint32_t{})) << hex(a);
    EXPECT_EQ(simd::I64x2Bitmask(a), bitmask(uint64_t{})) << hex(a);
    EXPECT_EQ(simd::V128AnyTrue(a), (lane<uint64_t>(a, 0) | lane<uint64_t>(a, 1)) != 0 ? 1u : 0u) << hex(a);
  }
  V128 zero;
  EXPECT_EQ(simd::V128AnyTrue(zero), 0u);
  EXPECT_EQ(simd::I8x16AllTrue(zero), 0u);
}

TEST(SimdVectorForms, BitwiseAndSwizzle) {
  checkUnary("V128Not", simd::V128Not, ref1<uint64_t>([](uint64_t x) { return ~x; }));
  checkBinary("V128And", simd::V128And, ref2<uint64_t>([](uint64_t x, uint64_t y) { return x & y; }));
  checkBinary("V128Andnot", simd::V128Andnot, ref2<uint64_t>([](uint64_t x, uint64_t y) { return x & ~y; }));
  checkBinary("V128Or", simd::V128Or, ref2<uint64_t>([](uint64_t x, uint64_t y) { return x | y; }));
  checkBinary("V128Xor", simd::V128Xor, ref2<uint64_t>([](uint64_t x, uint64_t y) { return x ^ y; }));
  const V128 mask = allInputs()[40];
  checkBinary("V128Bitselect", [&](V128 a, V128 b) { return simd::V128Bitselect(a, b, mask); },
              [&](V128 a, V128 b) {
                V128 r;
                for (unsigned i = 0; i < 16; ++i) r.bytes[i] = (a.bytes[i] & mask.bytes[i]) | (b.bytes[i] & ~mask.bytes[i]);
                return r;
              });
  checkBinary("I8x16Swizzle", simd::I8x16Swizzle, [](V128 a, V128 s) {
    V128 r;
    for (unsigned i = 0; i < 16; ++i) r.bytes[i] = s.bytes[i] < 16 ? a.bytes[s.bytes[i]] : 0;
    return r;
  });
}

// Float lanes: the scalar instruction on each lane, bit for bit; except
// that when the result is a NaN, which input NaN's payload carries over is
// the hardware's (and the compiler's operand order's) choice, as the spec
// allows: a lane must then be a NaN that is canonical when every NaN
// operand is canonical, else at least arithmetic (quiet).
template <typename T>
constexpr T kExponent = static_cast<T>(sizeof(T) == 4 ? 0x7f800000ull : 0x7ff0000000000000ull);
template <typename T>
constexpr T kQuiet = static_cast<T>(sizeof(T) == 4 ? 0x00400000ull : 0x0008000000000000ull);
template <typename T>
constexpr T kMagnitude = static_cast<T>(~(T{1} << (sizeof(T) * 8 - 1)));
template <typename T>
bool isNaN(T x) {
  return (x & kMagnitude<T>) > kExponent<T>;
}
template <typename T>
bool isCanonical(T x) {
  return (x & kMagnitude<T>) == (kExponent<T> | kQuiet<T>);
}

template <typename T, typename F>
void checkFloatArith(const char* name, const Binary& got, F scalar) {
  int failures = 0;
  for (const V128& a : allInputs()) {
    for (const V128& b : allInputs()) {
      V128 g = got(a, b);
      for (unsigned i = 0; i < 16 / sizeof(T); ++i) {
        T x = lane<T>(a, i), y = lane<T>(b, i), r = lane<T>(g, i), w = scalar(x, y);
        bool ok = r == w;
        if (isNaN(w)) {
          bool canonicalIn = (!isNaN(x) || isCanonical(x)) && (!isNaN(y) || isCanonical(y));
          ok = isNaN(r) && (r & kQuiet<T>) != 0 && (!canonicalIn || isCanonical(r));
        }
        if (!ok && failures++ < 3) {
          ADD_FAILURE() << name << "(" << hex(a) << ", " << hex(b) << ") lane " << i << " = " << std::hex << uint64_t{r}
                        << ", want " << uint64_t{w};
        }
      }
    }
  }
}
template <typename T, typename F>
void checkFloatArith1(const char* name, const Unary& got, F scalar) {
  checkFloatArith<T>(name, [&](V128 a, V128) { return got(a); }, [&](T x, T) { return scalar(x); });
}

template <typename T, typename F>
Binary scalar2(F f) {
  return ref2<T>([f](T x, T y) { return f(x, y); });
}

TEST(SimdVectorForms, FloatLanesAreTheScalarInstructions) {
#define FLOAT_OPS(P, T, S)                                                                 \
  checkFloatArith<T>(#P "Add", simd::P##Add, numeric::S##Add);                             \
  checkFloatArith<T>(#P "Sub", simd::P##Sub, numeric::S##Sub);                             \
  checkFloatArith<T>(#P "Mul", simd::P##Mul, numeric::S##Mul);                             \
  checkFloatArith<T>(#P "Div", simd::P##Div, numeric::S##Div);                             \
  checkBinary(#P "Min", simd::P##Min, scalar2<T>(numeric::S##Min));                        \
  checkBinary(#P "Max", simd::P##Max, scalar2<T>(numeric::S##Max));                        \
  checkBinary(#P "Pmin", simd::P##Pmin, scalar2<T>(numeric::S##Pmin));                     \
  checkBinary(#P "Pmax", simd::P##Pmax, scalar2<T>(numeric::S##Pmax));                     \
  checkUnary(#P "Abs", simd::P##Abs, ref1<T>(numeric::S##Abs));                            \
  checkUnary(#P "Neg", simd::P##Neg, ref1<T>(numeric::S##Neg));                            \
  checkFloatArith1<T>(#P "Sqrt", simd::P##Sqrt, numeric::S##Sqrt);                        \
  checkBinary(#P "Eq", simd::P##Eq, ref2<T>([](T x, T y) { return ones<T>(numeric::S##Eq(x, y)); })); \
  checkBinary(#P "Ne", simd::P##Ne, ref2<T>([](T x, T y) { return ones<T>(numeric::S##Ne(x, y)); })); \
  checkBinary(#P "Lt", simd::P##Lt, ref2<T>([](T x, T y) { return ones<T>(numeric::S##Lt(x, y)); })); \
  checkBinary(#P "Gt", simd::P##Gt, ref2<T>([](T x, T y) { return ones<T>(numeric::S##Gt(x, y)); })); \
  checkBinary(#P "Le", simd::P##Le, ref2<T>([](T x, T y) { return ones<T>(numeric::S##Le(x, y)); })); \
  checkBinary(#P "Ge", simd::P##Ge, ref2<T>([](T x, T y) { return ones<T>(numeric::S##Ge(x, y)); }));
  FLOAT_OPS(F32x4, uint32_t, F32)
  FLOAT_OPS(F64x2, uint64_t, F64)
#undef FLOAT_OPS
}

TEST(SimdVectorForms, FloatIntegerConversions) {
  checkUnary("I32x4TruncSatF32x4S", simd::I32x4TruncSatF32x4S, ref1<uint32_t>(numeric::I32TruncSatF32S));
  checkUnary("I32x4TruncSatF32x4U", simd::I32x4TruncSatF32x4U, ref1<uint32_t>(numeric::I32TruncSatF32U));
  checkUnary("F32x4ConvertI32x4S", simd::F32x4ConvertI32x4S, ref1<uint32_t>(numeric::F32ConvertI32S));
  checkUnary("F32x4ConvertI32x4U", simd::F32x4ConvertI32x4U, ref1<uint32_t>(numeric::F32ConvertI32U));
  auto low = [](uint64_t (*f)(uint32_t)) {
    return Unary([f](V128 a) {
      V128 r;
      for (unsigned i = 0; i < 2; ++i) setLane<uint64_t>(r, i, f(lane<uint32_t>(a, i)));
      return r;
    });
  };
  checkUnary("F64x2ConvertLowI32x4S", simd::F64x2ConvertLowI32x4S, low(numeric::F64ConvertI32S));
  checkUnary("F64x2ConvertLowI32x4U", simd::F64x2ConvertLowI32x4U, low(numeric::F64ConvertI32U));
}

}  // namespace

namespace {

// Rounding is exact bit for bit, including NaN lanes (made quiet): checked
// over the shared inputs and over values with fractional parts, halves and
// magnitudes around 2^23 / 2^52, where the vector form changes method.
template <typename T, typename Float>
std::vector<V128> roundingInputs() {
  std::mt19937_64 rng(7);
  const Float p = sizeof(T) == 4 ? Float(8388608.0) : Float(4503599627370496.0);
  std::vector<Float> values = {p, -p, p - Float(0.5), -(p - Float(0.5)), p - 1, p + 1, 2 * p, Float(0.5), Float(-0.5),
                               Float(1.5), Float(-1.5), Float(2.5), Float(-2.5), Float(0.49999997), Float(-0.49999997)};
  for (int i = 0; i < 4000; ++i) {
    Float magnitude = std::ldexp(Float(rng() % 1000000) / 1000000, static_cast<int>(rng() % (sizeof(T) == 4 ? 26 : 55)));
    Float v = (rng() & 1) ? magnitude : -magnitude;
    if (i % 3 == 0) v = std::floor(v) + Float(0.5);
    values.push_back(v);
  }
  std::vector<V128> out = allInputs();
  for (size_t i = 0; i + 16 / sizeof(T) <= values.size(); i += 16 / sizeof(T)) {
    V128 v;
    for (unsigned l = 0; l < 16 / sizeof(T); ++l) setLane<T>(v, l, std::bit_cast<T>(values[i + l]));
    out.push_back(v);
  }
  return out;
}

template <typename T, typename Float>
void checkRounding(const char* name, V128 (*got)(V128), T (*want)(T)) {
  int failures = 0;
  for (const V128& a : roundingInputs<T, Float>()) {
    V128 g = got(a), w = ref1<T>(want)(a);
    if (!(g == w) && failures++ < 3) ADD_FAILURE() << name << "(" << hex(a) << ") = " << hex(g) << ", want " << hex(w);
  }
}

TEST(SimdVectorForms, FloatRoundingIsTheScalarInstruction) {
  checkRounding<uint32_t, float>("F32x4Ceil", simd::F32x4Ceil, numeric::F32Ceil);
  checkRounding<uint32_t, float>("F32x4Floor", simd::F32x4Floor, numeric::F32Floor);
  checkRounding<uint32_t, float>("F32x4Trunc", simd::F32x4Trunc, numeric::F32Trunc);
  checkRounding<uint32_t, float>("F32x4Nearest", simd::F32x4Nearest, numeric::F32Nearest);
  checkRounding<uint64_t, double>("F64x2Ceil", simd::F64x2Ceil, numeric::F64Ceil);
  checkRounding<uint64_t, double>("F64x2Floor", simd::F64x2Floor, numeric::F64Floor);
  checkRounding<uint64_t, double>("F64x2Trunc", simd::F64x2Trunc, numeric::F64Trunc);
  checkRounding<uint64_t, double>("F64x2Nearest", simd::F64x2Nearest, numeric::F64Nearest);
}

}  // namespace
