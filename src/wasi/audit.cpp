// The audit trail's records as JSON lines, and the destinations of an
// AuditLog (wasmcap/wasi_audit.hpp).
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <mutex>
#include <nlohmann/json.hpp>

#include "util/api_access.h"
#include "wasi/unique_fd.h"

namespace wasmcap::wasi {

struct __attribute__((visibility("hidden"))) AuditLog::State {
  std::mutex mutex;
  UniqueFd fd;  // JSON lines go here, unless there is a sink
  std::function<void(const AuditRecord&)> sink;
};

namespace {

// RFC 3339 in UTC with microseconds: "2026-11-22T09:14:03.512043Z".
std::string timestamp(std::chrono::system_clock::time_point t) {
  using namespace std::chrono;
  const auto us = duration_cast<microseconds>(t.time_since_epoch()).count();
  const std::time_t seconds = static_cast<std::time_t>(us / 1'000'000);
  std::tm utc{};
  ::gmtime_r(&seconds, &utc);
  char text[40];
  const size_t n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  std::snprintf(text + n, sizeof text - n, ".%06lldZ", static_cast<long long>(us % 1'000'000));
  return text;
}

void writeAll(int fd, const std::string& line) {
  size_t done = 0;
  while (done < line.size()) {
    ssize_t n = ::write(fd, line.data() + done, line.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // an audit destination that fails must not stop the program
    done += static_cast<size_t>(n);
  }
}

}  // namespace

std::string AuditRecord::toJson() const {
  nlohmann::ordered_json j;
  j["time"] = timestamp(time);
  j["instance"] = instance;
  j["function"] = function;
  if (fd) j["fd"] = *fd;
  if (path) j["path"] = *path;
  if (receiver) j["to"] = *receiver;
  if (!rights.empty()) j["rights"] = rights;
  j["result"] = granted ? "granted" : trapped ? "trapped" : "refused";
  if (!granted) j["rule"] = rule;
  j["errno"] = errnoValue;
  j["error"] = errnoName;
  // Guest paths need not be UTF-8 when a call is refused before checking:
  // replace what is not, rather than fail.
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

Result<AuditLog> AuditLog::file(const std::string& path) {
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644));
  if (!fd.valid()) return Error(ErrorCode::Io, "cannot open the audit log " + path + ": " + std::strerror(errno));
  AuditLog log;
  log.impl_ = std::make_shared<State>();
  log.impl_->fd = std::move(fd);
  return log;
}

Result<AuditLog> AuditLog::hostFd(int hostFd) {
  UniqueFd fd(::fcntl(hostFd, F_DUPFD_CLOEXEC, 3));
  if (!fd.valid())
    return Error(ErrorCode::Io, "cannot use host fd " + std::to_string(hostFd) + " for the audit log: " +
                                    std::strerror(errno));
  AuditLog log;
  log.impl_ = std::make_shared<State>();
  log.impl_->fd = std::move(fd);
  return log;
}

AuditLog AuditLog::callback(std::function<void(const AuditRecord&)> sink) {
  AuditLog log;
  log.impl_ = std::make_shared<State>();
  log.impl_->sink = std::move(sink);
  return log;
}

void AuditLog::write(const AuditRecord& record) const {
  if (!impl_) return;
  if (impl_->sink) {
    impl_->sink(record);
    return;
  }
  const std::string line = record.toJson() + "\n";
  std::lock_guard lock(impl_->mutex);
  writeAll(impl_->fd.get(), line);
}

}  // namespace wasmcap::wasi
