/* Escape attempts against a read-write ("/rw") and a read-only ("/ro")
 * preopen, through the raw preview1 calls so each attempt's errno is exact.
 * Prints one line per attempt: "<preopen>.<attempt> <wasi errno>" (0 means
 * it succeeded), and for reads the first bytes that came back, so the host
 * can check that no secret leaked. The host side (sandbox_test.cpp) builds
 * the hostile tree, runs this program and judges every line. */
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

static __wasi_fd_t find_preopen(const char *name) {
  for (__wasi_fd_t fd = 3; fd < 64; ++fd) {
    __wasi_prestat_t st;
    if (__wasi_fd_prestat_get(fd, &st) != 0) break;
    char buf[64] = {0};
    if (st.u.dir.pr_name_len < sizeof buf && __wasi_fd_prestat_dir_name(fd, (uint8_t *)buf, st.u.dir.pr_name_len) == 0 &&
        strcmp(buf, name) == 0)
      return fd;
  }
  return (__wasi_fd_t)-1;
}

static const char *prefix;
static void report(const char *what, __wasi_errno_t e) { printf("%s.%s %u\n", prefix, what, (unsigned)e); }

static const __wasi_rights_t kAll = (1ull << 30) - 1;
static const __wasi_rights_t kRead = __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_SEEK;
/* The rights for which an open writes the file. */
static const __wasi_rights_t kWrite = __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_DATASYNC | __WASI_RIGHTS_FD_ALLOCATE |
                                      __WASI_RIGHTS_FD_FILESTAT_SET_SIZE;

/* Opens and reads a file; reports the errno and prints what was read. */
static void try_read(__wasi_fd_t dir, const char *what, const char *path, __wasi_lookupflags_t follow) {
  __wasi_fd_t fd;
  __wasi_errno_t e = __wasi_path_open(dir, follow, path, 0, kRead, 0, 0, &fd);
  report(what, e);
  if (e != 0) return;
  char buf[64] = {0};
  __wasi_iovec_t iov = {(uint8_t *)buf, sizeof buf - 1};
  __wasi_size_t n = 0;
  if (__wasi_fd_read(fd, &iov, 1, &n) == 0) printf("%s.%s.data %s\n", prefix, what, buf);
  (void)__wasi_fd_close(fd);
}

static void try_create(__wasi_fd_t dir, const char *what, const char *path, __wasi_oflags_t oflags,
                       __wasi_lookupflags_t follow) {
  __wasi_fd_t fd;
  __wasi_errno_t e = __wasi_path_open(dir, follow, path, oflags, kAll, kAll, 0, &fd);
  if (e == 0) {
    __wasi_ciovec_t iov = {(const uint8_t *)"pwned", 5};
    __wasi_size_t n;
    e = __wasi_fd_write(fd, &iov, 1, &n);
    (void)__wasi_fd_close(fd);
  }
  report(what, e);
}

