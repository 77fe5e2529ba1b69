// What a WASI program is handed: the embedder builds a Config, and the
// program gets exactly that authority and nothing ambient: no environment
// variable, directory or socket unless listed here.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "wasi/path_resolver.h"

namespace wasmcap::wasi {

struct PreopenDir {
  std::string hostPath;   // directory on the host
  std::string guestName;  // the name the guest sees (fd_prestat_dir_name), e.g. "/" or "data"
  bool readOnly = false;  // forbids every write, create, truncate, unlink, rename, link, ... beneath it
};

struct Config {
  std::vector<std::string> args;  // argv; args[0] is the program name
  std::vector<std::pair<std::string, std::string>> env;  // none by default
  bool inheritEnv = false;        // also pass the whole host environment (before `env`)
  std::vector<PreopenDir> preopens;  // fds 3, 4, ... in this order
  // Host descriptors of listening stream sockets, handed to the guest after the
  // directories (duplicated; the embedder keeps its own).
  std::vector<int> listenSockets;
  // Host descriptors for stdin/stdout/stderr (duplicated); -1 leaves the fd closed.
  int stdinFd = 0, stdoutFd = 1, stderrFd = 2;
  ResolverKind resolver = ResolverKind::Auto;
  uint32_t maxOpenFds = 1024;  // guest descriptors at once; more gives `nfile`

  Config& arg(std::string a) { args.push_back(std::move(a)); return *this; }
  Config& setEnv(std::string key, std::string value) { env.emplace_back(std::move(key), std::move(value)); return *this; }
  Config& preopen(std::string hostPath, std::string guestName, bool readOnly = false) {
    preopens.push_back({std::move(hostPath), std::move(guestName), readOnly});
    return *this;
  }
};

}  // namespace wasmcap::wasi
