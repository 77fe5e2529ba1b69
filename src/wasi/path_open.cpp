// path_open: opens or creates a file or directory beneath a directory fd.
// The new fd's rights are those asked for, cut down to what the directory
// may hand on (its inheriting rights) and to what makes sense for the type
// of file opened; a read-only preopen never hands on a mutating right.
#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>

#include "wasi/host_stat.h"
#include "wasi/preview1.h"

namespace wasmcap::wasi::preview1 {
namespace {

constexpr Rights kReadRights = right::FdRead | right::FdReaddir;
constexpr Rights kWriteRights = right::FdWrite | right::FdDatasync | right::FdAllocate | right::FdFilestatSetSize;

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
  if (!dir->has(needed)) return Errno::NotCapable;
  if ((oflags & ~uint32_t{oflag::All}) || (fdflags & ~uint32_t{fdflag::All})) return Errno::Inval;
  std::string p;
  if (Errno err = readPath(c, path, pathLen, p); err != Errno::Success) return err;
  if (!c.mem.valid(fdPtr, 4)) return Errno::Fault;

  Rights base = rightsBase & dir->inheriting;
  Rights inheriting = rightsInheriting & dir->inheriting;
  if (dir->readOnly) {
    base &= ~right::Mutating;
    inheriting &= ~right::Mutating;
  }
  // Append and the sync flags are ways of writing.
  if ((fdflags & (fdflag::Append | fdflag::Dsync | fdflag::Sync)) && !(dir->inheriting & right::FdWrite))
    return Errno::NotCapable;

  const bool wantDirectory = oflags & oflag::Directory;
  const bool read = (base & kReadRights) != 0;
  const bool write = (base & kWriteRights) != 0;
  int flags = (write ? (read ? O_RDWR : O_WRONLY) : O_RDONLY) | hostFdflags(fdflags);
  if (oflags & oflag::Creat) flags |= O_CREAT;
  if (oflags & oflag::Excl) flags |= O_EXCL;
  if (oflags & oflag::Trunc) flags |= O_TRUNC;
  if (wantDirectory) flags |= O_DIRECTORY;
  const bool follow = dirFlags & kLookupSymlinkFollow;

  UniqueFd opened;
  // A directory asked for with write rights fails with EISDIR, as POSIX open does.
  int err = c.ctx.resolver().open(dir->host.get(), p, flags, 0666, follow, opened);
  if (err) return toWasiErrno(err);

  FdEntry entry;
  entry.type = fileTypeOfFd(opened.get());
  entry.host = std::move(opened);
  entry.base = base & maxRightsFor(entry.type);
  entry.inheriting = entry.type == FileType::Directory ? inheriting : 0;
  entry.readOnly = dir->readOnly;
  entry.fdflags = static_cast<uint16_t>(fdflags & ~fdflag::Nonblock & ~fdflag::Append);
  if (!write) entry.base &= ~kWriteRights;
  if (!read) entry.base &= ~right::FdRead;
  Fd newFd;
  if (Errno e = c.ctx.fds().insert(std::move(entry), newFd); e != Errno::Success) return e;
  c.mem.store<uint32_t>(fdPtr, newFd);
  return Errno::Success;
}

}  // namespace wasmcap::wasi::preview1
