#include "run_capabilities.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <vector>

namespace wasmcap::cli {

namespace {

Error usage(std::string message) { return Error(ErrorCode::Usage, std::move(message)); }

// A numeric IPv4 or IPv6 address and a checked decimal port as a socket
// address; nothing when `host` is not a numeric address.
std::optional<sockaddr_storage> socketAddress(const std::string& host, const std::string& port) {
  sockaddr_storage out{};
  const auto portBytes = htons(static_cast<uint16_t>(std::stoi(port)));
  if (auto* v4 = reinterpret_cast<sockaddr_in*>(&out); ::inet_pton(AF_INET, host.c_str(), &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = portBytes;
    return out;
  }
  if (auto* v6 = reinterpret_cast<sockaddr_in6*>(&out); ::inet_pton(AF_INET6, host.c_str(), &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = portBytes;
    return out;
  }
  return std::nullopt;
}

bool endsWith(const std::string& s, const char* suffix) {
  const size_t n = std::strlen(suffix);
  return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

}  // namespace

Result<wasi::Preopen> parseDirSpec(const std::string& spec) {
  const std::string quoted = "--dir \"" + spec + "\": ";
  std::string rest = spec;
  wasi::Access access = wasi::Access::ReadWrite;
  // A mode suffix is ":ro", ":rw" or ":create" preceded by something other
  // than ':'; in "data::ro" the "::" wins and "ro" is the guest name.
  static constexpr std::pair<const char*, wasi::Access> kModes[] = {
      {":ro", wasi::Access::ReadOnly}, {":rw", wasi::Access::ReadWrite}, {":create", wasi::Access::Create}};
  for (const auto& [mode, modeAccess] : kModes) {
    const size_t n = std::strlen(mode);
    if (endsWith(rest, mode) && rest.size() > n && rest[rest.size() - n - 1] != ':') {
      access = modeAccess;
      rest.resize(rest.size() - n);
      break;
    }
  }
  std::string host = rest, guest;
  if (size_t sep = rest.find("::"); sep != std::string::npos) {
    host = rest.substr(0, sep);
    guest = rest.substr(sep + 2);
    if (guest.empty()) return usage(quoted + "empty guest path after \"::\" (expected HOST[::GUEST][:MODE])");
  }
  if (host.empty()) return usage(quoted + "empty host directory (expected HOST[::GUEST][:MODE])");
  if (host.find(':') != std::string::npos || guest.find(':') != std::string::npos)
    return usage(quoted +
                 "unexpected ':' (expected HOST[::GUEST][:MODE]: \"::\" names the guest path, MODE is ro, rw or "
                 "create)");
  struct stat st {};
  if (::stat(host.c_str(), &st) != 0)
    return Error(ErrorCode::Io, quoted + "cannot open host directory: " + std::strerror(errno));
  if (!S_ISDIR(st.st_mode)) return Error(ErrorCode::Io, quoted + "the host path is not a directory");
  if (guest.empty()) guest = host;
  return wasi::Preopen{host, guest, access};
}

Result<std::pair<std::string, std::string>> parseEnvSpec(const std::string& spec) {
  const size_t eq = spec.find('=');
  if (eq == std::string::npos || eq == 0)
    return usage("--env \"" + spec + "\": expected KEY=VALUE with a non-empty KEY");
  return std::pair{spec.substr(0, eq), spec.substr(eq + 1)};
}

Result<ListenSocket> ListenSocket::open(const std::string& spec) {
  const std::string quoted = "--tcplisten \"" + spec + "\": ";
  const size_t colon = spec.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == spec.size())
    return usage(quoted + "expected HOST:PORT, e.g. 127.0.0.1:8080 or [::1]:8080");
  std::string host = spec.substr(0, colon);
  const std::string port = spec.substr(colon + 1);
  if (port.find_first_not_of("0123456789") != std::string::npos || port.size() > 5 || std::stoi(port) > 65535)
    return usage(quoted + "the port must be a number from 0 to 65535");
  if (host.front() == '[') {
    if (host.size() < 3 || host.back() != ']') return usage(quoted + "unbalanced brackets around an IPv6 address");
    host = host.substr(1, host.size() - 2);
  } else if (host.find(':') != std::string::npos) {
    return usage(quoted + "put an IPv6 address in brackets, e.g. [::1]:8080");
  }

  // Numeric addresses and "localhost" only: a listen address names one of
  // this host's interfaces, and without a name resolver the statically linked
  // CLI depends on no NSS modules at run time.
  std::vector<sockaddr_storage> candidates;
  if (host == "localhost") {
    candidates = {*socketAddress("127.0.0.1", port), *socketAddress("::1", port)};
  } else if (auto addr = socketAddress(host, port)) {
    candidates = {*addr};
  } else {
    return usage(quoted + "HOST must be a numeric IPv4 or IPv6 address or localhost");
  }
  std::string lastError = "no address";
  for (const sockaddr_storage& addr : candidates) {
    int fd = ::socket(addr.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
      lastError = std::strerror(errno);
      continue;
    }
    int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    const socklen_t len = addr.ss_family == AF_INET ? sizeof(sockaddr_in) : sizeof(sockaddr_in6);
    if (::bind(fd, reinterpret_cast<const sockaddr*>(&addr), len) == 0 && ::listen(fd, 128) == 0)
      return ListenSocket(fd);
    lastError = std::strerror(errno);
    ::close(fd);
  }
  return Error(ErrorCode::Io, quoted + "cannot listen: " + lastError);
}

ListenSocket::~ListenSocket() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace wasmcap::cli
