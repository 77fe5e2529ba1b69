// fd_readdir: directory entries with cookies. The listing is snapshotted
// when a read starts at cookie 0, and entry i carries d_next = i + 1, so a
// guest that resumes at any cookie it was given sees a consistent listing.
// Entries that do not fit are cut off at the end of the buffer, and a full
// buffer tells the guest to call again (as preview1 specifies).
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>

#include "wasi/host_stat.h"
#include "wasi/preview1.h"

namespace wasmcap::wasi::preview1 {
namespace {

struct LinuxDirent64 {
  ino64_t d_ino;
  off64_t d_off;
  unsigned short d_reclen;
  unsigned char d_type;
  char d_name[];
};

FileType typeFromDirent(int dirFd, unsigned char dtype, const char* name) {
  switch (dtype) {
    case DT_REG: return FileType::RegularFile;
    case DT_DIR: return FileType::Directory;
    case DT_LNK: return FileType::SymbolicLink;
    case DT_CHR: return FileType::CharacterDevice;
    case DT_BLK: return FileType::BlockDevice;
    case DT_SOCK: return FileType::SocketStream;
    case DT_UNKNOWN: {
      struct stat st;
      if (::fstatat(dirFd, name, &st, AT_SYMLINK_NOFOLLOW) == 0) return fileTypeFromMode(st.st_mode);
      return FileType::Unknown;
    }
    default: return FileType::Unknown;
  }
}

int snapshot(int dirFd, std::vector<DirEntry>& out) {
  out.clear();
  if (::lseek(dirFd, 0, SEEK_SET) < 0) return errno;
  alignas(8) char buf[16384];
  for (;;) {
    long n = ::syscall(SYS_getdents64, dirFd, buf, sizeof buf);
    if (n < 0) return errno;
    if (n == 0) return 0;
    for (long pos = 0; pos < n;) {
      auto* d = reinterpret_cast<LinuxDirent64*>(buf + pos);
      out.push_back({d->d_ino, typeFromDirent(dirFd, d->d_type, d->d_name), d->d_name});
      pos += d->d_reclen;
    }
  }
}

}  // namespace

Errno fd_readdir(Call& c, uint32_t fd, uint32_t buf, uint32_t bufLen, uint64_t cookie, uint32_t usedPtr) {
  FdEntry* e;
  if (Errno err = c.ctx.fds().lookup(fd, right::FdReaddir, e); err != Errno::Success) return err;
  if (e->type != FileType::Directory) return Errno::NotDir;
  uint8_t* out = c.mem.span(buf, bufLen);
  if (!out || !c.mem.valid(usedPtr, 4)) return Errno::Fault;
  if (cookie == 0 || !e->hasSnapshot) {
    if (int err = snapshot(e->host.get(), e->dirSnapshot)) return toWasiErrno(err);
    e->hasSnapshot = true;
  }
  uint64_t used = 0;
  for (uint64_t i = cookie; i < e->dirSnapshot.size() && used < bufLen; ++i) {
    const DirEntry& d = e->dirSnapshot[i];
    uint8_t header[layout::kDirentSize] = {};
    const uint64_t next = i + 1;
    const auto namlen = static_cast<uint32_t>(d.name.size());
    std::memcpy(header + layout::kDirentNext, &next, 8);
    std::memcpy(header + layout::kDirentIno, &d.ino, 8);
    std::memcpy(header + layout::kDirentNamlen, &namlen, 4);
    header[layout::kDirentType] = static_cast<uint8_t>(d.type);
    uint64_t n = std::min<uint64_t>(sizeof header, bufLen - used);
    std::memcpy(out + used, header, n);
    used += n;
    n = std::min<uint64_t>(d.name.size(), bufLen - used);
    std::memcpy(out + used, d.name.data(), n);
    used += n;
  }
  c.mem.store<uint32_t>(usedPtr, static_cast<uint32_t>(used));
  return Errno::Success;
}

}  // namespace wasmcap::wasi::preview1
