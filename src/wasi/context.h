// The state of one WASI program: its arguments, environment, descriptor
// table, call policy, audit log, clocks and exit code. Built from a Config;
// holds nothing the Config did not grant.
#pragma once
#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "util/result.h"
#include "wasi/config.h"
#include "wasi/fd_table.h"
#include "wasi/path_resolver.h"
#include "wasi/policy.h"

namespace wasmcap::wasi {

class Context {
 public:
  // Opens the preopened directories and duplicates the stdio and socket
  // descriptors; an Io error names a directory that cannot be opened.
  static Result<std::unique_ptr<Context>> create(const Config& config);

  const std::vector<std::string>& args() const { return args_; }
  const std::vector<std::string>& env() const { return env_; }  // "KEY=value"
  FdTable& fds() { return fds_; }
  const PathResolver& resolver() const { return resolver_; }

  // Set by proc_exit.
  std::optional<int32_t> exitCode;

  // wasi-threads (wasi/threads.h): set before a second thread can call in;
  // from then on each call that touches shared state (descriptors, the
  // audit log, deterministic clocks, the exit code) holds callMutex.
  std::atomic<bool> concurrent{false};
  std::mutex callMutex;
  // Set when a threaded program is ending: every call traps (Interrupted),
  // so threads still running stop at their next call.
  std::atomic<bool> stopping{false};

  // The call policy: how each preview1 function is linked, and in which
  // groups its calls are allowed.
  const Policy& policy() const { return policy_; }
  Binding binding(size_t fn) const { return bindings_[fn]; }

  // Where refusals are recorded, if anywhere.
  const std::optional<AuditLog>& audit() const { return audit_; }

  // With Config::deterministic: the virtual clocks and the seeded generator.
  struct DeterministicState {
    uint64_t startNs = 0;    // realtime at the start
    uint64_t elapsedNs = 0;  // advanced only by what the program sleeps
    uint64_t random = 0;     // splitmix64 state
  };
  DeterministicState* deterministic() { return deterministic_ ? &*deterministic_ : nullptr; }

  // Files this program created beneath a create-only grant: the only ones
  // it may open for writing there (by device and inode, so a file reached
  // under another name or through a link is the same file).
  void noteCreated(int hostFd);
  bool wasCreated(int hostFd) const;

 private:
  explicit Context(const Config& config);
  std::vector<std::string> args_;
  std::vector<std::string> env_;
  FdTable fds_;
  PathResolver resolver_;
  std::set<std::pair<uint64_t, uint64_t>> created_;
  Policy policy_;
  std::array<Binding, kFunctionCount> bindings_{};
  std::optional<AuditLog> audit_;
  std::optional<DeterministicState> deterministic_;
};

// The rights of a preopened directory with `access`, and what descriptors
// opened beneath it may ask for (what they get is cut down by the grant in
// path_open).
Rights directoryRights(Access access);
Rights inheritedRights(Access access);

}  // namespace wasmcap::wasi
