#include "wasi/path_open_create.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

namespace wasmcap::wasi {

Errno openInCreateGrant(Call& c, Fd dirFd, FdEntry& dir, const std::string& path, int flags, bool follow,
                        UniqueFd& out, bool& created) {
  const PathResolver& resolver = c.ctx.resolver();
  const int dirHost = dir.host.get();
  const bool exclusive = flags & O_EXCL;
  if (flags & O_CREAT) {
    // O_EXCL: either a new file, or EEXIST without touching the existing one.
    int err = resolver.open(dirHost, path, (flags & ~O_TRUNC) | O_EXCL, 0666, follow, out);
    if (!err) {
      c.ctx.noteCreated(out.get());
      created = true;
      return Errno::Success;
    }
    if (err != EEXIST || exclusive) return resolveError(c, dir, err);
  }
  // O_CREAT of an existing file only to read it changes nothing: an ordinary open.
  if ((flags & O_ACCMODE) == O_RDONLY && !(flags & (O_TRUNC | O_APPEND | O_DSYNC | O_SYNC))) {
    if (int err = resolver.open(dirHost, path, flags & ~O_CREAT, 0666, follow, out))
      return resolveError(c, dir, err);
    created = c.ctx.wasCreated(out.get());
    return Errno::Success;
  }
  // An existing file to write: look at it before opening it for writing.
  UniqueFd probe;
  if (int err = resolver.open(dirHost, path, O_PATH, 0, follow, probe)) return resolveError(c, dir, err);
  auto refuse = [&] { return c.ctx.fds().refuse(dirFd, dir, right::FdWrite | right::PathFilestatSetSize); };
  if (!c.ctx.wasCreated(probe.get())) return refuse();
  // Truncation waits for the check below: the name could have been pointed
  // elsewhere (by the host) between the two opens.
  if (int err = resolver.open(dirHost, path, flags & ~(O_CREAT | O_EXCL | O_TRUNC), 0666, follow, out))
    return resolveError(c, dir, err);
  if (!c.ctx.wasCreated(out.get())) {
    out.reset();
    return refuse();
  }
  if ((flags & O_TRUNC) && ::ftruncate(out.get(), 0) != 0) {
    const int err = errno;
    out.reset();
    return toWasiErrno(err);
  }
  created = true;
  return Errno::Success;
}

}  // namespace wasmcap::wasi
