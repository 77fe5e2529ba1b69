// WASI preview1: what a program is handed. The embedder builds a Config and
// passes it to Linker::defineWasi; the program gets exactly that authority
// and nothing ambient: no directory, environment variable, socket or even
// terminal unless the Config grants it.
//
//   wasmcap::wasi::Config config;
//   config.arg("app").preopen("/srv/data", "/data", wasmcap::wasi::Access::ReadOnly).inheritStdio();
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "wasmcap/export.hpp"
#include "wasmcap/result.hpp"
#include "wasmcap/wasi_audit.hpp"
#include "wasmcap/wasi_policy.hpp"

namespace wasmcap {
class Instance;
class Linker;
class Module;
}  // namespace wasmcap

namespace wasmcap::wasi {

// Output written by the program into memory, read back with contents().
// Copies share the same buffer.
class WASMCAP_API OutputCapture {
 public:
  OutputCapture();
  // Everything written so far.
  std::string contents() const;

  struct State;

 private:
  friend struct wasmcap::ApiAccess;
  std::shared_ptr<State> impl_;
};

// Where one of the program's standard streams (descriptors 0, 1, 2) goes.
class WASMCAP_API Stdio {
 public:
  enum class Kind : uint8_t { Null, Inherit, Closed, HostFd, Bytes, Capture };
  // Reads end of file, writes are discarded. The default.
  static Stdio null() { return Stdio(Kind::Null); }
  // The host process's own descriptor 0, 1 or 2.
  static Stdio inherit() { return Stdio(Kind::Inherit); }
  // No descriptor at all: the program gets EBADF.
  static Stdio closed() { return Stdio(Kind::Closed); }
  // A host descriptor, duplicated (the embedder keeps and closes its own).
  static Stdio hostFd(int fd) { Stdio s(Kind::HostFd); s.fd_ = fd; return s; }
  // Standard input only: reads `data`, then end of file.
  static Stdio bytes(std::string data) { Stdio s(Kind::Bytes); s.data_ = std::move(data); return s; }
  // Standard output or error only: collected in memory.
  static Stdio capture(const OutputCapture& sink) { Stdio s(Kind::Capture); s.capture_ = sink; return s; }

  Kind kind() const { return kind_; }

 private:
  friend struct wasmcap::ApiAccess;
  explicit Stdio(Kind kind) : kind_(kind) {}
  Kind kind_;
  int fd_ = -1;
  std::string data_;
  std::optional<OutputCapture> capture_;
};

// What a program may do beneath a preopened directory. A call the grant
// does not allow fails with ENOTCAPABLE (errno 76), before it touches the
// host: opening a file for writing beneath a ReadOnly directory fails at
// the open, as on a read-only mount, not at the first write.
enum class Access : uint8_t {
  ReadWrite,
  ReadOnly,  // no write, create, truncate, remove, rename, link or time change beneath the directory
  // Read like ReadOnly, and also create new files and directories and write
  // the files created by this program; existing files stay untouched (no
  // writing, truncating, removing or renaming them): an upload directory.
  Create,
};

// A host directory the program sees under `guestPath` (its own name for it:
// "/", "/data", "."). Every path the program uses is resolved beneath it:
// "..", absolute paths and symlinks never lead out.
struct Preopen {
  std::string hostPath;
  std::string guestPath;
  Access access = Access::ReadWrite;
};

// How guest paths are resolved beneath their directory (all equally
// confined; for tests and old kernels).
enum class PathResolution : uint8_t {
  Auto,         // the kernel's openat2(RESOLVE_BENEATH) when it has it, else Walk
  Openat2,      // openat2 only (fails on kernels without it)
  Walk,         // a portable walk, one component at a time
};

// Reproducible runs: the clocks start at `startNs` (realtime; the others at
// 0) and advance only by what the program sleeps (a poll_oneoff on clocks
// returns at once, the time having advanced), and random_get returns a
// sequence determined by `seed` (not cryptographic).
struct Deterministic {
  uint64_t seed = 0;
  uint64_t startNs = 946'684'800'000'000'000;  // 2000-01-01T00:00:00Z
};

struct WASMCAP_API Config {
  std::vector<std::string> args;  // argv; args[0] is the program's name
  std::vector<std::pair<std::string, std::string>> env;  // none by default
  bool inheritEnv = false;        // also the whole host environment (before `env`)
  std::vector<Preopen> preopens;  // descriptors 3, 4, ... in this order
  // Host descriptors of listening stream sockets, handed to the program
  // after the directories (duplicated; the embedder keeps its own).
  std::vector<int> listenSockets;
  Stdio stdinStream = Stdio::null();
  Stdio stdoutStream = Stdio::null();
  Stdio stderrStream = Stdio::null();
  PathResolution pathResolution = PathResolution::Auto;
  uint32_t maxOpenFds = 1024;  // descriptors open at once; more fail with ENFILE
  // Which calls the program may make at all (wasi_policy.hpp); by default
  // every WASI function, limited only by what the fields above grant.
  Policy policy;
  // Where refused calls are recorded (wasi_audit.hpp); nowhere by default.
  std::optional<AuditLog> audit;
  // Fixed clocks and seeded random numbers instead of the host's.
  std::optional<Deterministic> deterministic;

  Config& arg(std::string a) { args.push_back(std::move(a)); return *this; }
  Config& setEnv(std::string key, std::string value) {
    env.emplace_back(std::move(key), std::move(value));
    return *this;
  }
  Config& preopen(std::string hostPath, std::string guestPath, Access access = Access::ReadWrite) {
    preopens.push_back({std::move(hostPath), std::move(guestPath), access});
    return *this;
  }
  // The host's own stdin, stdout and stderr.
  Config& inheritStdio() {
    stdinStream = stdoutStream = stderrStream = Stdio::inherit();
    return *this;
  }
};

// The name WASI preview1 functions are imported from.
inline constexpr const char* kPreview1Module = "wasi_snapshot_preview1";

// Runs a WASI command: instantiates `module` with `linker` (which must have
// WASI defined) and calls its `_start`. Returns the exit status: 0 when
// `_start` returns, else the proc_exit code (also when the start function
// exits). A trap is an Error with code Trap; a module without `_start` is a
// Usage error.
WASMCAP_API Result<int32_t> runCommand(Linker& linker, const Module& module);
// The same for a command already instantiated (a nanoprocess, say): calls
// its `_start` and returns the exit status.
WASMCAP_API Result<int32_t> runCommand(const Instance& command);

}  // namespace wasmcap::wasi
