// Turning `wasmcap run` capability flags (--dir, --env, --tcplisten) into a
// wasi::Config. Every spec is checked before anything runs, so a typo is one
// clear error line instead of a program started with less authority than meant.
#pragma once
#include <string>
#include <vector>

#include <wasmcap/result.hpp>
#include <wasmcap/wasi.hpp>

namespace wasmcap::cli {

// --dir HOST[::GUEST][:MODE]. A final ":ro", ":rw" or ":create" is the
// access mode (wasi::Access), "::" separates the host path from the guest
// name; any other single ':' is rejected, so "data:/x" (a likely typo for
// "data::/x") never silently becomes a host path. Examples: "data",
// "data:ro", "data::/in", "data::/in:ro", "logs::/logs:create", "data::ro"
// (guest name "ro", read-write).
Result<wasi::Preopen> parseDirSpec(const std::string& spec);

// --env KEY=VALUE (VALUE may be empty or contain '=').
Result<std::pair<std::string, std::string>> parseEnvSpec(const std::string& spec);

// A listening TCP socket for --tcplisten HOST:PORT ("127.0.0.1:8080",
// "[::1]:8080", "localhost:0"); HOST is a numeric address or localhost (no
// name lookup). Closes itself.
class ListenSocket {
 public:
  static Result<ListenSocket> open(const std::string& spec);
  ListenSocket(ListenSocket&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  ListenSocket& operator=(ListenSocket&&) = delete;
  ListenSocket(const ListenSocket&) = delete;
  ~ListenSocket();
  int fd() const { return fd_; }

 private:
  explicit ListenSocket(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace wasmcap::cli
