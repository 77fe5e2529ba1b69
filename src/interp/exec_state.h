// Per-store execution state: the value stack all frames live on and the
// interpreter's own call-frame stack. Kept outside the dispatch loop so that a
// memory fault (which abandons the loop's native frame) still finds the wasm
// frames for the backtrace, and so a host function calling back into wasm
// runs on the same stacks above its caller.
#pragma once
#include <cstdlib>
#include <memory>
#include <optional>
#include <vector>

#include "interp/code.h"
#include "runtime/store.h"

namespace wasmcap::interp {

struct Frame {
  const Cell* retPc = nullptr;  // where the caller continues when this frame returns
  Slot* fp = nullptr;
  const CompiledFunction* cf = nullptr;  // null for the base sentinel
  runtime::Instance* inst = nullptr;
};

struct ExecState {
  explicit ExecState(const runtime::Limits& limits);

  std::unique_ptr<Slot[]> stack;
  Slot* stackBase = nullptr;
  Slot* stackEnd = nullptr;
  // frames[0] is a sentinel for "no wasm running". Allocated, not
  // initialized: a frame is written when pushed, so the pages of deep frames
  // are only touched (and resident) when a program recurses that deep.
  struct FreeFrames {
    void operator()(Frame* p) const { std::free(p); }
  };
  std::unique_ptr<Frame, FreeFrames> frames;
  Frame* cur = nullptr;       // innermost live frame (updated on every call/return)
  Frame* framesEnd = nullptr;

  // First free slot above the innermost frame: where a new run starts.
  Slot* top() const { return cur->cf ? cur->fp + cur->cf->frameSlots : stackBase; }
};

// The store's state, created on first use.
ExecState& execState(runtime::Store& store);

// One run of the dispatch loop: calls `func` (a wasm function) whose
// arguments are already at `fp`; its results are left at `fp`.
struct RunContext {
  ExecState* st = nullptr;
  runtime::Store* store = nullptr;
  runtime::FuncInst* func = nullptr;
  Slot* fp = nullptr;
};

std::optional<runtime::Trap> execute(RunContext& ctx);

// The dispatch loop's handler addresses, indexed by handlerIndex().
const void* const* handlerTable();

// Backtrace of frames (innermost first) from `innermost` down to, not
// including, `stop`; `pc` is where the innermost frame stopped (null when
// unknown, as after a memory fault).
void appendBacktrace(runtime::Trap& trap, const Frame* innermost, const Frame* stop, const Cell* pc);

// Call a host function with arguments read from `args` (slots); results are
// written back over them.
std::optional<runtime::Trap> callHost(runtime::Store& store, runtime::FuncInst& func, runtime::Instance* caller,
                                      Slot* args);

}  // namespace wasmcap::interp
