// Compile-time probes that check, for every entry of ir/opcodes.def, whether a
// namespace provides a function named like the opcode's enum with the argument
// and result types its `sig` column implies. Used by the numeric and SIMD
// coverage tests so no opcode is forgotten and no signature drifts.
//
// Usage, inside the namespace under test (after including its headers):
//   #include "opcode_probe_decls.inc"
// declares, for each opcode X, a catch-all fallback template `X(A...)`
// returning ProbeMissing, and a function object `ProbeCall_X` that calls X.
// Overload resolution prefers the real function only when its parameter types
// match the expected arguments exactly, so a wrong signature shows up as
// "missing" too.
#pragma once
#include <cstddef>
#include <cstdint>
#include <tuple>
#include <type_traits>
#include <utility>

#include "ir/opcode.h"
#include "runtime/value.h"

namespace wasmcap::test {

struct ProbeMissing {};

// A string literal usable as a template argument ("ii:i").
template <std::size_t N>
struct Sig {
  char s[N] = {};
  constexpr Sig(const char (&a)[N]) {
    for (std::size_t i = 0; i < N; ++i) s[i] = a[i];
  }
  constexpr std::size_t colon() const {
    for (std::size_t i = 0; i + 1 < N; ++i)
      if (s[i] == ':') return i;
    return 0;  // "*": no fixed signature
  }
  constexpr char result() const {
    std::size_t c = colon();
    return (c + 2 < N && s[c] == ':') ? s[c + 1] : '\0';
  }
};

// The slot type of a value type letter: i/f -> uint32_t, I/F -> uint64_t, V -> V128.
template <char C>
struct Slot { using type = void; };
template <> struct Slot<'i'> { using type = uint32_t; };
template <> struct Slot<'f'> { using type = uint32_t; };
template <> struct Slot<'I'> { using type = uint64_t; };
template <> struct Slot<'F'> { using type = uint64_t; };
template <> struct Slot<'V'> { using type = runtime::V128; };
template <> struct Slot<'a'> { using type = uint32_t; };
template <> struct Slot<'\0'> { using type = void; };

template <Sig S, std::size_t... Is>
auto sigParams(std::index_sequence<Is...>) -> std::tuple<typename Slot<S.s[Is]>::type...>;

// The argument tuple and result type implied by the `sig` column alone.
template <Sig S>
struct SigTypes {
  using Args = decltype(sigParams<S>(std::make_index_sequence<S.colon()>()));
  using Result = typename Slot<S.result()>::type;
};

// The caller's view of a probe: the result type of calling `Caller` with Args,
// or ProbeMissing when only the fallback matched.
template <typename Caller, typename Args>
using ProbeResult = decltype(std::apply(Caller{}, std::declval<Args>()));

}  // namespace wasmcap::test
