// What every preview1 function receives: the program's Context and the
// caller's memory, plus the helpers the function groups share to read guest
// arguments safely.
#pragma once
#include <sys/stat.h>
#include <sys/uio.h>
#include <time.h>

#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "runtime/trap.h"
#include "wasi/abi.h"
#include "wasi/context.h"
#include "wasi/errno.h"
#include "wasi/guest_memory.h"

namespace wasmcap::wasi {

struct Call {
  Context& ctx;
  GuestMemory mem;
  // Set by a function that must stop the guest (proc_exit) instead of
  // returning an errno.
  std::optional<runtime::Trap> trap;
  // The Context lock this call holds, if any (threads): a function that
  // blocks for long (poll_oneoff) releases it before it waits.
  std::unique_lock<std::mutex>* lock = nullptr;
};

// The WASI errno for the current host errno.
Errno lastHostErrno();

// The WASI errno for a PathResolver error beneath `dir`; an escape attempt
// (EPERM: the path leads outside the directory) is noted as a refusal.
Errno resolveError(Call& call, const FdEntry& dir, int hostErrno);

// A guest path: in bounds (fault), shorter than PATH_MAX (nametoolong), valid
// UTF-8 (ilseq), no NUL byte (inval).
Errno readPath(const Call& call, uint32_t ptr, uint32_t len, std::string& out);

// The host iovecs for a guest iovec array; every buffer must be in bounds
// (fault). At most IOV_MAX are used: the rest is left for a later call, as a
// short read or write allows.
Errno readIovecs(const Call& call, uint32_t iovs, uint32_t count, std::vector<struct iovec>& out);

// Validates `fst_flags` and builds utimensat/futimens times from it.
Errno timesFromFstFlags(uint64_t atim, uint64_t mtim, uint32_t fst, struct timespec times[2]);

// Writes a filestat structure for a host stat result.
bool storeFilestat(const GuestMemory& mem, uint32_t ptr, const struct stat& st);

}  // namespace wasmcap::wasi
