// path_open: opens or creates a file or directory beneath a directory fd.
// The new fd's rights are those asked for, cut down to what the directory
// may hand on (its inheriting rights) and to what makes sense for the type
// of file opened. The grant is enforced at the open: asking to write beneath
// a read-only preopen fails here, and beneath a create-only one only files
// this program created may be opened for writing (path_open_create.cpp).
#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>

#include "wasi/host_stat.h"
#include "wasi/open_intent.h"
#include "wasi/path_open_create.h"
#include "wasi/preview1.h"

namespace wasmcap::wasi::preview1 {
namespace {

constexpr Rights kReadRights = right::FdRead | right::FdReaddir;

int hostFdflags(uint32_t fdflags) {
  int flags = 0;
  if (fdflags & fdflag::Append) flags |= O_APPEND;
  if (fdflags & fdflag::Nonblock) flags |= O_NONBLOCK;
  if (fdflags & fdflag::Dsync) flags |= O_DSYNC;
  if (fdflags & fdflag::Rsync) flags |= O_RSYNC;
  if (fdflags & fdflag::Sync) flags |= O_SYNC;
  return flags;
}

}  // namespace

Errno path_open(Call& c, uint32_t fd, uint32_t dirFlags, uint32_t path, uint32_t pathLen, uint32_t oflags,
                uint64_t rightsBase, uint64_t rightsInheriting, uint32_t fdflags, uint32_t fdPtr) {
  FdEntry* dir = c.ctx.fds().get(fd);
  if (!dir) return Errno::Badf;
  if (dir->type != FileType::Directory) return Errno::NotDir;
  Rights needed = right::PathOpen;
  if (oflags & oflag::Creat) needed |= right::PathCreateFile;
  if (oflags & oflag::Trunc) needed |= right::PathFilestatSetSize;
  if (!dir->has(needed)) return c.ctx.fds().refuse(fd, *dir, needed);
  if ((oflags & ~uint32_t{oflag::All}) || (fdflags & ~uint32_t{fdflag::All})) return Errno::Inval;
  std::string p;
  if (Errno err = readPath(c, path, pathLen, p); err != Errno::Success) return err;
  if (!c.mem.valid(fdPtr, 4)) return Errno::Fault;

  // Writing beneath a read-only grant fails at the open, as on a read-only
  // mount. (Rights the directory merely does not hand on are dropped instead:
  // that is how WASI narrows rights.)
  const bool writeIntent = asksToWrite(rightsBase, fdflags);
  if (writeIntent && dir->access == Access::ReadOnly)
    return c.ctx.fds().refuse(fd, *dir, (rightsBase & kOpenWriteRights) | right::FdWrite);
  // Append and the sync flags are ways of writing.
  if ((fdflags & (fdflag::Append | fdflag::Dsync | fdflag::Sync)) && !(dir->inheriting & right::FdWrite))
    return c.ctx.fds().refuse(fd, *dir, right::FdWrite);

  Rights base = rightsBase & dir->inheriting;
  Rights inheriting = rightsInheriting & dir->inheriting;
  const bool read = (base & kReadRights) != 0;
  const bool write = (base & kOpenWriteRights) != 0;
  int flags = (write ? (read ? O_RDWR : O_WRONLY) : O_RDONLY) | hostFdflags(fdflags);
  if (oflags & oflag::Creat) flags |= O_CREAT;
  if (oflags & oflag::Excl) flags |= O_EXCL;
  if (oflags & oflag::Trunc) flags |= O_TRUNC;
  if (oflags & oflag::Directory) flags |= O_DIRECTORY;
  const bool follow = dirFlags & kLookupSymlinkFollow;

  UniqueFd opened;
  bool created = false;
  if (dir->access == Access::Create && (writeIntent || (oflags & (oflag::Creat | oflag::Trunc)))) {
    if (Errno err = openInCreateGrant(c, fd, *dir, p, flags, follow, opened, created); err != Errno::Success)
      return err;
  } else {
    // A directory asked for with write rights fails with EISDIR, as POSIX open does.
    int err = c.ctx.resolver().open(dir->host.get(), p, flags, 0666, follow, opened);
    if (err) return resolveError(c, *dir, err);
    if (dir->access == Access::Create) created = c.ctx.wasCreated(opened.get());
  }

  FdEntry entry;
  entry.type = fileTypeOfFd(opened.get());
  entry.host = std::move(opened);
  entry.base = base & maxRightsFor(entry.type);
  entry.inheriting = entry.type == FileType::Directory ? inheriting : 0;
  entry.access = dir->access;
  entry.grant = dir->grant;
  entry.created = created;
  entry.fdflags = static_cast<uint16_t>(fdflags & ~fdflag::Nonblock & ~fdflag::Append);
  if (!write) entry.base &= ~kOpenWriteRights;
  if (!read) entry.base &= ~right::FdRead;
  // Beneath a read-only grant nothing changes; beneath a create-only one,
  // nothing this program did not create.
  if (dir->access == Access::ReadOnly) entry.base &= ~right::Mutating;
  if (dir->access == Access::Create && !created && entry.type != FileType::Directory)
    entry.base &= ~right::Mutating;
  Fd newFd;
  if (Errno e = c.ctx.fds().insert(std::move(entry), newFd); e != Errno::Success) return e;
  c.mem.store<uint32_t>(fdPtr, newFd);
  return Errno::Success;
}

}  // namespace wasmcap::wasi::preview1
