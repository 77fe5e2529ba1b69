// Descriptor metadata and lifetime: fdstat, filestat, allocate, advise,
// sync, close, renumber and the preopen queries.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>

#include "wasi/host_stat.h"
#include "wasi/preview1.h"

namespace wasmcap::wasi::preview1 {
namespace {

constexpr uint64_t kMaxOffset = static_cast<uint64_t>(INT64_MAX);

Errno lookup(Call& c, uint32_t fd, Rights rights, FdEntry*& e) { return c.ctx.fds().lookup(fd, rights, e); }

}  // namespace

}  // namespace wasmcap::wasi::preview1

namespace wasmcap::wasi {

Errno timesFromFstFlags(uint64_t atim, uint64_t mtim, uint32_t fst, struct timespec times[2]) {
  if (fst & ~uint32_t{fstflag::All}) return Errno::Inval;
  if ((fst & fstflag::Atim) && (fst & fstflag::AtimNow)) return Errno::Inval;
  if ((fst & fstflag::Mtim) && (fst & fstflag::MtimNow)) return Errno::Inval;
  times[0].tv_sec = times[1].tv_sec = 0;
  times[0].tv_nsec = times[1].tv_nsec = UTIME_OMIT;
  if (fst & fstflag::AtimNow) times[0].tv_nsec = UTIME_NOW;
  else if (fst & fstflag::Atim) times[0] = nsToTimespec(atim);
  if (fst & fstflag::MtimNow) times[1].tv_nsec = UTIME_NOW;
  else if (fst & fstflag::Mtim) times[1] = nsToTimespec(mtim);
  return Errno::Success;
}

}  // namespace wasmcap::wasi

