// The program's standard streams: each wasi::Stdio of a Config becomes a host
// descriptor (or none) that the Context then duplicates.
#pragma once
#include "util/result.h"
#include "wasi/config.h"
#include "wasi/unique_fd.h"

namespace wasmcap::wasi {

// A descriptor for stream `fd` (0, 1 or 2) as `stdio` says: -1 inside for
// Closed (or Inherit when the host's own descriptor is closed). Owned
// descriptors (null, bytes) close with the result; borrowed ones (Inherit,
// HostFd, Capture) are not owned.
struct StdioFd {
  UniqueFd owned;
  int fd = -1;
};
Result<StdioFd> openStdio(const Stdio& stdio, int fd);

}  // namespace wasmcap::wasi
