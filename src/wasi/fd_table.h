// The guest's descriptor table: each guest fd maps to an owned host
// descriptor with the WASI rights it carries (checked on every call), its
// file type and, for preopens, its guest name.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "wasi/abi.h"
#include "wasi/errno.h"
#include "wasi/unique_fd.h"

namespace wasmcap::wasi {

// One entry of a directory listing, as fd_readdir hands them out.
struct DirEntry {
  uint64_t ino = 0;
  FileType type = FileType::Unknown;
  std::string name;
};

struct FdEntry {
  UniqueFd host;
  FileType type = FileType::Unknown;
  Rights base = 0;        // rights for operations on this fd
  Rights inheriting = 0;  // the most that fds opened through this one may get
  uint16_t fdflags = 0;   // WASI fdflags as last set
  bool readOnly = false;  // beneath a read-only preopen: never gains a mutating right
  std::optional<std::string> preopenName;  // set for preopened directories
  // fd_readdir: a snapshot of the directory, taken when reading from cookie 0.
  std::vector<DirEntry> dirSnapshot;
  bool hasSnapshot = false;

  bool has(Rights r) const { return (base & r) == r; }
};

class FdTable {
 public:
  explicit FdTable(uint32_t maxOpen = 1024) : maxOpen_(maxOpen) {}

  // The entry for `fd`, or null (badf).
  FdEntry* get(Fd fd);
  // The entry for `fd` if it holds all of `rights`: badf / notcapable otherwise.
  Errno lookup(Fd fd, Rights rights, FdEntry*& out);
  // Installs `entry` at the lowest free number; `nfile` when full.
  Errno insert(FdEntry entry, Fd& out);
  // Installs at exactly `fd` (used for stdio, which may leave holes).
  void insertAt(Fd fd, FdEntry entry);
  Errno close(Fd fd);
  // fd_renumber: `to` must be open; it is closed and replaced by `from`.
  Errno renumber(Fd from, Fd to);
  uint32_t openCount() const { return open_; }

 private:
  std::vector<std::unique_ptr<FdEntry>> slots_;
  uint32_t maxOpen_;
  uint32_t open_ = 0;
};

}  // namespace wasmcap::wasi
