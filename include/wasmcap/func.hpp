// Functions: exported wasm functions and host functions, called through an
// untyped interface (spans of Value) or a TypedFunc whose signature is
// checked once.
//
//   wasmcap::Result<wasmcap::TypedFunc<int32_t(int32_t, int32_t)>> add =
//       instance.typedFunc<int32_t(int32_t, int32_t)>("add");
//   if (add) { wasmcap::Result<int32_t> sum = (*add)(3, 4); }
#pragma once
#include <array>
#include <functional>
#include <optional>
#include <initializer_list>
#include <span>
#include <vector>

#include "wasmcap/detail/typed.hpp"
#include "wasmcap/export.hpp"
#include "wasmcap/result.hpp"
#include "wasmcap/types.hpp"
#include "wasmcap/value.hpp"

namespace wasmcap {

class Caller;
class Store;
template <typename Signature>
class TypedFunc;

// A host function: reads `args` (already checked against its type) and writes
// `results` (sized and typed by its type, initialised to zeros). Returning an
// Error traps the calling wasm code: with the Error's trap when it carries
// one (so a trap from a nested call passes through unchanged), otherwise with
// TrapKind::Host and the Error's message.
using HostFunction = std::function<Result<void>(Caller& caller, std::span<const Value> args,
                                                std::span<Value> results)>;

class WASMCAP_API Func {
 public:
  // A host function of the given type.
  static Func create(Store& store, FuncType type, HostFunction fn);

  // A host function from a typed C++ callable; its signature gives the wasm
  // type. Parameters: an optional leading `Caller&`, then int32_t/uint32_t
  // (i32), int64_t/uint64_t (i64), float, double, V128, std::optional<Func>
  // (funcref) or ExternRef. Result: void, one of those types, a std::tuple
  // of them (several results), or a Result<...> of any of these to trap.
  //
  //   Func log = Func::wrap(store, [](Caller& c, int32_t ptr, int32_t len) { ... });
  template <typename F>
  static Func wrap(Store& store, F&& fn) {
    using Binding = detail::HostBinding<std::decay_t<F>>;
    return create(store, Binding::type(), Binding::adapt(std::forward<F>(fn)));
  }

  FuncType type() const;

  // Call with `args` (count and types must match: a Usage error otherwise).
  // A trap is an Error with code Trap and the trap attached.
  Result<std::vector<Value>> call(std::span<const Value> args) const;
  Result<std::vector<Value>> call(std::initializer_list<Value> args) const {
    return call(std::span<const Value>(args.begin(), args.size()));
  }
  // The same, writing the results into `results` (exactly as many as the
  // function returns): no allocation on the way.
  Result<void> call(std::span<const Value> args, std::span<Value> results) const;

  // A typed view, e.g. typed<int32_t(int32_t, int32_t)>(); a Usage error
  // when the signature does not match the function's type.
  template <typename Signature>
  Result<TypedFunc<Signature>> typed() const;

  Store& owner() const { return *store_; }
  friend bool operator==(const Func& a, const Func& b) { return a.obj_ == b.obj_; }

 private:
  friend struct ApiAccess;
  friend struct std::hash<Func>;
  template <typename Signature>
  friend class TypedFunc;
  Func(Store* store, void* obj) : store_(store), obj_(obj) {}
  // Call with arguments already known to match (TypedFunc).
  Result<void> callUnchecked(std::span<const Value> args, std::span<Value> results) const;
  Store* store_;
  void* obj_;
};

// A function whose signature was checked once: calling it converts the C++
// arguments and results directly. R is void, a value type, or a std::tuple.
template <typename R, typename... A>
class TypedFunc<R(A...)> {
 public:
  Result<R> operator()(A... args) const { return call(args...); }
  Result<R> call(A... args) const {
    std::array<Value, sizeof...(A)> in{detail::WasmType<A>::toValue(args)...};
    std::array<Value, detail::ResultTraits<R>::count> out;
    Result<void> r = func_.callUnchecked(in, out);
    if (!r) return std::move(r).error();
    return detail::ResultTraits<R>::fromValues(out);
  }
  const Func& func() const { return func_; }

 private:
  friend class Func;
  explicit TypedFunc(Func f) : func_(std::move(f)) {}
  Func func_;
};

namespace detail {
template <>
struct WasmType<std::optional<Func>> {
  static constexpr ValKind kind = ValKind::FuncRef;
  static Value toValue(const std::optional<Func>& f) { return Value::funcref(f); }
  static std::optional<Func> fromValue(const Value& v) { return v.funcref(); }
};
}  // namespace detail

template <typename Signature>
Result<TypedFunc<Signature>> Func::typed() const {
  using Traits = detail::SignatureTraits<Signature>;
  Result<void> match = detail::checkSignature(type(), Traits::type());
  if (!match) return std::move(match).error();
  return TypedFunc<Signature>(*this);
}

}  // namespace wasmcap

// Handles hash by the object they refer to (as operator== compares).
template <>
struct std::hash<wasmcap::Func> {
  size_t operator()(const wasmcap::Func& h) const noexcept { return std::hash<const void*>()(h.obj_); }
};
