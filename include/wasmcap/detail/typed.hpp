// Implementation detail of func.hpp: mapping C++ types to wasm value types,
// for TypedFunc and for host functions made from typed callables. Not part
// of the API's promise; use func.hpp.
#pragma once
#include <array>
#include <cstdint>
#include <span>
#include <tuple>
#include <type_traits>
#include <utility>

#include "wasmcap/export.hpp"
#include "wasmcap/result.hpp"
#include "wasmcap/types.hpp"
#include "wasmcap/value.hpp"

namespace wasmcap {
class Caller;
namespace detail {

// WasmType<T>: the value type of T and the conversions to and from Value.
template <typename T>
struct WasmType;  // undefined: T is not a wasm value type

template <>
struct WasmType<int32_t> {
  static constexpr ValKind kind = ValKind::I32;
  static Value toValue(int32_t v) { return Value::i32(v); }
  static int32_t fromValue(const Value& v) { return v.i32(); }
};
template <>
struct WasmType<uint32_t> {
  static constexpr ValKind kind = ValKind::I32;
  static Value toValue(uint32_t v) { return Value::i32(static_cast<int32_t>(v)); }
  static uint32_t fromValue(const Value& v) { return static_cast<uint32_t>(v.i32()); }
};
template <>
struct WasmType<int64_t> {
  static constexpr ValKind kind = ValKind::I64;
  static Value toValue(int64_t v) { return Value::i64(v); }
  static int64_t fromValue(const Value& v) { return v.i64(); }
};
template <>
struct WasmType<uint64_t> {
  static constexpr ValKind kind = ValKind::I64;
  static Value toValue(uint64_t v) { return Value::i64(static_cast<int64_t>(v)); }
  static uint64_t fromValue(const Value& v) { return static_cast<uint64_t>(v.i64()); }
};
template <>
struct WasmType<float> {
  static constexpr ValKind kind = ValKind::F32;
  static Value toValue(float v) { return Value::f32(v); }
  static float fromValue(const Value& v) { return v.f32(); }
};
template <>
struct WasmType<double> {
  static constexpr ValKind kind = ValKind::F64;
  static Value toValue(double v) { return Value::f64(v); }
  static double fromValue(const Value& v) { return v.f64(); }
};
template <>
struct WasmType<V128> {
  static constexpr ValKind kind = ValKind::V128;
  static Value toValue(const V128& v) { return Value::v128(v); }
  static V128 fromValue(const Value& v) { return v.v128(); }
};
template <>
struct WasmType<ExternRef> {
  static constexpr ValKind kind = ValKind::ExternRef;
  static Value toValue(ExternRef v) { return Value::externref(v); }
  static ExternRef fromValue(const Value& v) { return v.externref(); }
};
// (std::optional<Func>, funcref, is specialised in func.hpp, after Func.)

template <typename T>
using Bare = std::remove_cvref_t<T>;

// ResultTraits<R>: how many values R stands for and how to convert them.
template <typename R>
struct ResultTraits {
  static constexpr size_t count = 1;
  static std::vector<ValType> types() { return {WasmType<R>::kind}; }
  static R fromValues(std::span<const Value> v) { return WasmType<R>::fromValue(v[0]); }
  static void toValues(const R& r, std::span<Value> out) { out[0] = WasmType<R>::toValue(r); }
};
template <>
struct ResultTraits<void> {
  static constexpr size_t count = 0;
  static std::vector<ValType> types() { return {}; }
  static Result<void> fromValues(std::span<const Value>) { return {}; }
};
template <typename... T>
struct ResultTraits<std::tuple<T...>> {
  static constexpr size_t count = sizeof...(T);
  static std::vector<ValType> types() { return {WasmType<T>::kind...}; }
  static std::tuple<T...> fromValues(std::span<const Value> v) {
    return [&]<size_t... I>(std::index_sequence<I...>) {
      return std::tuple<T...>{WasmType<T>::fromValue(v[I])...};
    }(std::index_sequence_for<T...>{});
  }
  static void toValues(const std::tuple<T...>& r, std::span<Value> out) {
    [&]<size_t... I>(std::index_sequence<I...>) {
      ((out[I] = WasmType<T>::toValue(std::get<I>(r))), ...);
    }(std::index_sequence_for<T...>{});
  }
};

template <typename Signature>
struct SignatureTraits;
template <typename R, typename... A>
struct SignatureTraits<R(A...)> {
  static FuncType type() { return FuncType{{WasmType<Bare<A>>::kind...}, ResultTraits<R>::types()}; }
};

// Usage error when `actual` is not `wanted`, naming both.
WASMCAP_API Result<void> checkSignature(const FuncType& actual, const FuncType& wanted);

// The return type of a host callable with its Result<...> wrapper removed.
template <typename R>
struct Unwrapped {
  using type = R;
  static constexpr bool isResult = false;
};
template <typename R>
struct Unwrapped<Result<R>> {
  using type = R;
  static constexpr bool isResult = true;
};

template <typename... A>
struct TakesCaller : std::false_type {};
template <typename First, typename... Rest>
struct TakesCaller<First, Rest...> : std::is_same<First, Caller&> {};

// HostBinding<F>: the wasm type of a callable's signature, and the adapter
// that unpacks Values into its arguments and packs its result.
template <typename F, typename = void>
struct CallableSignature : CallableSignature<decltype(&F::operator())> {};
template <typename R, typename... A>
struct CallableSignature<R (*)(A...)> {
  using Return = R;
  using Args = std::tuple<A...>;
};
template <typename C, typename R, typename... A>
struct CallableSignature<R (C::*)(A...) const> : CallableSignature<R (*)(A...)> {};
template <typename C, typename R, typename... A>
struct CallableSignature<R (C::*)(A...)> : CallableSignature<R (*)(A...)> {};
template <typename R, typename... A>
struct CallableSignature<R (*)(A...) noexcept> : CallableSignature<R (*)(A...)> {};
template <typename C, typename R, typename... A>
struct CallableSignature<R (C::*)(A...) const noexcept> : CallableSignature<R (*)(A...)> {};

template <typename F, typename Args = typename CallableSignature<F>::Args>
struct HostBinding;
template <typename F, typename... A>
struct HostBinding<F, std::tuple<A...>> {
  using Return = typename CallableSignature<F>::Return;
  using Value_ = typename Unwrapped<Return>::type;
  static constexpr bool kCaller = TakesCaller<A...>::value;

