// The guest's descriptor table: each guest fd maps to an owned host
// descriptor with the WASI rights it carries (checked on every call), its
// file type, the grant it derives from and, for preopens, its guest name.
// A check that refuses notes why (Refusal), for the audit trail.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "wasi/abi.h"
#include "wasi/errno.h"
#include "wasi/unique_fd.h"
#include "wasmcap/wasi.hpp"

namespace wasmcap::wasi {

// One entry of a directory listing, as fd_readdir hands them out.
struct DirEntry {
  uint64_t ino = 0;
  FileType type = FileType::Unknown;
  std::string name;
};

// What a descriptor is for the call policy: calls on it belong to the
// `stdio`, `fs-read`/`fs-write` or `sock` group accordingly.
enum class DescriptorKind : uint8_t { Stdio, Filesystem, Socket };

struct FdEntry {
  UniqueFd host;
  FileType type = FileType::Unknown;
  DescriptorKind kind = DescriptorKind::Filesystem;
  Rights base = 0;        // rights for operations on this fd
  Rights inheriting = 0;  // the most that fds opened through this one may get
  uint16_t fdflags = 0;   // WASI fdflags as last set
  // The grant beneath which this descriptor was opened: a ReadOnly one never
  // gains a mutating right; a Create one writes only files it created.
  Access access = Access::ReadWrite;
  // The guest name of that grant's preopen (for refusal messages); null for
  // stdio and sockets.
  std::shared_ptr<const std::string> grant;
  bool created = false;   // a file this program created beneath a Create grant
  std::optional<std::string> preopenName;  // set for preopened directories
  // fd_readdir: a snapshot of the directory, taken when reading from cookie 0.
  std::vector<DirEntry> dirSnapshot;
  bool hasSnapshot = false;

  bool has(Rights r) const { return (base & r) == r; }
};

// Why a capability check refused a call. Written only when one refuses, so
// checks that pass cost nothing more; read by the audit trail.
enum class RefusalRule : uint8_t {
  None,
  Rights,      // the descriptor does not hold the rights the call needs
  ReadOnly,    // a mutation beneath a read-only grant
  CreateOnly,  // modifying an existing file beneath a create-only grant
  Outside,     // the path leads outside its directory
  Policy,      // the call policy does not allow the call
};

struct Refusal {
  RefusalRule rule = RefusalRule::None;
  std::optional<Fd> fd;
  Rights rights = 0;     // what the call asked for
  Rights missing = 0;    // of those, what the descriptor does not hold
  std::shared_ptr<const std::string> grant;  // the grant's guest name, for ReadOnly, CreateOnly, Outside
  uint16_t groups = 0;   // Policy: the groups of the call (bits of wasi::Group); 0 for the whole function
  bool hidden = false;   // Policy: answered EBADF, as if the descriptor were not there
};

class FdTable {
 public:
  explicit FdTable(uint32_t maxOpen = 1024) : maxOpen_(maxOpen) {}

  // The entry for `fd`, or null (badf).
  FdEntry* get(Fd fd);
  // The entry for `fd` if it holds all of `rights`: badf / notcapable otherwise.
  Errno lookup(Fd fd, Rights rights, FdEntry*& out);
  // Notes that `entry` (guest fd `fd`) lacks `asked` and returns notcapable;
  // the rule says whether its grant or only its rights refused.
  Errno refuse(Fd fd, const FdEntry& entry, Rights asked);
  // Installs `entry` at the lowest free number; `nfile` when full.
  Errno insert(FdEntry entry, Fd& out);
  // Installs at exactly `fd` (used for stdio, which may leave holes).
  void insertAt(Fd fd, FdEntry entry);
  Errno close(Fd fd);
  // fd_renumber: `to` must be open; it is closed and replaced by `from`.
  Errno renumber(Fd from, Fd to);
  uint32_t openCount() const { return open_; }

  // The last refusal noted (cleared by whoever reads it).
  Refusal& refusal() { return refusal_; }

 private:
  std::vector<std::unique_ptr<FdEntry>> slots_;
  uint32_t maxOpen_;
  uint32_t open_ = 0;
  Refusal refusal_;
};

}  // namespace wasmcap::wasi
