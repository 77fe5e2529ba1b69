#include "wasi/path_resolver.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <vector>

namespace wasmcap::wasi {
namespace {

long rawOpenat2(int dirfd, const char* path, const open_how& how) {
  return syscall(SYS_openat2, dirfd, path, &how, sizeof how);
}

// Splits `path` into its non-empty components and pushes them onto `pending`
// in reverse, so that pending.back() is the next one to resolve. Returns
// whether the path ended with a slash.
bool pushComponents(std::vector<std::string>& pending, std::string_view path) {
  std::vector<std::string_view> parts;
  size_t i = 0;
  while (i < path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    if (j > i) parts.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) pending.emplace_back(*it);
  return !path.empty() && path.back() == '/';
}

int checkPathText(std::string_view path) {
  if (path.empty()) return ENOENT;
  if (path.find('\0') != std::string_view::npos) return EINVAL;
  if (path.front() == '/') return EPERM;  // absolute: names something outside
  return 0;
}

}  // namespace

bool openat2Available() {
  static const bool available = [] {
    open_how how{};
    how.flags = O_PATH | O_CLOEXEC;
    how.resolve = RESOLVE_BENEATH;
    long fd = rawOpenat2(AT_FDCWD, ".", how);
    if (fd >= 0) {
      ::close(static_cast<int>(fd));
      return true;
    }
    return errno != ENOSYS;
  }();
  return available;
}

PathResolver::PathResolver(ResolverKind kind) : kind_(kind) {
  if (kind_ == ResolverKind::Auto)
    kind_ = openat2Available() ? ResolverKind::Openat2 : ResolverKind::Components;
}

int PathResolver::open(int dirfd, std::string_view path, int flags, mode_t mode, bool followFinal,
                       UniqueFd& out) const {
  if (int err = checkPathText(path)) return err;
  if (kind_ == ResolverKind::Openat2) return openWithOpenat2(dirfd, path, flags, mode, followFinal, out);
  return openByComponents(dirfd, path, flags, mode, followFinal, out);
}

int PathResolver::openWithOpenat2(int dirfd, std::string_view path, int flags, mode_t mode,
                                  bool followFinal, UniqueFd& out) const {
  if (!openat2Available()) return ENOSYS;
  std::string cpath(path);
  open_how how{};
  how.flags = static_cast<uint64_t>(flags | O_CLOEXEC | (followFinal ? 0 : O_NOFOLLOW));
  // O_TMPFILE includes the O_DIRECTORY bit: test it whole.
  const bool takesMode = (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE;
  how.mode = takesMode ? mode : 0;
  how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
  // RESOLVE_BENEATH may fail with EAGAIN when a rename races the lookup.
  for (int attempt = 0; attempt < 8; ++attempt) {
    long fd = rawOpenat2(dirfd, cpath.c_str(), how);
    if (fd >= 0) {
      out.reset(static_cast<int>(fd));
      return 0;
    }
    if (errno == EXDEV) return EPERM;  // the lookup tried to leave dirfd
    if (errno != EAGAIN) return errno;
  }
  return openByComponents(dirfd, path, flags, mode, followFinal, out);
}

int PathResolver::openByComponents(int dirfd, std::string_view path, int flags, mode_t mode,
                                   bool followFinal, UniqueFd& out) const {
  // O_CREAT|O_EXCL never follows a final symlink (it fails with EEXIST).
  if ((flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL)) followFinal = false;

  // The directories walked so far, below dirfd; ".." pops one, and popping
  // with none left would leave dirfd.
  std::vector<UniqueFd> walked;
  auto current = [&] { return walked.empty() ? dirfd : walked.back().get(); };

  std::vector<std::string> pending;
  bool mustBeDir = pushComponents(pending, path);
  int symlinks = 0;

  for (;;) {
    if (pending.empty()) {
      // The path names a directory already reached ("." or "a/..").
      int fd = ::openat(current(), ".", flags | O_NOFOLLOW | O_CLOEXEC, mode);
      if (fd < 0) return errno;
      out.reset(fd);
      return 0;
    }
    std::string name = std::move(pending.back());
    pending.pop_back();
    const bool last = pending.empty();
    if (name == ".") continue;
    if (name == "..") {
      if (walked.empty()) return EPERM;
      walked.pop_back();
      continue;
    }

    if (!last || followFinal || mustBeDir) {
      char target[PATH_MAX];
      ssize_t n = ::readlinkat(current(), name.c_str(), target, sizeof target);
      if (n >= 0) {
        if (++symlinks > kMaxSymlinks) return ELOOP;
        if (static_cast<size_t>(n) == sizeof target) return ENAMETOOLONG;
        std::string_view text(target, static_cast<size_t>(n));
        if (text.empty()) return ENOENT;
        if (text.front() == '/') return EPERM;  // absolute symlinks always lead out
        bool targetSlash = pushComponents(pending, text);
        if (last && targetSlash) mustBeDir = true;
        continue;
      }
      // EINVAL: not a symlink. ENOENT on the last component is fine when creating.
      int err = errno;
      if (err != EINVAL && !(last && err == ENOENT && (flags & O_CREAT))) return err;
    }

    if (!last) {
      if (walked.size() >= kMaxDepth) return ENAMETOOLONG;
      int fd = ::openat(current(), name.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (fd < 0) return errno;
      walked.emplace_back(fd);
      continue;
    }

    // The last component was checked not to be a symlink (or is not followed):
    // O_NOFOLLOW keeps it that way even if it changes meanwhile.
    if (mustBeDir) name += '/';
    int fd = ::openat(current(), name.c_str(), flags | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd < 0) return errno;
    out.reset(fd);
    return 0;
  }
}

int PathResolver::openParent(int dirfd, std::string_view path, ParentAndName& out) const {
  if (int err = checkPathText(path)) return err;
  size_t end = path.size();
  while (end > 0 && path[end - 1] == '/') --end;
  out.trailingSlash = end < path.size();
  std::string_view body = path.substr(0, end);
  size_t slash = body.rfind('/');
  std::string_view dirPart = slash == std::string_view::npos ? std::string_view(".") : body.substr(0, slash + 1);
  std::string_view name = slash == std::string_view::npos ? body : body.substr(slash + 1);
  if (name == "." || name == "..") {
    // The path names a directory itself: act on "." inside it.
    dirPart = body;
    name = ".";
  }
  out.name = std::string(name);
  return open(dirfd, dirPart, O_PATH | O_DIRECTORY, 0, true, out.dir);
}

}  // namespace wasmcap::wasi
