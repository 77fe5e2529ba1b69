// sock_accept, sock_recv, sock_send, sock_shutdown on the stream sockets
// the embedder handed over (and the connections accepted from them).
#include <fcntl.h>
#include <sys/socket.h>

#include <cerrno>

#include "wasi/host_stat.h"
#include "wasi/preview1.h"

namespace wasmcap::wasi::preview1 {
namespace {

bool isSocket(FileType t) { return t == FileType::SocketStream || t == FileType::SocketDgram; }

// Badf for no fd, notsock for a non-socket, notcapable without `rights`.
Errno socketEntry(Call& c, uint32_t fd, Rights rights, FdEntry*& e) {
  e = c.ctx.fds().get(fd);
  if (!e) return Errno::Badf;
  if (!isSocket(e->type)) return Errno::NotSock;
  return e->has(rights) ? Errno::Success : c.ctx.fds().refuse(fd, *e, rights);
}

}  // namespace

Errno sock_accept(Call& c, uint32_t fd, uint32_t flags, uint32_t fdPtr) {
  FdEntry* e;
  if (Errno err = socketEntry(c, fd, right::SockAccept, e); err != Errno::Success) return err;
  if (flags & ~uint32_t{fdflag::Nonblock}) return Errno::Inval;
  if (!c.mem.valid(fdPtr, 4)) return Errno::Fault;
  int s;
  do s = ::accept4(e->host.get(), nullptr, nullptr, SOCK_CLOEXEC | ((flags & fdflag::Nonblock) ? SOCK_NONBLOCK : 0));
  while (s < 0 && errno == EINTR);
  if (s < 0) return lastHostErrno();
  FdEntry conn;
  conn.host.reset(s);
  conn.type = FileType::SocketStream;
  conn.base = right::SocketBase & ~right::SockAccept;  // a connection accepts nothing
  conn.inheriting = 0;
  conn.fdflags = static_cast<uint16_t>(flags);
  Fd newFd;
  if (Errno err = c.ctx.fds().insert(std::move(conn), newFd); err != Errno::Success) return err;
  c.mem.store<uint32_t>(fdPtr, newFd);
  return Errno::Success;
}

Errno sock_recv(Call& c, uint32_t fd, uint32_t riData, uint32_t riDataLen, uint32_t riFlags,
                uint32_t roDataLenPtr, uint32_t roFlagsPtr) {
  FdEntry* e;
  if (Errno err = socketEntry(c, fd, right::FdRead, e); err != Errno::Success) return err;
  if (riFlags & ~uint32_t{kRecvPeek | kRecvWaitall}) return Errno::Inval;
  if (!c.mem.valid(roDataLenPtr, 4) || !c.mem.valid(roFlagsPtr, 2)) return Errno::Fault;
  std::vector<struct iovec> vec;
  if (Errno err = readIovecs(c, riData, riDataLen, vec); err != Errno::Success) return err;
  struct msghdr msg {};
  msg.msg_iov = vec.data();
  msg.msg_iovlen = vec.size();
  int flags = ((riFlags & kRecvPeek) ? MSG_PEEK : 0) | ((riFlags & kRecvWaitall) ? MSG_WAITALL : 0);
  ssize_t n;
  do n = ::recvmsg(e->host.get(), &msg, flags);
  while (n < 0 && errno == EINTR);
  if (n < 0) return lastHostErrno();
  c.mem.store<uint32_t>(roDataLenPtr, static_cast<uint32_t>(n));
  c.mem.store<uint16_t>(roFlagsPtr, (msg.msg_flags & MSG_TRUNC) ? kRecvDataTruncated : 0);
  return Errno::Success;
}

Errno sock_send(Call& c, uint32_t fd, uint32_t siData, uint32_t siDataLen, uint32_t /*siFlags: none defined*/,
                uint32_t soDataLenPtr) {
  FdEntry* e;
  if (Errno err = socketEntry(c, fd, right::FdWrite, e); err != Errno::Success) return err;
  if (!c.mem.valid(soDataLenPtr, 4)) return Errno::Fault;
  std::vector<struct iovec> vec;
  if (Errno err = readIovecs(c, siData, siDataLen, vec); err != Errno::Success) return err;
  struct msghdr msg {};
  msg.msg_iov = vec.data();
  msg.msg_iovlen = vec.size();
  ssize_t n;
  do n = ::sendmsg(e->host.get(), &msg, MSG_NOSIGNAL);  // a closed peer is an errno, not SIGPIPE
  while (n < 0 && errno == EINTR);
  if (n < 0) return lastHostErrno();
  c.mem.store<uint32_t>(soDataLenPtr, static_cast<uint32_t>(n));
  return Errno::Success;
}

Errno sock_shutdown(Call& c, uint32_t fd, uint32_t how) {
  FdEntry* e;
  if (Errno err = socketEntry(c, fd, right::SockShutdown, e); err != Errno::Success) return err;
  int hostHow;
  switch (how) {
    case kShutRd: hostHow = SHUT_RD; break;
    case kShutWr: hostHow = SHUT_WR; break;
    case kShutRd | kShutWr: hostHow = SHUT_RDWR; break;
    default: return Errno::Inval;
  }
  return ::shutdown(e->host.get(), hostHow) == 0 ? Errno::Success : lastHostErrno();
}

}  // namespace wasmcap::wasi::preview1
