// `wasmcap run` flags that limit what a granted program may do and record
// what it tried: the call policy (--allow-wasi, --deny-wasi, --deny-mode),
// the standard streams (--stdin/--stdout/--stderr), the audit trail
// (--audit, --audit-all) and --deterministic.
#pragma once
#include <string>
#include <vector>

#include <wasmcap/wasi.hpp>

namespace wasmcap::cli {

// The policy named by --allow-wasi (each a comma-separated list of WASI
// functions and groups) and --deny-wasi: without --allow-wasi everything is
// allowed, with it only what the lists name; --deny-wasi then takes away.
// `denyMode` is "errno" (the default when empty) or "trap". Usage errors
// name the flag.
Result<wasi::Policy> buildPolicy(const std::vector<std::string>& allow, const std::vector<std::string>& deny,
                                 const std::string& denyMode);

// A host file opened for a standard stream; closes itself.
class HostFile {
 public:
  HostFile(HostFile&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  HostFile& operator=(HostFile&&) = delete;
  HostFile(const HostFile&) = delete;
  ~HostFile();
  int fd() const { return fd_; }

 private:
  friend Result<wasi::Stdio> parseStdioSpec(const std::string& flag, const std::string& spec, int stream,
                                            std::vector<HostFile>& opened);
  explicit HostFile(int fd) : fd_(fd) {}
  int fd_ = -1;
};

// --stdin/--stdout/--stderr SPEC for stream 0, 1 or 2: "inherit", "null",
// or a host file (read for stdin; created or truncated for the others),
// which is kept open in `opened`. An empty SPEC is "inherit".
Result<wasi::Stdio> parseStdioSpec(const std::string& flag, const std::string& spec, int stream,
                                   std::vector<HostFile>& opened);

// --audit FILE ("-": standard error), with --audit-all also the granted
// file system and socket operations.
Result<wasi::AuditLog> openAuditLog(const std::string& spec, bool all);

}  // namespace wasmcap::cli
