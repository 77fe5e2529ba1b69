#include "wasi/threads.h"

#include <algorithm>
#include <thread>

#include "runtime/memory.h"
#include "wasi/command.h"
#include "wasi/linker.h"

namespace wasmcap::wasi {

bool importsThreadSpawn(const ir::Module& module) {
  return std::any_of(module.imports.begin(), module.imports.end(), [](const ir::Import& imp) {
    return imp.kind == ir::ExternKind::Func && imp.module == kThreadsModule && imp.name == kThreadSpawn;
  });
}

namespace {

ir::FuncType spawnType() {
  ir::FuncType t;
  t.params = {ir::ValType::i32()};
  t.results = {ir::ValType::i32()};
  return t;
}

}  // namespace

ThreadGroup::ThreadGroup(runtime::Executor& executor, runtime::Limits limits,
                         std::shared_ptr<const runtime::CompiledModule> module, std::shared_ptr<Context> ctx)
    : executor_(executor), limits_(limits), module_(std::move(module)), ctx_(std::move(ctx)) {}

ThreadGroup::~ThreadGroup() {
  std::unique_lock<std::mutex> lock(mutex_);
  stopLocked();
  idle_.wait(lock, [&] { return running_ == 0; });
}

runtime::HostFunc ThreadGroup::spawnFunction() {
  // The first instance's store may outlive the group (it belongs to the
  // embedder): its thread-spawn holds the group weakly. Threads' stores end
  // before the group does, as it waits for them.
  std::weak_ptr<ThreadGroup> weak = weak_from_this();
  return [weak](runtime::HostCallContext&, std::span<const runtime::Value> args,
                std::span<runtime::Value> results) -> std::optional<runtime::Trap> {
    std::shared_ptr<ThreadGroup> group = weak.lock();
    results[0] = runtime::Value::i32(group ? static_cast<uint32_t>(group->spawn(args[0].raw.i32)) : ~0u);
    return std::nullopt;
  };
}

void ThreadGroup::defineSpawn(runtime::Linker& linker, runtime::Store& store) {
  runtime::FuncInst* f = store.addHostFunc(spawnType(), spawnFunction(), std::string(kThreadsModule) + "." + kThreadSpawn);
  linker.define(kThreadsModule, kThreadSpawn, runtime::Extern::func(f));
}

void ThreadGroup::adoptFirst(runtime::Store& store, const runtime::Instance& first) {
  uint32_t memory = 0;
  for (const ir::Import& imp : first.module().imports) {
    if (imp.kind != ir::ExternKind::Memory) continue;
    std::shared_ptr<runtime::Memory> owner = store.memoryOwner(first.memories[memory++]);
    if (owner && owner->shared()) sharedImports_.push_back({imp.module, imp.name, std::move(owner)});
  }
  std::lock_guard<std::mutex> lock(mutex_);
  first_ = store.interruptState();
  interrupts_.push_back(first_);
}

int32_t ThreadGroup::spawn(uint32_t startArg) {
  const int32_t tid = nextTid_.fetch_add(1, std::memory_order_relaxed);
  if (tid > 0x1FFFFFFF) return -1;  // the ids wasi-threads allows are used up
  auto made = std::make_shared<std::promise<bool>>();
  std::future<bool> ready = made->get_future();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) return -1;
    ctx_->concurrent.store(true);
    ++running_;
  }
  try {
    std::thread(&ThreadGroup::run, this, tid, startArg, made).detach();
  } catch (const std::system_error&) {
    std::lock_guard<std::mutex> lock(mutex_);
    --running_;
    idle_.notify_all();
    return -1;
  }
  return ready.get() ? tid : -1;
}

void ThreadGroup::run(int32_t tid, uint32_t startArg, std::shared_ptr<std::promise<bool>> made) {
  {
    runtime::Store store(executor_, limits_);
    std::shared_ptr<runtime::InterruptState> interrupt = store.interruptState();
    bool registered = false;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!stopping_) {
        interrupts_.push_back(interrupt);
        registered = true;
      }
    }
    runtime::FuncInst* start = nullptr;
    if (registered) {
      runtime::Linker linker;
      addImportedToLinker(linker, store, ctx_, module_->module);
      runtime::FuncInst* spawnFn =
          store.addHostFunc(spawnType(), spawnFunction(), std::string(kThreadsModule) + "." + kThreadSpawn);
      linker.define(kThreadsModule, kThreadSpawn, runtime::Extern::func(spawnFn));
      for (const SharedImport& imp : sharedImports_)
        linker.define(imp.module, imp.name, runtime::Extern::memory(store.addMemory(imp.memory)));
      Result<runtime::Instance*> inst = linker.instantiate(store, module_, "thread " + std::to_string(tid));
      const runtime::Extern* exp = inst.ok() ? (*inst)->findExport(kThreadStart) : nullptr;
      start = exp ? exp->asFunc() : nullptr;
      if (start && !(start->type.params.size() == 2 && start->type.params[0] == ir::ValType::i32() &&
                     start->type.params[1] == ir::ValType::i32() && start->type.results.empty()))
        start = nullptr;
    }
    made->set_value(start != nullptr);
    if (start) {
      std::vector<runtime::Value> results;
      const runtime::Value args[] = {runtime::Value::i32(static_cast<uint32_t>(tid)), runtime::Value::i32(startArg)};
      std::optional<runtime::Trap> trap = runtime::invoke(store, *start, args, results);
      if (trap) {
        std::unique_lock<std::mutex> lock(mutex_);
        // Stopped because the program ended: not an ending of its own.
        const bool stopped = stopping_ && trap->kind == runtime::TrapKind::Interrupted;
        lock.unlock();
        if (trap->kind == runtime::TrapKind::Exit) {
          record({trap->exitCode, std::nullopt});
        } else if (!stopped) {
          // The backtrace outlives this thread's instance: names, not pointers.
          for (runtime::TrapFrame& frame : trap->backtrace) {
            if (!frame.instance) continue;
            const auto& names = module_->module.names.functions;
            if (auto it = names.find(frame.funcIndex); it != names.end()) frame.funcName = it->second;
            frame.instance = nullptr;
          }
          record({kTrapExitCode, std::move(trap)});
        }
      }
    }
    std::lock_guard<std::mutex> lock(mutex_);
    interrupts_.erase(std::remove(interrupts_.begin(), interrupts_.end(), interrupt), interrupts_.end());
  }  // the store and its instance are gone before the group may be
  std::lock_guard<std::mutex> lock(mutex_);
  --running_;
  idle_.notify_all();
}

void ThreadGroup::record(Ending ending) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!ending_) ending_ = std::move(ending);
  stopLocked();
}

void ThreadGroup::stopLocked() {
  if (stopping_) return;
  stopping_ = true;
  ctx_->stopping.store(true);
  for (const auto& interrupt : interrupts_) interrupt->requestInterrupt();
  // Waiting threads look at their interrupt again.
  for (const SharedImport& imp : sharedImports_) imp.memory->wakeWaitersForInterrupt();
}

ThreadGroup::Ending ThreadGroup::finish(Ending ending) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (!ending_) ending_ = std::move(ending);
  stopLocked();
  idle_.wait(lock, [&] { return running_ == 0; });
  // The first instance's store stays usable (the stop was for the program).
  if (first_) first_->clear();
  return *ending_;
}

}  // namespace wasmcap::wasi
