#include "wasi/context.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "wasi/host_stat.h"
#include "wasi/open_intent.h"
#include "wasi/stdio.h"

extern char** environ;

namespace wasmcap::wasi {
namespace {

Result<FdEntry> stdioEntry(int hostFd) {
  int fd = ::fcntl(hostFd, F_DUPFD_CLOEXEC, 3);
  if (fd < 0)
    return Error(ErrorCode::Io, "cannot use host fd " + std::to_string(hostFd) + " for stdio: " + std::strerror(errno));
  FdEntry e;
  e.host.reset(fd);
  e.type = fileTypeOfFd(fd);
  e.kind = DescriptorKind::Stdio;
  e.base = maxRightsFor(e.type);
  if (e.type == FileType::Directory) e.base = 0;  // stdio is never a directory capability
  e.inheriting = 0;
  int fl = ::fcntl(fd, F_GETFL);
  // A descriptor open for one direction only gets the rights of that direction.
  if (fl >= 0 && (fl & O_ACCMODE) == O_WRONLY) e.base &= ~right::FdRead;
  if (fl >= 0 && (fl & O_ACCMODE) == O_RDONLY) e.base &= ~(right::FdWrite | right::FdDatasync | right::FdAllocate |
                                                         right::FdFilestatSetSize);
  if (fl >= 0 && (fl & O_APPEND)) e.fdflags |= fdflag::Append;
  if (fl >= 0 && (fl & O_NONBLOCK)) e.fdflags |= fdflag::Nonblock;
  return e;
}

}  // namespace

Rights directoryRights(Access access) {
  switch (access) {
    case Access::ReadOnly: return right::DirectoryBase & ~right::Mutating;
    case Access::Create: return right::CreateDirectoryBase;
    case Access::ReadWrite: break;
  }
  return right::DirectoryBase;
}

Rights inheritedRights(Access access) {
  switch (access) {
    // The write rights are advertised, never granted: wasi-libc narrows an
    // open's rights to these before calling path_open, and the request to
    // write must reach path_open to be refused there, at the open.
    case Access::ReadOnly: return (right::DirectoryInheriting & ~right::Mutating) | kOpenWriteRights;
    case Access::Create: return right::CreateDirectoryInheriting;
    case Access::ReadWrite: break;
  }
  return right::DirectoryInheriting;
}

void Context::noteCreated(int hostFd) {
  struct stat st;
  if (::fstat(hostFd, &st) == 0) created_.insert({st.st_dev, st.st_ino});
}

bool Context::wasCreated(int hostFd) const {
  struct stat st;
  return ::fstat(hostFd, &st) == 0 && created_.contains({st.st_dev, st.st_ino});
}

Context::Context(const Config& config)
    : fds_(config.maxOpenFds), resolver_(resolverKind(config.pathResolution)), policy_(config.policy),
      audit_(config.audit) {
  for (size_t fn = 0; fn < kFunctionCount; ++fn) bindings_[fn] = bindingOf(policy_, fn);
  if (const auto& d = config.deterministic) deterministic_ = DeterministicState{d->startNs, 0, d->seed};
}

Result<std::unique_ptr<Context>> Context::create(const Config& config) {
  std::unique_ptr<Context> ctx(new Context(config));
  ctx->args_ = config.args;
  if (config.inheritEnv)
    for (char** e = environ; e && *e; ++e) ctx->env_.emplace_back(*e);
  for (const auto& [key, value] : config.env) {
    if (key.empty() || key.find('=') != std::string::npos || key.find('\0') != std::string::npos ||
        value.find('\0') != std::string::npos)
      return Error(ErrorCode::Usage, "invalid environment variable name or value: " + key);
    ctx->env_.push_back(key + "=" + value);
  }

  const Stdio* stdio[3] = {&config.stdinStream, &config.stdoutStream, &config.stderrStream};
  for (Fd fd = 0; fd < 3; ++fd) {
    WASMCAP_TRY_ASSIGN(StdioFd host, openStdio(*stdio[fd], static_cast<int>(fd)));
    if (host.fd < 0) continue;
    WASMCAP_TRY_ASSIGN(FdEntry entry, stdioEntry(host.fd));
    ctx->fds_.insertAt(fd, std::move(entry));
  }
  // Preopens start at 3 even when some stdio fd is left closed.
  Fd next = 3;
  for (const Preopen& dir : config.preopens) {
    int fd = ::open(dir.hostPath.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
      return Error(ErrorCode::Io, "cannot preopen directory '" + dir.hostPath + "': " + std::strerror(errno));
    FdEntry e;
    e.host.reset(fd);
    e.type = FileType::Directory;
    e.access = dir.access;
    e.grant = std::make_shared<const std::string>(dir.guestPath);
    e.base = directoryRights(dir.access);
    e.inheriting = inheritedRights(dir.access);
    e.preopenName = dir.guestPath;
    ctx->fds_.insertAt(next++, std::move(e));
  }
  for (int sock : config.listenSockets) {
    int fd = ::fcntl(sock, F_DUPFD_CLOEXEC, 3);
    if (fd < 0)
      return Error(ErrorCode::Io, "cannot use host socket fd " + std::to_string(sock) + ": " + std::strerror(errno));
    FdEntry e;
    e.host.reset(fd);
    e.type = fileTypeOfFd(fd);
    e.kind = DescriptorKind::Socket;
    if (e.type != FileType::SocketStream)
      return Error(ErrorCode::Usage, "host fd " + std::to_string(sock) + " is not a stream socket");
    e.base = right::SocketBase;
    e.inheriting = right::SocketBase;
    ctx->fds_.insertAt(next++, std::move(e));
  }
  return ctx;
}

}  // namespace wasmcap::wasi
