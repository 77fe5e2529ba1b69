// The audit trail: one record per capability check that refused a WASI
// call (the policy, a read-only or create-only grant, a descriptor's rights,
// a path leading outside its directory), and optionally per granted file
// system and socket operation, so that an operator learns what a program
// tried to do and can tighten or loosen its grant.
//
//   Result<wasmcap::wasi::AuditLog> log = wasmcap::wasi::AuditLog::file("audit.jsonl");
//   config.audit = *log;                // each instance names itself in its records
//
// A JSON line looks like
//
//   {"time":"2026-11-22T09:14:03.512043Z","instance":"text","function":"path_open",
//    "fd":3,"path":"secret.txt","result":"refused","rule":"policy denies fs-read",
//    "errno":76,"error":"notcapable"}
//
// "result" is "refused", "trapped" (DenyMode::Trap) or "granted"; "rule" says
// what refused: "policy denies GROUP" (or FUNCTION), "/data is read-only",
// "/logs is create-only: ...", "fd 5 lacks fd_write", "path leads outside /data",
// or for fd_give (capability passing, with "to": the receiver) "no instance
// \"x\" that this one imports from".
//
// Without an audit log the WASI functions run exactly as they would without
// the feature: the choice is made once, when they are linked.
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "wasmcap/export.hpp"
#include "wasmcap/result.hpp"

namespace wasmcap::wasi {

struct WASMCAP_API AuditRecord {
  std::chrono::system_clock::time_point time;
  std::string instance;               // the calling instance's name
  std::string function;               // "path_open", or "fd_give" for capability passing
  std::optional<uint32_t> fd;         // the descriptor it acted on, where there is one
  std::optional<std::string> path;    // the guest path, where there is one
  std::vector<std::string> rights;    // the rights asked for ("fd_write"), for a rights or grant refusal
  bool granted = false;               // a granted operation (AuditLog with granted operations only)
  bool trapped = false;               // refused with a trap (DenyMode::Trap) rather than an errno
  std::string rule;                   // what refused it: "policy denies fs-write", "/data is read-only", ...
  uint16_t errnoValue = 0;            // the WASI errno returned (76: notcapable)
  std::string errnoName;              // "notcapable"
  std::optional<std::string> receiver;  // fd_give: the instance handed the descriptor

  // The record as one line of JSON (no newline).
  std::string toJson() const;
};

// Where records go. Copies share the destination (and its lock): one log
// may serve every instance of an application, from any thread.
class WASMCAP_API AuditLog {
 public:
  // JSON lines appended to a file, created if needed. Io error when it
  // cannot be opened.
  static Result<AuditLog> file(const std::string& path);
  // JSON lines to a host descriptor (duplicated; the caller keeps its own),
  // e.g. 2 for standard error.
  static Result<AuditLog> hostFd(int fd);
  // Each record handed to `sink`, on the thread running the program.
  static AuditLog callback(std::function<void(const AuditRecord&)> sink);

  // Also record granted file system and socket operations (path_open,
  // fd_read, sock_accept, ...), not only refusals.
  AuditLog& withGranted(bool on = true) {
    granted_ = on;
    return *this;
  }
  bool recordsGranted() const { return granted_; }

  void write(const AuditRecord& record) const;

  struct State;

 private:
  friend struct wasmcap::ApiAccess;
  std::shared_ptr<State> impl_;
  bool granted_ = false;
};

}  // namespace wasmcap::wasi