namespace wasmcap::wasi::preview1 {

Errno fd_advise(Call& c, uint32_t fd, uint64_t offset, uint64_t len, uint32_t advice) {
  FdEntry* e;
  if (Errno err = lookup(c, fd, right::FdAdvise, e); err != Errno::Success) return err;
  static constexpr int kHostAdvice[] = {POSIX_FADV_NORMAL, POSIX_FADV_SEQUENTIAL, POSIX_FADV_RANDOM,
                                        POSIX_FADV_WILLNEED, POSIX_FADV_DONTNEED, POSIX_FADV_NOREUSE};
  if (advice > static_cast<uint32_t>(Advice::NoReuse)) return Errno::Inval;
  if (offset > kMaxOffset || len > kMaxOffset) return Errno::Inval;
  int r = ::posix_fadvise(e->host.get(), static_cast<off_t>(offset), static_cast<off_t>(len), kHostAdvice[advice]);
  return toWasiErrno(r);
}

Errno fd_allocate(Call& c, uint32_t fd, uint64_t offset, uint64_t len) {
  FdEntry* e;
  if (Errno err = lookup(c, fd, right::FdAllocate, e); err != Errno::Success) return err;
  if (offset > kMaxOffset || len > kMaxOffset - offset) return Errno::Inval;
  if (len == 0) return Errno::Inval;
  int r = ::posix_fallocate(e->host.get(), static_cast<off_t>(offset), static_cast<off_t>(len));
  if (r == EOPNOTSUPP) {
    // Filesystems without fallocate: only the size effect is observable.
    struct stat st;
    if (::fstat(e->host.get(), &st) != 0) return lastHostErrno();
    if (static_cast<uint64_t>(st.st_size) < offset + len &&
        ::ftruncate(e->host.get(), static_cast<off_t>(offset + len)) != 0)
      return lastHostErrno();
    return Errno::Success;
  }
  return toWasiErrno(r);
}

Errno fd_close(Call& c, uint32_t fd) { return c.ctx.fds().close(fd); }

Errno fd_datasync(Call& c, uint32_t fd) {
  FdEntry* e;
  if (Errno err = lookup(c, fd, right::FdDatasync, e); err != Errno::Success) return err;
  return ::fdatasync(e->host.get()) == 0 ? Errno::Success : lastHostErrno();
}

Errno fd_sync(Call& c, uint32_t fd) {
  FdEntry* e;
  if (Errno err = lookup(c, fd, right::FdSync, e); err != Errno::Success) return err;
  return ::fsync(e->host.get()) == 0 ? Errno::Success : lastHostErrno();
}

Errno fd_fdstat_get(Call& c, uint32_t fd, uint32_t statPtr) {
  FdEntry* e;
  if (Errno err = lookup(c, fd, 0, e); err != Errno::Success) return err;
  if (!c.mem.valid(statPtr, layout::kFdstatSize)) return Errno::Fault;
  uint16_t flags = e->fdflags & ~(fdflag::Append | fdflag::Nonblock);
  int fl = ::fcntl(e->host.get(), F_GETFL);
  if (fl >= 0 && (fl & O_APPEND)) flags |= fdflag::Append;
  if (fl >= 0 && (fl & O_NONBLOCK)) flags |= fdflag::Nonblock;
  uint8_t zero[layout::kFdstatSize] = {};
  c.mem.write(statPtr, zero, sizeof zero);
  c.mem.store<uint8_t>(statPtr + layout::kFdstatFiletype, static_cast<uint8_t>(e->type));
  c.mem.store<uint16_t>(statPtr + layout::kFdstatFlags, flags);
  c.mem.store<uint64_t>(statPtr + layout::kFdstatRightsBase, e->base);
  c.mem.store<uint64_t>(statPtr + layout::kFdstatRightsInheriting, e->inheriting);
  return Errno::Success;
}

Errno fd_fdstat_set_flags(Call& c, uint32_t fd, uint32_t flags) {
  FdEntry* e;
  if (Errno err = lookup(c, fd, right::FdFdstatSetFlags, e); err != Errno::Success) return err;
  if (flags & ~uint32_t{fdflag::All}) return Errno::Inval;
  // Linux cannot change the synchronisation flags of an open file.
  const uint16_t syncFlags = fdflag::Dsync | fdflag::Rsync | fdflag::Sync;
  if ((flags & syncFlags) != (e->fdflags & syncFlags)) return Errno::NotSup;
  // Appending is writing: a descriptor without fd_write cannot ask for it.
  if ((flags & fdflag::Append) && !e->has(right::FdWrite) && e->type != FileType::Directory)
    return c.ctx.fds().refuse(fd, *e, right::FdWrite);
  int fl = ::fcntl(e->host.get(), F_GETFL);
  if (fl < 0) return lastHostErrno();
  fl &= ~(O_APPEND | O_NONBLOCK);
  if (flags & fdflag::Append) fl |= O_APPEND;
  if (flags & fdflag::Nonblock) fl |= O_NONBLOCK;
  if (::fcntl(e->host.get(), F_SETFL, fl) != 0) return lastHostErrno();
  e->fdflags = static_cast<uint16_t>(flags);
  return Errno::Success;
}

Errno fd_fdstat_set_rights(Call& c, uint32_t fd, uint64_t base, uint64_t inheriting) {
  FdEntry* e;
  if (Errno err = lookup(c, fd, 0, e); err != Errno::Success) return err;
  // Rights can only be dropped, never gained.
  if ((base & ~e->base) || (inheriting & ~e->inheriting)) return c.ctx.fds().refuse(fd, *e, base | inheriting);
  e->base = base;
  e->inheriting = inheriting;
  return Errno::Success;
}

Errno fd_filestat_get(Call& c, uint32_t fd, uint32_t statPtr) {
  FdEntry* e;
  if (Errno err = lookup(c, fd, right::FdFilestatGet, e); err != Errno::Success) return err;
  if (!c.mem.valid(statPtr, layout::kFilestatSize)) return Errno::Fault;
  struct stat st;
  if (::fstat(e->host.get(), &st) != 0) return lastHostErrno();
  storeFilestat(c.mem, statPtr, st);
  // Stdio that is a pipe has no WASI type; report what the fd says.
  c.mem.store<uint8_t>(statPtr + layout::kFilestatFiletype, static_cast<uint8_t>(e->type));
  return Errno::Success;
}

Errno fd_filestat_set_size(Call& c, uint32_t fd, uint64_t size) {
  FdEntry* e;
  if (Errno err = lookup(c, fd, right::FdFilestatSetSize, e); err != Errno::Success) return err;
  if (size > kMaxOffset) return Errno::Inval;
  return ::ftruncate(e->host.get(), static_cast<off_t>(size)) == 0 ? Errno::Success : lastHostErrno();
}

Errno fd_filestat_set_times(Call& c, uint32_t fd, uint64_t atim, uint64_t mtim, uint32_t fstFlags) {
  FdEntry* e;
  if (Errno err = lookup(c, fd, right::FdFilestatSetTimes, e); err != Errno::Success) return err;
  struct timespec times[2];
  if (Errno err = timesFromFstFlags(atim, mtim, fstFlags, times); err != Errno::Success) return err;
  return ::futimens(e->host.get(), times) == 0 ? Errno::Success : lastHostErrno();
}

Errno fd_renumber(Call& c, uint32_t fd, uint32_t to) { return c.ctx.fds().renumber(fd, to); }

Errno fd_prestat_get(Call& c, uint32_t fd, uint32_t prestatPtr) {
  FdEntry* e = c.ctx.fds().get(fd);
  if (!e || !e->preopenName) return Errno::Badf;
  if (!c.mem.valid(prestatPtr, layout::kPrestatSize)) return Errno::Fault;
  uint8_t zero[layout::kPrestatSize] = {};
  c.mem.write(prestatPtr, zero, sizeof zero);
  c.mem.store<uint8_t>(prestatPtr, kPreopenTypeDir);
  c.mem.store<uint32_t>(prestatPtr + 4, static_cast<uint32_t>(e->preopenName->size()));
  return Errno::Success;
}

Errno fd_prestat_dir_name(Call& c, uint32_t fd, uint32_t pathPtr, uint32_t pathLen) {
  FdEntry* e = c.ctx.fds().get(fd);
  if (!e || !e->preopenName) return Errno::Badf;
  const std::string& name = *e->preopenName;
  if (pathLen < name.size()) return Errno::NameTooLong;
  return c.mem.write(pathPtr, name.data(), name.size()) ? Errno::Success : Errno::Fault;
}

}  // namespace wasmcap::wasi::preview1
