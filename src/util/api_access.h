// ApiAccess: how the library reaches the private parts of the public API's
// objects (handles, Value payloads, pimpl objects). Declared a friend by
// every API class; defined only here, for the library's own use.
#pragma once
#include "wasmcap/wasmcap.hpp"

namespace wasmcap {

struct ApiAccess {
  // An uncaught exception's runtime object inside a public Trap.
  static const std::shared_ptr<void>& trapException(const Trap& t) { return t.exception_; }
  static void setTrapException(Trap& t, std::shared_ptr<void> e) { t.exception_ = std::move(e); }
  // Handles (Func, Memory, Table, Global, Instance, Caller): a store and an object.
  template <typename Handle>
  static Handle make(Store* store, void* object) { return Handle(store, object); }
  template <typename Handle>
  static void* object(const Handle& h) { return h.obj_; }
  template <typename Handle>
  static Store* store(const Handle& h) { return h.store_; }

  static Extern makeExtern(ExternKind kind, Store* store, void* object) { return Extern(kind, store, object); }

  static Module makeModule(std::shared_ptr<const Module::Impl> impl) { return Module(std::move(impl)); }

  static InterruptHandle makeInterruptHandle(std::shared_ptr<InterruptHandle::State> state) {
    InterruptHandle h;
    h.impl_ = std::move(state);
    return h;
  }

  // Pimpl objects (Engine, Module, Store, Linker, ...).
  template <typename T>
  static auto& impl(T& x) { return *x.impl_; }
  template <typename T>
  static const auto& impl(const T& x) { return *x.impl_; }

  // Value payloads.
  static uint64_t& bits(Value& v) { return v.raw_.i64; }
  static uint64_t bits(const Value& v) { return v.raw_.i64; }
  static V128& vec(Value& v) { return v.raw_.v128; }
  static void* refObject(const Value& v) { return v.raw_.ref.ptr; }
  static Store* refStore(const Value& v) { return v.raw_.ref.store; }
  static void setRef(Value& v, void* object, Store* store) {
    v.raw_.ref.ptr = object;
    v.raw_.ref.store = store;
  }

  // wasi::Stdio payloads.
  static int stdioFd(const wasi::Stdio& s) { return s.fd_; }
  static const std::string& stdioBytes(const wasi::Stdio& s) { return s.data_; }
  static const wasi::OutputCapture* stdioCapture(const wasi::Stdio& s) { return s.capture_ ? &*s.capture_ : nullptr; }

  // wasi::Policy: the groups allowed per function.
  static const std::array<uint16_t, wasi::kFunctionCount>& policyGroups(const wasi::Policy& p) { return p.allowed_; }

  // The instance of a backtrace frame (a runtime::Instance).
  static const void* frameInstance(const Frame& f) { return f.instance_; }
  static void setFrameInstance(Frame& f, const void* instance) { f.instance_ = instance; }
};

}  // namespace wasmcap
