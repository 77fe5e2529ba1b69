#include "wasi/stdio.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "util/api_access.h"

namespace wasmcap::wasi {

// In-memory output is an anonymous memory file: the program writes it through
// an ordinary descriptor, so every WASI fd operation works on it unchanged.
struct __attribute__((visibility("hidden"))) OutputCapture::State {
  UniqueFd fd;
};

namespace {

UniqueFd memoryFile(const char* name) { return UniqueFd(::memfd_create(name, MFD_CLOEXEC)); }

Error ioError(const std::string& what) { return Error(ErrorCode::Io, what + ": " + std::strerror(errno)); }

}  // namespace

OutputCapture::OutputCapture() : impl_(std::make_shared<State>()) { impl_->fd = memoryFile("wasmcap-output"); }

std::string OutputCapture::contents() const {
  std::string out;
  const int fd = impl_->fd.get();
  struct stat st;
  if (fd < 0 || ::fstat(fd, &st) != 0) return out;
  out.resize(static_cast<size_t>(st.st_size));
  size_t done = 0;
  while (done < out.size()) {
    ssize_t n = ::pread(fd, out.data() + done, out.size() - done, static_cast<off_t>(done));
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  out.resize(done);
  return out;
}

Result<StdioFd> openStdio(const Stdio& stdio, int fd) {
  StdioFd out;
  switch (stdio.kind()) {
    case Stdio::Kind::Closed:
      return out;
    case Stdio::Kind::Null:
      out.owned.reset(::open("/dev/null", (fd == 0 ? O_RDONLY : O_WRONLY) | O_CLOEXEC));
      if (!out.owned.valid()) return ioError("cannot open /dev/null");
      out.fd = out.owned.get();
      return out;
    case Stdio::Kind::Inherit:
      // A descriptor the host itself was started without stays closed.
      out.fd = ::fcntl(fd, F_GETFD) == -1 ? -1 : fd;
      return out;
    case Stdio::Kind::HostFd:
      out.fd = ApiAccess::stdioFd(stdio);
      return out;
    case Stdio::Kind::Bytes: {
      if (fd != 0) return Error(ErrorCode::Usage, "Stdio::bytes is for standard input only");
      const std::string& data = ApiAccess::stdioBytes(stdio);
      out.owned = memoryFile("wasmcap-stdin");
      if (!out.owned.valid()) return ioError("cannot create the standard input buffer");
      size_t done = 0;
      while (done < data.size()) {
        ssize_t n = ::write(out.owned.get(), data.data() + done, data.size() - done);
        if (n <= 0) return ioError("cannot fill the standard input buffer");
        done += static_cast<size_t>(n);
      }
      ::lseek(out.owned.get(), 0, SEEK_SET);
      out.fd = out.owned.get();
      return out;
    }
    case Stdio::Kind::Capture: {
      if (fd == 0) return Error(ErrorCode::Usage, "Stdio::capture is for standard output and error only");
      const OutputCapture* sink = ApiAccess::stdioCapture(stdio);
      out.fd = sink ? ApiAccess::impl(*sink).fd.get() : -1;
      if (out.fd < 0) return Error(ErrorCode::Io, "the output capture has no buffer");
      return out;
    }
  }
  return out;
}

}  // namespace wasmcap::wasi
