// fd_read, fd_write, fd_pread, fd_pwrite with iovecs; fd_seek and fd_tell.
#include <unistd.h>

#include <cerrno>
#include <climits>

#include "wasi/preview1.h"

namespace wasmcap::wasi::preview1 {
namespace {

constexpr uint64_t kMaxOffset = static_cast<uint64_t>(INT64_MAX);

template <typename Op>
ssize_t retryOnIntr(Op op) {
  ssize_t n;
  do n = op(); while (n < 0 && errno == EINTR);
  return n;
}

Errno transfer(Call& c, uint32_t fd, Rights rights, uint32_t iovs, uint32_t iovsLen, uint32_t resultPtr,
               bool isWrite, const uint64_t* offset) {
  FdEntry* e;
  if (Errno err = c.ctx.fds().lookup(fd, rights, e); err != Errno::Success) return err;
  if (offset && *offset > kMaxOffset) return Errno::Inval;
  if (!c.mem.valid(resultPtr, 4)) return Errno::Fault;
  std::vector<struct iovec> vec;
  if (Errno err = readIovecs(c, iovs, iovsLen, vec); err != Errno::Success) return err;
  const int host = e->host.get();
  const int count = static_cast<int>(vec.size());
  ssize_t n;
  if (isWrite)
    n = offset ? retryOnIntr([&] { return ::pwritev(host, vec.data(), count, static_cast<off_t>(*offset)); })
               : retryOnIntr([&] { return ::writev(host, vec.data(), count); });
  else
    n = offset ? retryOnIntr([&] { return ::preadv(host, vec.data(), count, static_cast<off_t>(*offset)); })
               : retryOnIntr([&] { return ::readv(host, vec.data(), count); });
  if (n < 0) return lastHostErrno();
  // One call moves less than 4 GiB: the iovecs lie in a 32-bit memory.
  c.mem.store<uint32_t>(resultPtr, static_cast<uint32_t>(n));
  return Errno::Success;
}

}  // namespace

Errno fd_read(Call& c, uint32_t fd, uint32_t iovs, uint32_t iovsLen, uint32_t nreadPtr) {
  return transfer(c, fd, right::FdRead, iovs, iovsLen, nreadPtr, false, nullptr);
}

Errno fd_write(Call& c, uint32_t fd, uint32_t iovs, uint32_t iovsLen, uint32_t nwrittenPtr) {
  return transfer(c, fd, right::FdWrite, iovs, iovsLen, nwrittenPtr, true, nullptr);
}

Errno fd_pread(Call& c, uint32_t fd, uint32_t iovs, uint32_t iovsLen, uint64_t offset, uint32_t nreadPtr) {
  return transfer(c, fd, right::FdRead | right::FdSeek, iovs, iovsLen, nreadPtr, false, &offset);
}

Errno fd_pwrite(Call& c, uint32_t fd, uint32_t iovs, uint32_t iovsLen, uint64_t offset, uint32_t nwrittenPtr) {
  return transfer(c, fd, right::FdWrite | right::FdSeek, iovs, iovsLen, nwrittenPtr, true, &offset);
}

Errno fd_seek(Call& c, uint32_t fd, uint64_t offset, uint32_t whence, uint32_t newOffsetPtr) {
  // Asking for the current position needs only fd_tell.
  const bool tellOnly = offset == 0 && whence == static_cast<uint32_t>(Whence::Cur);
  FdEntry* e;
  if (Errno err = c.ctx.fds().lookup(fd, tellOnly ? right::FdTell : right::FdSeek, e); err != Errno::Success)
    return err;
  int hostWhence;
  switch (whence) {
    case static_cast<uint32_t>(Whence::Set): hostWhence = SEEK_SET; break;
    case static_cast<uint32_t>(Whence::Cur): hostWhence = SEEK_CUR; break;
    case static_cast<uint32_t>(Whence::End): hostWhence = SEEK_END; break;
    default: return Errno::Inval;
  }
  if (!c.mem.valid(newOffsetPtr, 8)) return Errno::Fault;
  off_t pos = ::lseek(e->host.get(), static_cast<off_t>(static_cast<int64_t>(offset)), hostWhence);
  if (pos < 0) return lastHostErrno();
  c.mem.store<uint64_t>(newOffsetPtr, static_cast<uint64_t>(pos));
  return Errno::Success;
}

Errno fd_tell(Call& c, uint32_t fd, uint32_t offsetPtr) {
  FdEntry* e;
  if (Errno err = c.ctx.fds().lookup(fd, right::FdTell, e); err != Errno::Success) return err;
  if (!c.mem.valid(offsetPtr, 8)) return Errno::Fault;
  off_t pos = ::lseek(e->host.get(), 0, SEEK_CUR);
  if (pos < 0) return lastHostErrno();
  c.mem.store<uint64_t>(offsetPtr, static_cast<uint64_t>(pos));
  return Errno::Success;
}

}  // namespace wasmcap::wasi::preview1
