// Functions: host functions made from C callbacks, and calls from C.
#include "objects.hpp"

using namespace wasmcap::capi;

namespace {

// What a C callback needs at each call: it is called with `env` when it is
// a callback with environment.
struct HostCallback {
  wasm_store_t* store;
  wasm_func_callback_t plain;
  wasm_func_callback_with_env_t withEnv;
  void* env;

  wasm_trap_t* operator()(const wasm_val_vec_t* args, wasm_val_vec_t* results) const {
    return plain ? plain(args, results) : withEnv(env, args, results);
  }
};

// The values of one call of a callback, as the wasm_val_vec_t it is given:
// on the stack for the usual handful, so that a call allocates nothing.
// Whatever references they hold are deleted with them.
class CallValues {
 public:
  explicit CallValues(size_t size) : size_(size), data_(size <= kInline ? inline_ : new wasm_val_t[size]) {
    vec_ = {size, data_};
  }
  ~CallValues() {
    for (size_t i = 0; i < size_; ++i) wasm_val_delete(&data_[i]);
    if (data_ != inline_) delete[] data_;
  }
  CallValues(const CallValues&) = delete;
  CallValues& operator=(const CallValues&) = delete;

  wasm_val_vec_t* vec() { return &vec_; }
  wasm_val_t& operator[](size_t i) { return data_[i]; }
  // Whether the callback left the vector as it was given (size and storage).
  bool intact() const { return vec_.size == size_ && vec_.data == data_; }

 private:
  static constexpr size_t kInline = 8;
  size_t size_;
  wasm_val_t inline_[kInline];
  wasm_val_t* data_;
  wasm_val_vec_t vec_;
};

// The callback as a host function of the C++ API: C values in, C values out,
// and a returned trap becomes the calling code's trap, message and all.
wasmcap::HostFunction adapt(HostCallback callback) {
  return [callback](wasmcap::Caller&, std::span<const wasmcap::Value> args,
                    std::span<wasmcap::Value> results) -> wasmcap::Result<void> {
    wasm_store_t* store = callback.store;
    CallValues cargs(args.size()), cresults(results.size());
    for (size_t i = 0; i < args.size(); ++i) cargs[i] = toC(store, args[i]);
    for (size_t i = 0; i < results.size(); ++i) cresults[i] = zeroC(results[i].type());

    if (wasm_trap_t* trap = callback(cargs.vec(), cresults.vec())) {
      wasmcap::Error error = wasmcap::trapError(trap->object->trap());
      wasm_trap_delete(trap);
      return error;
    }
    if (!cresults.intact())
      return wasmcap::hostTrap("a host function replaced its results vector instead of filling it in");
    for (size_t i = 0; i < results.size(); ++i) {
      wasmcap::Result<wasmcap::Value> v = toValue(store, cresults[i], results[i].type(), "a host function's result");
      if (!v) return wasmcap::hostTrap(v.error().message);
      results[i] = *v;
    }
    return {};
  };
}

wasm_func_t* newHostFunc(wasm_store_t* store, const wasm_functype_t* type, HostCallback callback) {
  wasmcap::Result<wasmcap::FuncType> ft = fromC(type);
  if (!ft) {
    setLastError(ft.error());
    return nullptr;
  }
  wasmcap::Func f = wasmcap::Func::create(*store->store, std::move(*ft), adapt(callback));
  return newHandleAs<wasm_func_t>(objectFor(store, wasmcap::Extern(f)));
}

wasmcap::Func funcOf(const wasm_func_t* f) { return *f->object->ext().func(); }

// The call's outcome as a trap, or null when it returned.
wasm_trap_t* call(wasm_store_t* store, const wasmcap::Func& f, const wasm_val_vec_t* args, wasm_val_vec_t* results) {
  wasmcap::FuncType type = f.type();
  size_t argCount = args ? args->size : 0;
  if (argCount != type.params.size())
    return trapFromError(store, wasmcap::Error(wasmcap::ErrorCode::Usage,
                                               "wasm_func_call: " + std::to_string(argCount) + " arguments for " +
                                                   type.toString()));
  if (!type.results.empty() && (!results || results->size != type.results.size()))
    return trapFromError(store, wasmcap::Error(wasmcap::ErrorCode::Usage,
                                               "wasm_func_call: the results vector must have " +
                                                   std::to_string(type.results.size()) + " elements for " +
                                                   type.toString()));
  for (wasmcap::ValType t : type.results)
    if (t.kind() == wasmcap::ValKind::V128)
      return trapFromError(store, wasmcap::Error(wasmcap::ErrorCode::Usage,
                                                 "wasm_func_call: a v128 result cannot be returned in a wasm_val_t"));

  std::vector<wasmcap::Value> in;
  in.reserve(argCount);
  for (size_t i = 0; i < argCount; ++i) {
    wasmcap::Result<wasmcap::Value> v = toValue(store, args->data[i], type.params[i], "wasm_func_call: an argument");
    if (!v) return trapFromError(store, v.error());
    in.push_back(*v);
  }
  std::vector<wasmcap::Value> out(type.results.size());
  wasmcap::Result<void> r = f.call(in, out);
  if (!r) return trapFromError(store, r.error());
  for (size_t i = 0; i < out.size(); ++i) results->data[i] = toC(store, out[i]);
  return nullptr;
}

}  // namespace

extern "C" {

wasm_func_t* wasm_func_new(wasm_store_t* store, const wasm_functype_t* type, wasm_func_callback_t callback) {
  return newHostFunc(store, type, HostCallback{store, callback, nullptr, nullptr});
}

wasm_func_t* wasm_func_new_with_env(wasm_store_t* store, const wasm_functype_t* type,
                                    wasm_func_callback_with_env_t callback, void* env, void (*finalizer)(void*)) {
  wasm_func_t* f = newHostFunc(store, type, HostCallback{store, nullptr, callback, env});
  // Functions live as long as their store: so does `env`.
  if (finalizer) {
    if (f) store->funcEnvs.emplace_back(env, finalizer);
    else finalizer(env);
  }
  return f;
}

wasm_functype_t* wasm_func_type(const wasm_func_t* f) { return toC(funcOf(f).type()); }

size_t wasm_func_param_arity(const wasm_func_t* f) { return funcOf(f).type().params.size(); }

size_t wasm_func_result_arity(const wasm_func_t* f) { return funcOf(f).type().results.size(); }

wasm_trap_t* wasm_func_call(const wasm_func_t* f, const wasm_val_vec_t* args, wasm_val_vec_t* results) {
  wasm_store_t* store = f->object->store;
  if (!store) return newTrap(nullptr, wasmcap::Trap(wasmcap::TrapKind::Host, "wasm_func_call: the function's store was deleted"));
  return call(store, funcOf(f), args, results);
}

}  // extern "C"
