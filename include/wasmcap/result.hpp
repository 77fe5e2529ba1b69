// Result<T>: a value or an Error. The API's fallible calls return one; check
// it with ok() (or in a boolean context) before using the value:
//
//   wasmcap::Result<wasmcap::Module> module = wasmcap::Module::fromFile(engine, "app.wasm");
//   if (!module) { std::cerr << module.error().describe() << "\n"; return 1; }
//   use(*module);
#pragma once
#include <cassert>
#include <optional>
#include <utility>
#include <variant>

#include "wasmcap/error.hpp"

namespace wasmcap {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // The value; only when ok().
  T& value() & { assert(ok()); return std::get<0>(v_); }
  const T& value() const& { assert(ok()); return std::get<0>(v_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  // The value, or `fallback` when this holds an error.
  T valueOr(T fallback) const& { return ok() ? value() : std::move(fallback); }

  // The error; only when !ok().
  const Error& error() const& { assert(!ok()); return std::get<1>(v_); }
  Error&& error() && { assert(!ok()); return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : err_(std::move(error)) {}
  bool ok() const { return !err_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const& { assert(!ok()); return *err_; }
  Error&& error() && { assert(!ok()); return std::move(*err_); }

 private:
  std::optional<Error> err_;  // a success constructs no Error at all
};

// Propagate an error from an expression yielding Result<...>.
#define WASMCAP_TRY(expr)                                   \
  do {                                                      \
    auto wasmcap_try_r_ = (expr);                           \
    if (!wasmcap_try_r_.ok()) return std::move(wasmcap_try_r_).error(); \
  } while (0)

// Bind the value of a Result<T> expression to `decl`, or return its error.
#define WASMCAP_TRY_ASSIGN(decl, expr)                      \
  auto WASMCAP_CONCAT_(wasmcap_r_, __LINE__) = (expr);      \
  if (!WASMCAP_CONCAT_(wasmcap_r_, __LINE__).ok())          \
    return std::move(WASMCAP_CONCAT_(wasmcap_r_, __LINE__)).error(); \
  decl = std::move(WASMCAP_CONCAT_(wasmcap_r_, __LINE__)).value()
#define WASMCAP_CONCAT_(a, b) WASMCAP_CONCAT2_(a, b)
#define WASMCAP_CONCAT2_(a, b) a##b

}  // namespace wasmcap
