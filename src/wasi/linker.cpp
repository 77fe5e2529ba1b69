#include "wasi/linker.h"

#include <algorithm>
#include <mutex>
#include <string>
#include <type_traits>
#include <utility>

#include "runtime/instance.h"
#include "runtime/memory.h"
#include "wasi/preview1.h"

namespace wasmcap::wasi {
namespace {

using runtime::Trap;
using runtime::Value;

template <typename T>
constexpr ir::ValType wasmType() {
  static_assert(std::is_same_v<T, uint32_t> || std::is_same_v<T, uint64_t>);
  return std::is_same_v<T, uint32_t> ? ir::ValType::i32() : ir::ValType::i64();
}

template <typename T>
T argAs(const Value& v) {
  if constexpr (std::is_same_v<T, uint32_t>) return v.raw.i32;
  else return v.raw.i64;
}

template <auto Fn, typename R, typename... A>
std::optional<Trap> invokeImpl(Call& call, std::span<const Value> args, std::span<Value> results,
                               R (*)(Call&, A...)) {
  return [&]<size_t... I>(std::index_sequence<I...>) -> std::optional<Trap> {
    if constexpr (std::is_void_v<R>) {
      Fn(call, argAs<A>(args[I])...);
    } else {
      const Errno e = Fn(call, argAs<A>(args[I])...);
      if (!call.trap && !results.empty()) results[0] = Value::i32(static_cast<uint16_t>(e));
    }
    return std::move(call.trap);
  }(std::index_sequence_for<A...>{});
}

template <auto Fn>
std::optional<Trap> invoker(Call& call, std::span<const Value> args, std::span<Value> results) {
  return invokeImpl<Fn>(call, args, results, Fn);
}

template <typename R, typename... A>
ir::FuncType typeOf(R (*)(Call&, A...)) {
  ir::FuncType t;
  t.params = {wasmType<A>()...};
  if constexpr (!std::is_void_v<R>) t.results = {ir::ValType::i32()};
  return t;
}

template <auto Fn>
FunctionSpec spec(const char* name) {
  return {name, typeOf(Fn), &invoker<Fn>};
}

}  // namespace

const std::vector<FunctionSpec>& preview1Functions() {
  using namespace preview1;
  static const std::vector<FunctionSpec> functions = {
#define WASMCAP_WASI_FUNCTION(name, cls, fs, fd, path) spec<&name>(#name),
#include "wasi/functions.def"
  };
  return functions;
}

GuestMemory callerMemory(const runtime::HostCallContext& hc) {
  if (!hc.caller) return {};
  const runtime::Extern* ext = hc.caller->findExport("memory");
  runtime::Memory* mem = ext ? ext->asMemory() : nullptr;
  if (!mem) return {};
  return GuestMemory(mem->base(), mem->sizeBytes());
}

namespace {

// The clocks and random_get of a deterministic context.
Invoke deterministicInvoke(std::string_view name) {
  namespace det = preview1::deterministic;
  if (name == "clock_res_get") return &invoker<&det::clock_res_get>;
  if (name == "clock_time_get") return &invoker<&det::clock_time_get>;
  if (name == "random_get") return &invoker<&det::random_get>;
  return nullptr;
}

// Functions that touch no state shared by the threads of a program (their
// data is fixed when the Context is made, or is the host's): they run
// without Context::callMutex. The clocks and random_get are only such
// without Config::deterministic, and none is when calls are audited.
bool touchesNoSharedState(std::string_view name, Context& ctx) {
  if (ctx.audit()) return false;
  if (name == "args_get" || name == "args_sizes_get" || name == "environ_get" || name == "environ_sizes_get" ||
      name == "sched_yield")
    return true;
  return !ctx.deterministic() && (name == "clock_res_get" || name == "clock_time_get" || name == "random_get");
}

// Threads (wasi/threads.h): a program that is ending traps in every call;
// once threads run, a call that touches shared state holds the Context's
// lock. Both cost one relaxed load each in a program without threads.
std::optional<Trap> enterCall(Context& ctx, bool locks, std::unique_lock<std::mutex>& lock) {
  if (ctx.stopping.load(std::memory_order_relaxed)) [[unlikely]]
    return Trap(runtime::TrapKind::Interrupted, "interrupted: the program is ending");
  if (locks && ctx.concurrent.load(std::memory_order_acquire)) [[unlikely]]
    lock = std::unique_lock<std::mutex>(ctx.callMutex);
  return std::nullopt;
}

runtime::HostFunc hostFunction(const std::shared_ptr<Context>& ctx, size_t fn) {
  const FunctionSpec& spec = preview1Functions()[fn];
  Invoke invoke = spec.invoke;
  if (ctx->deterministic())
    if (Invoke replacement = deterministicInvoke(spec.name)) invoke = replacement;
  const bool locks = !touchesNoSharedState(spec.name, *ctx);
  if (ctx->binding(fn) == Binding::Allowed && !ctx->audit()) {
    return [ctx, invoke, locks](runtime::HostCallContext& hc, std::span<const Value> args,
                                std::span<Value> results) -> std::optional<Trap> {
      std::unique_lock<std::mutex> lock;
      if (auto stop = enterCall(*ctx, locks, lock)) return stop;
      Call call{*ctx, callerMemory(hc), std::nullopt, &lock};
      return invoke(call, args, results);
    };
  }
  return [ctx, invoke, fn, locks](runtime::HostCallContext& hc, std::span<const Value> args,
                                  std::span<Value> results) -> std::optional<Trap> {
    std::unique_lock<std::mutex> lock;
    if (auto stop = enterCall(*ctx, locks, lock)) return stop;
    Call call{*ctx, callerMemory(hc), std::nullopt, &lock};
    return checkedCall(call, hc, fn, invoke, args, results);
  };
}

void defineFunction(runtime::Linker& linker, runtime::Store& store, const std::shared_ptr<Context>& ctx, size_t fn) {
  const FunctionSpec& spec = preview1Functions()[fn];
  runtime::FuncInst* f =
      store.addHostFunc(spec.type, hostFunction(ctx, fn), std::string(kPreview1Module) + "." + spec.name);
  linker.define(kPreview1Module, spec.name, runtime::Extern::func(f));
}

bool imports(const ir::Module& module, std::string_view from, std::string_view name) {
  return std::any_of(module.imports.begin(), module.imports.end(), [&](const ir::Import& imp) {
    return imp.kind == ir::ExternKind::Func && imp.module == from && imp.name == name;
  });
}

}  // namespace

void addToLinker(runtime::Linker& linker, runtime::Store& store, std::shared_ptr<Context> ctx) {
  for (size_t fn = 0; fn < preview1Functions().size(); ++fn) defineFunction(linker, store, ctx, fn);
}

void addImportedToLinker(runtime::Linker& linker, runtime::Store& store, std::shared_ptr<Context> ctx,
                         const ir::Module& module, std::shared_ptr<const ContextRegistry> registry) {
  for (size_t fn = 0; fn < preview1Functions().size(); ++fn)
    if (imports(module, kPreview1Module, preview1Functions()[fn].name)) defineFunction(linker, store, ctx, fn);
  if (imports(module, kNanoprocessModule, kFdGive)) {
    if (!registry) registry = std::make_shared<const ContextRegistry>();
    runtime::FuncInst* f = store.addHostFunc(fdGiveType(), fdGiveFunction(ctx, std::move(registry)),
                                             std::string(kNanoprocessModule) + "." + kFdGive);
    linker.define(kNanoprocessModule, kFdGive, runtime::Extern::func(f));
  }
}

}  // namespace wasmcap::wasi
