// The state of one WASI program: its arguments, environment, descriptor
// table and exit code. Built from a Config; holds nothing the Config did not
// grant.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "util/result.h"
#include "wasi/config.h"
#include "wasi/fd_table.h"
#include "wasi/path_resolver.h"

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

 private:
  Context(const Config& config) : fds_(config.maxOpenFds), resolver_(resolverKind(config.pathResolution)) {}
  std::vector<std::string> args_;
  std::vector<std::string> env_;
  FdTable fds_;
  PathResolver resolver_;
};

}  // namespace wasmcap::wasi
