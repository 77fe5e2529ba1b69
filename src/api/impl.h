// The pimpl objects behind the public API's classes, shared by the files of
// src/api. Nothing here is visible to embedders.
#pragma once
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "runtime/executor.h"
#include "runtime/instance.h"
#include "runtime/linker.h"
#include "runtime/store.h"
#include "util/api_access.h"
#include "wasmcap/wasmcap.hpp"

namespace wasmcap {

// The pimpl structs stay out of libwasmcap.so's exported symbols.
#define WASMCAP_HIDDEN __attribute__((visibility("hidden")))

struct WASMCAP_HIDDEN Engine::Impl {
  EngineConfig config;
  std::unique_ptr<runtime::Executor> executor;  // shared by every store of the engine; stateless
};

struct WASMCAP_HIDDEN Module::Impl {
  Engine engine;
  std::shared_ptr<const runtime::CompiledModule> compiled;
};

// Interrupts a store at a deadline: a thread that sleeps until then unless
// the deadline is moved or cancelled. Created on first use.
class WASMCAP_HIDDEN Watchdog {
 public:
  ~Watchdog();
  void arm(std::chrono::steady_clock::time_point deadline, InterruptHandle target);
  void cancel();

 private:
  void run();
  std::mutex mutex_;
  std::condition_variable wake_;
  std::optional<std::chrono::steady_clock::time_point> deadline_;
  std::optional<InterruptHandle> target_;
  bool stopping_ = false;
  std::thread thread_;
};

struct WASMCAP_HIDDEN Store::Impl {
  Impl(Store& self, const Engine& engine, const StoreLimits& limits);
  Engine engine;
  StoreLimits limits;
  runtime::Store store;
  std::unique_ptr<Watchdog> watchdog;
};

// The store a handle lives in, as the runtime sees it.
inline runtime::Store& runtimeStore(Store& store) { return ApiAccess::impl(store).store; }
inline runtime::Executor& executorOf(const Engine& engine) { return *ApiAccess::impl(engine).executor; }

// Handles from runtime objects.
inline Func makeFunc(Store& s, runtime::FuncInst* f) { return ApiAccess::make<Func>(&s, f); }
inline Memory makeMemory(Store& s, runtime::Memory* m) { return ApiAccess::make<Memory>(&s, m); }
inline Table makeTable(Store& s, runtime::Table* t) { return ApiAccess::make<Table>(&s, t); }
inline Global makeGlobal(Store& s, runtime::Global* g) { return ApiAccess::make<Global>(&s, g); }
inline Instance makeInstance(Store& s, runtime::Instance* i) { return ApiAccess::make<Instance>(&s, i); }
Extern makeExtern(Store& s, const runtime::Extern& e);

// Runtime objects from handles.
inline runtime::FuncInst& object(const Func& f) { return *static_cast<runtime::FuncInst*>(ApiAccess::object(f)); }
inline runtime::Memory& object(const Memory& m) { return *static_cast<runtime::Memory*>(ApiAccess::object(m)); }
inline runtime::Table& object(const Table& t) { return *static_cast<runtime::Table*>(ApiAccess::object(t)); }
inline runtime::Global& object(const Global& g) { return *static_cast<runtime::Global*>(ApiAccess::object(g)); }
inline runtime::Instance& object(const Instance& i) { return *static_cast<runtime::Instance*>(ApiAccess::object(i)); }
runtime::Extern toRuntime(const Extern& e);

// Types and values across the boundary.
ir::ValType toRuntime(ValType t);
ValType fromRuntime(ir::ValType t);
FuncType fromRuntime(const ir::FuncType& t);
ir::FuncType toRuntime(const FuncType& t);
Limits fromRuntime(const ir::Limits& l);
MemoryType fromRuntime(const ir::MemoryType& t);
TableType fromRuntime(const ir::TableType& t);
GlobalType fromRuntime(const ir::GlobalType& t);
// A runtime value of `store`; Usage error for a function reference of another store.
Result<runtime::Value> toRuntime(const Value& v, Store& store);
Value fromRuntime(const runtime::Value& v, Store& store);

namespace wasi {
class ThreadGroup;
}
// The wasi-threads group of an instance `linker` made (wasi/threads.h), if it has one.
std::shared_ptr<wasi::ThreadGroup> threadGroupOf(const Linker& linker, const Instance& instance);

// A trap as an API error, and an API error as the trap a host function raises.
Error trapToError(const runtime::Trap& trap);
runtime::Trap errorToTrap(const Error& error);

}  // namespace wasmcap