static void escapes(__wasi_fd_t d) {
  const __wasi_lookupflags_t F = __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW;
  try_read(d, "read_dotdot", "../outside/secret.txt", F);
  try_read(d, "read_absolute", "/etc/passwd", F);
  try_read(d, "read_link_abs", "link_abs", F);
  try_read(d, "read_link_rel", "link_rel", F);
  try_read(d, "read_link_parent", "link_parent/outside/secret.txt", F);
  try_read(d, "read_dirlink_dotdot", "dir_link/../../outside/secret.txt", F);
  try_read(d, "read_link_chain", "chain/secret.txt", F);
  try_read(d, "read_link_nofollow", "link_rel", 0);
  try_read(d, "read_loop", "loop_a", F);
  try_read(d, "read_trailing_slash", "link_parent/", F);
  try_create(d, "create_dangling", "dangling", __WASI_OFLAGS_CREAT, F);
  try_create(d, "create_dotdot", "../outside/new.txt", __WASI_OFLAGS_CREAT, F);
  try_create(d, "trunc_link", "link_rel", __WASI_OFLAGS_TRUNC, F);
  report("mkdir_dotdot", __wasi_path_create_directory(d, "../outside/newdir"));
  report("mkdir_via_link", __wasi_path_create_directory(d, "link_parent/outside/newdir"));
  report("unlink_dotdot", __wasi_path_unlink_file(d, "../outside/secret.txt"));
  report("unlink_via_link", __wasi_path_unlink_file(d, "link_parent/outside/secret.txt"));
  report("rmdir_dotdot", __wasi_path_remove_directory(d, "../outside"));
  report("rename_out", __wasi_path_rename(d, "file.txt", d, "../outside/moved.txt"));
  report("rename_in", __wasi_path_rename(d, "../outside/secret.txt", d, "stolen.txt"));
  report("rename_via_link", __wasi_path_rename(d, "link_parent/outside/secret.txt", d, "stolen2.txt"));
  report("hardlink_in", __wasi_path_link(d, 0, "../outside/secret.txt", d, "hard.txt"));
  report("hardlink_via_link", __wasi_path_link(d, 0, "link_parent/outside/secret.txt", d, "hard2.txt"));
  report("hardlink_follow", __wasi_path_link(d, F, "link_rel", d, "hard3.txt"));
  report("symlink_absolute", __wasi_path_symlink("/etc/passwd", d, "abs_made"));
  report("symlink_out_create", __wasi_path_symlink("../outside/secret.txt", d, "rel_made"));
  try_read(d, "symlink_out_read", "rel_made", F);
  __wasi_filestat_t st;
  report("stat_link_out", __wasi_path_filestat_get(d, F, "link_rel", &st));
  report("set_times_link_out", __wasi_path_filestat_set_times(d, F, "link_rel", 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
  __wasi_fd_t fd;
  report("open_dir_link_parent", __wasi_path_open(d, F, "link_parent", __WASI_OFLAGS_DIRECTORY, kAll, kAll, 0, &fd));
}

static void read_only_rules(__wasi_fd_t d) {
  __wasi_fd_t fd;
  try_create(d, "ro_create", "new.txt", __WASI_OFLAGS_CREAT, 0);
  try_create(d, "ro_trunc", "file.txt", __WASI_OFLAGS_TRUNC, 0);
  try_create(d, "ro_write_existing", "file.txt", 0, 0);
  report("ro_append", __wasi_path_open(d, 0, "file.txt", 0, kAll, kAll, __WASI_FDFLAGS_APPEND, &fd));
  /* Asking to write fails at the open; every other right is dropped. */
  report("ro_open_write", __wasi_path_open(d, 0, "file.txt", 0, kAll, kAll, 0, &fd));
  if (__wasi_path_open(d, 0, "file.txt", 0, kAll & ~kWrite, kAll, 0, &fd) == 0) {
    report("ro_set_size", __wasi_fd_filestat_set_size(fd, 0));
    report("ro_allocate", __wasi_fd_allocate(fd, 0, 100));
    report("ro_fd_set_times", __wasi_fd_filestat_set_times(fd, 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
    report("ro_set_append", __wasi_fd_fdstat_set_flags(fd, __WASI_FDFLAGS_APPEND));
    (void)__wasi_fd_close(fd);
  }
  report("ro_mkdir", __wasi_path_create_directory(d, "newdir"));
  report("ro_unlink", __wasi_path_unlink_file(d, "file.txt"));
  report("ro_rmdir", __wasi_path_remove_directory(d, "empty"));
  report("ro_rename", __wasi_path_rename(d, "file.txt", d, "renamed.txt"));
  report("ro_symlink", __wasi_path_symlink("file.txt", d, "sym"));
  report("ro_link", __wasi_path_link(d, 0, "file.txt", d, "hard.txt"));
  report("ro_path_set_times", __wasi_path_filestat_set_times(d, 0, "file.txt", 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
  report("ro_regain_rights", __wasi_fd_fdstat_set_rights(d, kAll, kAll));
  __wasi_fd_t sub;
  if (__wasi_path_open(d, 0, "empty", __WASI_OFLAGS_DIRECTORY, kAll & ~kWrite, kAll, 0, &sub) == 0) {
    report("ro_subdir_mkdir", __wasi_path_create_directory(sub, "x"));
    try_create(sub, "ro_subdir_create", "x.txt", __WASI_OFLAGS_CREAT, 0);
  }
  try_read(d, "ro_read", "file.txt", 0);
}

int main(void) {
  __wasi_fd_t rw = find_preopen("/rw"), ro = find_preopen("/ro");
  prefix = "rw";
  escapes(rw);
  try_create(rw, "legit_create", "made_by_guest.txt", __WASI_OFLAGS_CREAT, 0);
  report("legit_mkdir", __wasi_path_create_directory(rw, "dir_by_guest"));
  prefix = "ro";
  escapes(ro);
  read_only_rules(ro);
  return 0;
}
