// proc_exit, proc_raise, sched_yield.
#include <sched.h>

#include "wasi/preview1.h"

namespace wasmcap::wasi::preview1 {

void proc_exit(Call& c, uint32_t code) {
  c.ctx.exitCode = static_cast<int32_t>(code);
  runtime::Trap trap(runtime::TrapKind::Exit, "exit with code " + std::to_string(code));
  trap.exitCode = static_cast<int32_t>(code);
  c.trap = std::move(trap);
}

// Raising a host signal would hand the guest authority over the embedding
// process; preview1 runtimes leave it unsupported.
Errno proc_raise(Call&, uint32_t) { return Errno::NotSup; }

Errno sched_yield(Call&) {
  ::sched_yield();
  return Errno::Success;
}

}  // namespace wasmcap::wasi::preview1
