#include "run_policy.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace wasmcap::cli {
namespace {

Error usage(std::string message) { return Error(ErrorCode::Usage, std::move(message)); }

}  // namespace

Result<wasi::Policy> buildPolicy(const std::vector<std::string>& allow, const std::vector<std::string>& deny,
                                 const std::string& denyMode) {
  wasi::Policy policy = allow.empty() ? wasi::Policy::allowAll() : wasi::Policy::denyAll();
  for (const std::string& list : allow)
    if (Result<void> r = policy.allow(list); !r) return usage("--allow-wasi: " + r.error().message);
  for (const std::string& list : deny)
    if (Result<void> r = policy.deny(list); !r) return usage("--deny-wasi: " + r.error().message);
  if (denyMode == "trap") policy.denyMode = wasi::DenyMode::Trap;
  else if (denyMode.empty() || denyMode == "errno") policy.denyMode = wasi::DenyMode::Errno;
  else return usage("--deny-mode \"" + denyMode + "\": expected errno or trap");
  return policy;
}

HostFile::~HostFile() {
  if (fd_ >= 0) ::close(fd_);
}

Result<wasi::Stdio> parseStdioSpec(const std::string& flag, const std::string& spec, int stream,
                                   std::vector<HostFile>& opened) {
  if (spec.empty() || spec == "inherit") return wasi::Stdio::inherit();
  if (spec == "null") return wasi::Stdio::null();
  const int flags = stream == 0 ? O_RDONLY : O_WRONLY | O_CREAT | O_TRUNC;
  const int fd = ::open(spec.c_str(), flags | O_CLOEXEC, 0644);
  if (fd < 0) return Error(ErrorCode::Io, flag + " \"" + spec + "\": " + std::strerror(errno));
  opened.push_back(HostFile(fd));
  return wasi::Stdio::hostFd(fd);
}

Result<wasi::AuditLog> openAuditLog(const std::string& spec, bool all) {
  Result<wasi::AuditLog> log = spec == "-" ? wasi::AuditLog::hostFd(2) : wasi::AuditLog::file(spec);
  if (!log) return Error(log.error().code, "--audit: " + log.error().message);
  log->withGranted(all);
  return log;
}

}  // namespace wasmcap::cli
