// random_get: the host's getrandom(2), filling the buffer completely.
#include <sys/random.h>

#include <cerrno>

#include "wasi/preview1.h"

namespace wasmcap::wasi::preview1 {

Errno random_get(Call& c, uint32_t buf, uint32_t bufLen) {
  uint8_t* p = c.mem.span(buf, bufLen);
  if (!p) return Errno::Fault;
  size_t done = 0;
  while (done < bufLen) {
    ssize_t n = ::getrandom(p + done, bufLen - done, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return lastHostErrno();
    }
    done += static_cast<size_t>(n);
  }
  return Errno::Success;
}

}  // namespace wasmcap::wasi::preview1
