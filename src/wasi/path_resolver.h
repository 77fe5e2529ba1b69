// Capability-confined path resolution: every guest path is resolved beneath
// a directory descriptor and can never name anything outside it, whatever
// mix of "..", absolute paths, symlinks (absolute, relative, dangling, to
// directories followed by ".."), and trailing slashes it uses.
//
// Two interchangeable strategies:
//  - Openat2: the kernel's openat2(2) with RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS
//    (Linux >= 5.6), probed once with ENOSYS;
//  - Components: a portable walk that opens one component at a time with
//    O_NOFOLLOW, expands symlinks itself (at most kMaxSymlinks), and keeps the
//    descriptors of the directories it went through so ".." pops back to one
//    of them and can never go above the starting directory.
// Errors are host errno values; an escape attempt is EPERM (what the WASI
// test suite expects for "a path led outside").
#pragma once
#include <sys/types.h>

#include <string>
#include <string_view>

#include "wasi/unique_fd.h"
#include "wasmcap/wasi.hpp"

namespace wasmcap::wasi {

enum class ResolverKind : uint8_t {
  Auto,        // Openat2 when the kernel has it, else Components
  Openat2,     // fails with ENOSYS where the kernel lacks it
  Components,
};

// The resolver a Config's PathResolution asks for.
inline ResolverKind resolverKind(PathResolution p) {
  switch (p) {
    case PathResolution::Openat2: return ResolverKind::Openat2;
    case PathResolution::Walk: return ResolverKind::Components;
    case PathResolution::Auto: break;
  }
  return ResolverKind::Auto;
}

inline PathResolution pathResolutionOf(ResolverKind k) {
  switch (k) {
    case ResolverKind::Openat2: return PathResolution::Openat2;
    case ResolverKind::Components: return PathResolution::Walk;
    case ResolverKind::Auto: break;
  }
  return PathResolution::Auto;
}

// True when this kernel implements openat2 (probed once, thread-safe).
bool openat2Available();

// The parent directory of a path's last component, for the *at calls that act
// on a name (mkdirat, unlinkat, renameat, symlinkat, linkat, readlinkat, ...).
struct ParentAndName {
  UniqueFd dir;        // O_PATH descriptor beneath the starting directory
  std::string name;    // the last component, without slashes; "." when the path
                       // names a directory itself ("a/..", ".")
  bool trailingSlash = false;  // the path ended in '/': the entry must be a directory
};

class PathResolver {
 public:
  static constexpr int kMaxSymlinks = 40;   // as Linux's MAXSYMLINKS
  static constexpr size_t kMaxDepth = 256;  // directories held open by the walk

  explicit PathResolver(ResolverKind kind = ResolverKind::Auto);
  // The strategy in use (Auto resolved).
  ResolverKind kind() const { return kind_; }

  // openat(dirfd, path, flags, mode) confined beneath dirfd. O_CLOEXEC is
  // added. `followFinal` says whether a symlink in the last component is
  // followed (intermediate symlinks always are, within the tree); a trailing
  // slash also follows it, as POSIX says. Returns 0 and sets `out`, or an errno.
  int open(int dirfd, std::string_view path, int flags, mode_t mode, bool followFinal, UniqueFd& out) const;

  // Resolves every component but the last (following symlinks, confined).
  int openParent(int dirfd, std::string_view path, ParentAndName& out) const;

 private:
  int openWithOpenat2(int dirfd, std::string_view path, int flags, mode_t mode, bool followFinal,
                      UniqueFd& out) const;
  int openByComponents(int dirfd, std::string_view path, int flags, mode_t mode, bool followFinal,
                       UniqueFd& out) const;

  ResolverKind kind_;
};

}  // namespace wasmcap::wasi
