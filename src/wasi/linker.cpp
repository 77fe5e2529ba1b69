#include "wasi/linker.h"

#include <algorithm>
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
#define WASMCAP_WASI_FN(name) spec<&name>(#name)
  static const std::vector<FunctionSpec> functions = {
      WASMCAP_WASI_FN(args_get),           WASMCAP_WASI_FN(args_sizes_get),
      WASMCAP_WASI_FN(environ_get),        WASMCAP_WASI_FN(environ_sizes_get),
      WASMCAP_WASI_FN(clock_res_get),      WASMCAP_WASI_FN(clock_time_get),
      WASMCAP_WASI_FN(fd_advise),          WASMCAP_WASI_FN(fd_allocate),
      WASMCAP_WASI_FN(fd_close),           WASMCAP_WASI_FN(fd_datasync),
      WASMCAP_WASI_FN(fd_fdstat_get),      WASMCAP_WASI_FN(fd_fdstat_set_flags),
      WASMCAP_WASI_FN(fd_fdstat_set_rights), WASMCAP_WASI_FN(fd_filestat_get),
      WASMCAP_WASI_FN(fd_filestat_set_size), WASMCAP_WASI_FN(fd_filestat_set_times),
      WASMCAP_WASI_FN(fd_pread),           WASMCAP_WASI_FN(fd_prestat_get),
      WASMCAP_WASI_FN(fd_prestat_dir_name), WASMCAP_WASI_FN(fd_pwrite),
      WASMCAP_WASI_FN(fd_read),            WASMCAP_WASI_FN(fd_readdir),
      WASMCAP_WASI_FN(fd_renumber),        WASMCAP_WASI_FN(fd_seek),
      WASMCAP_WASI_FN(fd_sync),            WASMCAP_WASI_FN(fd_tell),
      WASMCAP_WASI_FN(fd_write),           WASMCAP_WASI_FN(path_create_directory),
      WASMCAP_WASI_FN(path_filestat_get),  WASMCAP_WASI_FN(path_filestat_set_times),
      WASMCAP_WASI_FN(path_link),          WASMCAP_WASI_FN(path_open),
      WASMCAP_WASI_FN(path_readlink),      WASMCAP_WASI_FN(path_remove_directory),
      WASMCAP_WASI_FN(path_rename),        WASMCAP_WASI_FN(path_symlink),
      WASMCAP_WASI_FN(path_unlink_file),   WASMCAP_WASI_FN(poll_oneoff),
      WASMCAP_WASI_FN(proc_exit),          WASMCAP_WASI_FN(proc_raise),
      WASMCAP_WASI_FN(sched_yield),        WASMCAP_WASI_FN(random_get),
      WASMCAP_WASI_FN(sock_accept),        WASMCAP_WASI_FN(sock_recv),
      WASMCAP_WASI_FN(sock_send),          WASMCAP_WASI_FN(sock_shutdown),
  };
#undef WASMCAP_WASI_FN
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

void defineFunction(runtime::Linker& linker, runtime::Store& store, const std::shared_ptr<Context>& ctx,
                    const FunctionSpec& fn) {
  auto invoke = fn.invoke;
  runtime::HostFunc host = [ctx, invoke](runtime::HostCallContext& hc, std::span<const Value> args,
                                         std::span<Value> results) {
    Call call{*ctx, callerMemory(hc), std::nullopt};
    return invoke(call, args, results);
  };
  runtime::FuncInst* f = store.addHostFunc(fn.type, std::move(host), std::string(kPreview1Module) + "." + fn.name);
  linker.define(kPreview1Module, fn.name, runtime::Extern::func(f));
}

}  // namespace

void addToLinker(runtime::Linker& linker, runtime::Store& store, std::shared_ptr<Context> ctx) {
  for (const FunctionSpec& fn : preview1Functions()) defineFunction(linker, store, ctx, fn);
}

void addImportedToLinker(runtime::Linker& linker, runtime::Store& store, std::shared_ptr<Context> ctx,
                         const ir::Module& module) {
  for (const FunctionSpec& fn : preview1Functions()) {
    const bool imported = std::any_of(module.imports.begin(), module.imports.end(), [&](const ir::Import& imp) {
      return imp.kind == ir::ExternKind::Func && imp.module == kPreview1Module && imp.name == fn.name;
    });
    if (imported) defineFunction(linker, store, ctx, fn);
  }
}

}  // namespace wasmcap::wasi
