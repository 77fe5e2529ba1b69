#include "wasi/host_stat.h"

#include <sys/socket.h>

namespace wasmcap::wasi {

FileType fileTypeFromMode(mode_t mode) {
  switch (mode & S_IFMT) {
    case S_IFREG: return FileType::RegularFile;
    case S_IFDIR: return FileType::Directory;
    case S_IFCHR: return FileType::CharacterDevice;
    case S_IFBLK: return FileType::BlockDevice;
    case S_IFLNK: return FileType::SymbolicLink;
    case S_IFSOCK: return FileType::SocketStream;
    default: return FileType::Unknown;  // FIFOs have no WASI file type
  }
}

FileType fileTypeOfFd(int hostFd) {
  struct stat st;
  if (::fstat(hostFd, &st) != 0) return FileType::Unknown;
  FileType type = fileTypeFromMode(st.st_mode);
  if (type == FileType::SocketStream) {
    int sockType = 0;
    socklen_t len = sizeof sockType;
    if (::getsockopt(hostFd, SOL_SOCKET, SO_TYPE, &sockType, &len) == 0 && sockType == SOCK_DGRAM)
      type = FileType::SocketDgram;
  }
  return type;
}

Rights maxRightsFor(FileType type) {
  switch (type) {
    case FileType::RegularFile:
    case FileType::BlockDevice: return right::RegularFileBase;
    case FileType::Directory: return right::DirectoryBase;
    case FileType::SocketStream:
    case FileType::SocketDgram: return right::SocketBase;
    case FileType::CharacterDevice:
    default: return right::CharDeviceBase;
  }
}

uint64_t timespecToNs(const struct timespec& ts) {
  if (ts.tv_sec < 0) return 0;
  return static_cast<uint64_t>(ts.tv_sec) * 1'000'000'000ull + static_cast<uint64_t>(ts.tv_nsec);
}

}  // namespace wasmcap::wasi

namespace wasmcap::wasi {
struct timespec nsToTimespec(uint64_t ns) {
  struct timespec ts;
  ts.tv_sec = static_cast<time_t>(ns / 1'000'000'000ull);
  ts.tv_nsec = static_cast<long>(ns % 1'000'000'000ull);
  return ts;
}
}  // namespace wasmcap::wasi
