// wasi-threads: the "wasi" "thread-spawn" import, (param i32) (result i32).
//
// Each spawned thread is a new instance of the program's module, in a store
// of its own, on a host thread of its own, with the same imports: the
// preview1 functions bound to the program's one Context, thread-spawn, and
// the very same shared memories the first instance imported. It runs the
// module's export wasi_thread_start(tid, start_arg); spawn returns the new
// thread's id (1, 2, ...) once the instance exists, or -1 when it cannot be
// made (another import the module needs, no wasi_thread_start, no host thread).
//
// A trap or proc_exit in any thread ends the whole program, as a crash or
// exit of a native process would: the first ending is recorded, every other
// thread is stopped (its store's InterruptState is requested, which ends
// its memory.atomic.wait and interruptible code, and its next WASI call
// traps), and the program's outcome is that ending. The group waits for all
// of its threads before it goes away. A thread busy in code that was not
// compiled interruptible and makes no WASI call and no wait is only stopped
// when it does one of these.
#pragma once
#include <atomic>
#include <condition_variable>
#include <future>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "runtime/instance.h"
#include "runtime/linker.h"
#include "runtime/store.h"
#include "wasi/context.h"

namespace wasmcap::wasi {

inline constexpr const char* kThreadsModule = "wasi";
inline constexpr const char* kThreadSpawn = "thread-spawn";
inline constexpr const char* kThreadStart = "wasi_thread_start";

// True when `module` imports "wasi" "thread-spawn".
bool importsThreadSpawn(const ir::Module& module);

class ThreadGroup : public std::enable_shared_from_this<ThreadGroup> {
 public:
  // How the program ended: an exit status, and the trap when it trapped.
  struct Ending {
    int32_t exitCode = 0;
    std::optional<runtime::Trap> trap;
  };

  ThreadGroup(runtime::Executor& executor, runtime::Limits limits,
              std::shared_ptr<const runtime::CompiledModule> module, std::shared_ptr<Context> ctx);
  // Stops the threads still running and waits for them.
  ~ThreadGroup();
  ThreadGroup(const ThreadGroup&) = delete;
  ThreadGroup& operator=(const ThreadGroup&) = delete;

  // Defines thread-spawn in `linker`, for the first instance (in `store`).
  void defineSpawn(runtime::Linker& linker, runtime::Store& store);
  // After the first instance was made: the shared memories it imported are
  // what threads import, and its store is stopped with the others. Call on
  // the store's thread.
  void adoptFirst(runtime::Store& store, const runtime::Instance& first);

  // Records `ending` unless one was recorded before, stops every thread,
  // waits for them, and returns the ending that counts (the first).
  Ending finish(Ending ending);

 private:
  struct SharedImport {
    std::string module, name;
    std::shared_ptr<runtime::Memory> memory;
  };
  int32_t spawn(uint32_t startArg);
  void run(int32_t tid, uint32_t startArg, std::shared_ptr<std::promise<bool>> made);
  runtime::HostFunc spawnFunction();
  void record(Ending ending);
  void stopLocked();

  runtime::Executor& executor_;
  runtime::Limits limits_;
  std::shared_ptr<const runtime::CompiledModule> module_;
  std::shared_ptr<Context> ctx_;
  std::vector<SharedImport> sharedImports_;  // set once, before any spawn

  std::mutex mutex_;
  std::condition_variable idle_;  // signalled when running_ drops
  size_t running_ = 0;            // host threads not yet finished
  bool stopping_ = false;
  std::optional<Ending> ending_;
  std::vector<std::shared_ptr<runtime::InterruptState>> interrupts_;  // of every store running
  std::shared_ptr<runtime::InterruptState> first_;                   // the first instance's store's
  std::atomic<int32_t> nextTid_{1};
};

}  // namespace wasmcap::wasi
