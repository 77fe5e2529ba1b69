// Func: calling functions, and host functions made from C++ callables.
#include <array>
#include <exception>

#include "api/impl.h"

namespace wasmcap {

namespace {

// A few values on the stack, more on the heap: most calls take and return
// a handful, and calls should not allocate.
template <typename T>
class SmallBuffer {
 public:
  explicit SmallBuffer(size_t n) : size_(n) {
    if (n > inline_.size()) heap_.resize(n);
  }
  T* data() { return size_ > inline_.size() ? heap_.data() : inline_.data(); }
  std::span<T> span() { return {data(), size_}; }
  T& operator[](size_t i) { return data()[i]; }

 private:
  size_t size_;
  std::array<T, 8> inline_{};
  std::vector<T> heap_;
};

std::string typeMismatch(const char* what, size_t index, ValType got, ValType want) {
  return std::string(what) + " " + std::to_string(index) + " has type " + got.name() + ", expected " + want.name();
}

// The runtime's view of a host function: converts values both ways and
// turns errors (and C++ exceptions, which must not unwind through wasm
// frames) into traps.
runtime::HostFunc adaptHost(Store& store, const FuncType& type, HostFunction fn) {
  return [&store, fn = std::move(fn), resultTypes = type.results](
             runtime::HostCallContext& ctx, std::span<const runtime::Value> args,
             std::span<runtime::Value> results) -> std::optional<runtime::Trap> {
    SmallBuffer<Value> in(args.size()), out(results.size());
    for (size_t i = 0; i < args.size(); ++i) in[i] = fromRuntime(args[i], store);
    for (size_t i = 0; i < results.size(); ++i) out[i] = Value(resultTypes[i]);
    Caller caller = ApiAccess::make<Caller>(&store, ctx.caller);
    Result<void> r;
    try {
      r = fn(caller, in.span(), out.span());
    } catch (const std::exception& e) {
      return runtime::Trap(TrapKind::Host, std::string("host function threw an exception: ") + e.what());
    } catch (...) {
      return runtime::Trap(TrapKind::Host, "host function threw an exception");
    }
    if (!r) return errorToTrap(r.error());
    for (size_t i = 0; i < results.size(); ++i) {
      if (out[i].type() != resultTypes[i])
        return runtime::Trap(TrapKind::Host, "host function returned a bad result: " +
                                                 typeMismatch("result", i, out[i].type(), resultTypes[i]));
      Result<runtime::Value> v = toRuntime(out[i], store);
      if (!v) return runtime::Trap(TrapKind::Host, "host function returned a bad result: " + v.error().message);
      results[i] = *v;
    }
    return std::nullopt;
  };
}

}  // namespace

Func Func::create(Store& store, FuncType type, HostFunction fn) {
  runtime::HostFunc host = adaptHost(store, type, std::move(fn));
  runtime::FuncInst* f = runtimeStore(store).addHostFunc(toRuntime(type), std::move(host), "host");
  return makeFunc(store, f);
}

FuncType Func::type() const { return fromRuntime(object(*this).type); }

Result<std::vector<Value>> Func::call(std::span<const Value> args) const {
  std::vector<Value> results(object(*this).type.results.size());
  WASMCAP_TRY(call(args, results));
  return results;
}

Result<void> Func::call(std::span<const Value> args, std::span<Value> results) const {
  const ir::FuncType& type = object(*this).type;
  if (args.size() != type.params.size())
    return Error(ErrorCode::Usage, "the function takes " + std::to_string(type.params.size()) + " argument(s), " +
                                       std::to_string(args.size()) + " given");
  for (size_t i = 0; i < args.size(); ++i) {
    ValType want = fromRuntime(type.params[i]);
    if (args[i].type() != want) return Error(ErrorCode::Usage, typeMismatch("argument", i, args[i].type(), want));
  }
  if (results.size() != type.results.size())
    return Error(ErrorCode::Usage, "the function returns " + std::to_string(type.results.size()) +
                                       " result(s), room for " + std::to_string(results.size()) + " given");
  return callUnchecked(args, results);
}

Result<void> Func::callUnchecked(std::span<const Value> args, std::span<Value> results) const {
  runtime::FuncInst& f = object(*this);
  runtime::Store& rs = runtimeStore(*store_);
  SmallBuffer<runtime::Value> in(args.size()), out(results.size());
  for (size_t i = 0; i < args.size(); ++i) {
    WASMCAP_TRY_ASSIGN(in[i], toRuntime(args[i], *store_));
  }
  for (size_t i = 0; i < results.size(); ++i) out[i] = runtime::Value::zero(f.type.results[i]);
  if (std::optional<runtime::Trap> trap = rs.executor().call(rs, f, in.span(), out.span())) return trapToError(*trap);
  for (size_t i = 0; i < results.size(); ++i) results[i] = fromRuntime(out[i], *store_);
  return {};
}

namespace detail {

Result<void> checkSignature(const FuncType& actual, const FuncType& wanted) {
  if (actual == wanted) return {};
  return Error(ErrorCode::Usage, "the function has type " + actual.toString() + ", not the requested " +
                                     wanted.toString());
}

}  // namespace detail
}  // namespace wasmcap