  template <typename... P>
  static FuncType paramTypes(std::tuple<P...>*) { return FuncType{{WasmType<Bare<P>>::kind...}, ResultTraits<Value_>::types()}; }
  template <typename First, typename... P>
  static FuncType paramTypesAfterCaller(std::tuple<First, P...>*) {
    return FuncType{{WasmType<Bare<P>>::kind...}, ResultTraits<Value_>::types()};
  }
  static FuncType type() {
    if constexpr (kCaller) return paramTypesAfterCaller(static_cast<std::tuple<A...>*>(nullptr));
    else return paramTypes(static_cast<std::tuple<A...>*>(nullptr));
  }

  template <typename G>
  static auto adapt(G&& fn) {
    return [fn = std::forward<G>(fn)](Caller& caller, std::span<const Value> args,
                                      std::span<Value> results) mutable -> Result<void> {
      auto invoke = [&]() -> decltype(auto) {
        if constexpr (kCaller) {
          return invokeWithCaller(fn, caller, args, static_cast<std::tuple<A...>*>(nullptr));
        } else {
          return invokePlain(fn, args, static_cast<std::tuple<A...>*>(nullptr));
        }
      };
      if constexpr (std::is_void_v<Return>) {
        invoke();
        return {};
      } else if constexpr (Unwrapped<Return>::isResult) {
        Return r = invoke();
        if (!r) return std::move(r).error();
        if constexpr (!std::is_void_v<Value_>) ResultTraits<Value_>::toValues(*r, results);
        return {};
      } else {
        ResultTraits<Return>::toValues(invoke(), results);
        return {};
      }
    };
  }

  template <typename G, typename... P>
  static decltype(auto) invokePlain(G& fn, std::span<const Value> args, std::tuple<P...>*) {
    return [&]<size_t... I>(std::index_sequence<I...>) -> decltype(auto) {
      return fn(WasmType<Bare<P>>::fromValue(args[I])...);
    }(std::index_sequence_for<P...>{});
  }
  template <typename G, typename First, typename... P>
  static decltype(auto) invokeWithCaller(G& fn, Caller& caller, std::span<const Value> args,
                                         std::tuple<First, P...>*) {
    return [&]<size_t... I>(std::index_sequence<I...>) -> decltype(auto) {
      return fn(caller, WasmType<Bare<P>>::fromValue(args[I])...);
    }(std::index_sequence_for<P...>{});
  }
};

}  // namespace detail
}  // namespace wasmcap
