// The path_* functions other than path_open. Each resolves its path beneath
// the directory fd through the PathResolver: either to the entry's parent
// and last name (for the *at calls that act on a name without following it)
// or to an O_PATH descriptor of the entry itself.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>

#include "wasi/preview1.h"

namespace wasmcap::wasi::preview1 {
namespace {

// The directory fd with `rights`, and the guest path.
Errno dirAndPath(Call& c, uint32_t fd, Rights rights, uint32_t pathPtr, uint32_t pathLen, FdEntry*& dir,
                 std::string& path) {
  dir = c.ctx.fds().get(fd);
  if (!dir) return Errno::Badf;
  if (dir->type != FileType::Directory) return Errno::NotDir;
  if (!dir->has(rights)) return c.ctx.fds().refuse(fd, *dir, rights);
  return readPath(c, pathPtr, pathLen, path);
}

// The parent directory and the name to hand to a host *at call. A trailing
// slash is kept for the kernel (it then requires a directory) except on a
// symlink, which the kernel would follow: that is never a directory here.
struct Target {
  ParentAndName at;
  std::string hostName;
};

Errno resolveTarget(Call& c, FdEntry& dir, const std::string& path, Target& out) {
  if (int err = c.ctx.resolver().openParent(dir.host.get(), path, out.at)) return resolveError(c, dir, err);
  out.hostName = out.at.name;
  if (out.at.trailingSlash && out.hostName != ".") {
    struct stat st;
    if (::fstatat(out.at.dir.get(), out.hostName.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode))
      return Errno::NotDir;
    out.hostName += '/';
  }
  return Errno::Success;
}

// The entry itself as an O_PATH descriptor (a symlink itself when !follow).
Errno resolveEntry(Call& c, FdEntry& dir, const std::string& path, bool follow, UniqueFd& out) {
  int err = c.ctx.resolver().open(dir.host.get(), path, O_PATH, 0, follow, out);
  return err ? resolveError(c, dir, err) : Errno::Success;
}

Errno ok(int r) { return r == 0 ? Errno::Success : lastHostErrno(); }

}  // namespace

Errno path_create_directory(Call& c, uint32_t fd, uint32_t path, uint32_t pathLen) {
  FdEntry* dir;
  std::string p;
  if (Errno err = dirAndPath(c, fd, right::PathCreateDirectory, path, pathLen, dir, p); err != Errno::Success)
    return err;
  Target t;
  if (Errno err = resolveTarget(c, *dir, p, t); err != Errno::Success) return err;
  return ok(::mkdirat(t.at.dir.get(), t.hostName.c_str(), 0777));
}

Errno path_filestat_get(Call& c, uint32_t fd, uint32_t flags, uint32_t path, uint32_t pathLen, uint32_t statPtr) {
  FdEntry* dir;
  std::string p;
  if (Errno err = dirAndPath(c, fd, right::PathFilestatGet, path, pathLen, dir, p); err != Errno::Success)
    return err;
  if (!c.mem.valid(statPtr, layout::kFilestatSize)) return Errno::Fault;
  UniqueFd entry;
  if (Errno err = resolveEntry(c, *dir, p, flags & kLookupSymlinkFollow, entry); err != Errno::Success)
    return err;
  struct stat st;
  if (::fstat(entry.get(), &st) != 0) return lastHostErrno();
  storeFilestat(c.mem, statPtr, st);
  return Errno::Success;
}

Errno path_filestat_set_times(Call& c, uint32_t fd, uint32_t flags, uint32_t path, uint32_t pathLen,
                              uint64_t atim, uint64_t mtim, uint32_t fstFlags) {
  FdEntry* dir;
  std::string p;
  if (Errno err = dirAndPath(c, fd, right::PathFilestatSetTimes, path, pathLen, dir, p); err != Errno::Success)
    return err;
  struct timespec times[2];
  if (Errno err = timesFromFstFlags(atim, mtim, fstFlags, times); err != Errno::Success) return err;
  UniqueFd entry;
  if (Errno err = resolveEntry(c, *dir, p, flags & kLookupSymlinkFollow, entry); err != Errno::Success)
    return err;
  // The O_PATH descriptor is the resolved entry (the link itself when not
  // following): set its times without another lookup.
  return ok(::utimensat(entry.get(), "", times, AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW));
}

Errno path_link(Call& c, uint32_t oldFd, uint32_t oldFlags, uint32_t oldPath, uint32_t oldPathLen,
                uint32_t newFd, uint32_t newPath, uint32_t newPathLen) {
  FdEntry* oldDir;
  FdEntry* newDir;
  std::string op, np;
  if (Errno err = dirAndPath(c, oldFd, right::PathLinkSource, oldPath, oldPathLen, oldDir, op); err != Errno::Success)
    return err;
  if (Errno err = dirAndPath(c, newFd, right::PathLinkTarget, newPath, newPathLen, newDir, np); err != Errno::Success)
    return err;
  // Linking the target of a symlink would need a lookup the kernel does
  // unconfined (linkat with AT_SYMLINK_FOLLOW).
  if (oldFlags & kLookupSymlinkFollow) return Errno::Inval;
  Target from, to;
  if (Errno err = resolveTarget(c, *oldDir, op, from); err != Errno::Success) return err;
  if (Errno err = resolveTarget(c, *newDir, np, to); err != Errno::Success) return err;
  return ok(::linkat(from.at.dir.get(), from.hostName.c_str(), to.at.dir.get(), to.hostName.c_str(), 0));
}

Errno path_readlink(Call& c, uint32_t fd, uint32_t path, uint32_t pathLen, uint32_t buf, uint32_t bufLen,
                    uint32_t usedPtr) {
  FdEntry* dir;
  std::string p;
  if (Errno err = dirAndPath(c, fd, right::PathReadlink, path, pathLen, dir, p); err != Errno::Success) return err;
  uint8_t* out = c.mem.span(buf, bufLen);
  if (!out || !c.mem.valid(usedPtr, 4)) return Errno::Fault;
  Target t;
  if (Errno err = resolveTarget(c, *dir, p, t); err != Errno::Success) return err;
  char target[PATH_MAX];
  ssize_t n = ::readlinkat(t.at.dir.get(), t.hostName.c_str(), target, sizeof target);
  if (n < 0) return lastHostErrno();
  // Like readlink(2), a short buffer gets the first bytes.
  const size_t copied = std::min<size_t>(static_cast<size_t>(n), bufLen);
  std::memcpy(out, target, copied);
  c.mem.store<uint32_t>(usedPtr, static_cast<uint32_t>(copied));
  return Errno::Success;
}

Errno path_remove_directory(Call& c, uint32_t fd, uint32_t path, uint32_t pathLen) {
  FdEntry* dir;
  std::string p;
  if (Errno err = dirAndPath(c, fd, right::PathRemoveDirectory, path, pathLen, dir, p); err != Errno::Success)
    return err;
  Target t;
  if (Errno err = resolveTarget(c, *dir, p, t); err != Errno::Success) return err;
  return ok(::unlinkat(t.at.dir.get(), t.hostName.c_str(), AT_REMOVEDIR));
}

Errno path_rename(Call& c, uint32_t fd, uint32_t oldPath, uint32_t oldPathLen, uint32_t newFd, uint32_t newPath,
                  uint32_t newPathLen) {
  FdEntry* oldDir;
  FdEntry* newDir;
  std::string op, np;
  if (Errno err = dirAndPath(c, fd, right::PathRenameSource, oldPath, oldPathLen, oldDir, op); err != Errno::Success)
    return err;
  if (Errno err = dirAndPath(c, newFd, right::PathRenameTarget, newPath, newPathLen, newDir, np); err != Errno::Success)
    return err;
  Target from, to;
  if (Errno err = resolveTarget(c, *oldDir, op, from); err != Errno::Success) return err;
  if (Errno err = resolveTarget(c, *newDir, np, to); err != Errno::Success) return err;
  return ok(::renameat(from.at.dir.get(), from.hostName.c_str(), to.at.dir.get(), to.hostName.c_str()));
}

Errno path_symlink(Call& c, uint32_t oldPath, uint32_t oldPathLen, uint32_t fd, uint32_t newPath,
                   uint32_t newPathLen) {
  std::string target;  // symlink text: checked like a path (it is not resolved here)
  if (Errno err = readPath(c, oldPath, oldPathLen, target); err != Errno::Success) return err;
  FdEntry* dir;
  std::string p;
  if (Errno err = dirAndPath(c, fd, right::PathSymlink, newPath, newPathLen, dir, p); err != Errno::Success)
    return err;
  // An absolute target would name a host path, not one beneath a preopen:
  // the resolver never follows it, but other host programs might.
  if (!target.empty() && target.front() == '/') return Errno::Perm;
  Target t;
  if (Errno err = resolveTarget(c, *dir, p, t); err != Errno::Success) return err;
  return ok(::symlinkat(target.c_str(), t.at.dir.get(), t.hostName.c_str()));
}

Errno path_unlink_file(Call& c, uint32_t fd, uint32_t path, uint32_t pathLen) {
  FdEntry* dir;
  std::string p;
  if (Errno err = dirAndPath(c, fd, right::PathUnlinkFile, path, pathLen, dir, p); err != Errno::Success) return err;
  Target t;
  if (Errno err = resolveTarget(c, *dir, p, t); err != Errno::Success) return err;
  return ok(::unlinkat(t.at.dir.get(), t.hostName.c_str(), 0));
}

}  // namespace wasmcap::wasi::preview1
