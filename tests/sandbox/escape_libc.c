/* The same escapes as escape.c, the way ordinary C code would try them:
 * through wasi-libc's POSIX calls on absolute guest paths ("/rw/...",
 * "/ro/..."), which wasi-libc maps onto the preopens. Prints
 * "<preopen>.<attempt> <errno>" (0 = it succeeded); sandbox_test.cpp judges. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *prefix;
static char pathbuf[2][256];

static const char *P(int slot, const char *rel) {
  snprintf(pathbuf[slot], sizeof pathbuf[slot], "/%s/%s", prefix, rel);
  return pathbuf[slot];
}

static void report(const char *what, int failed) { printf("%s.%s %d\n", prefix, what, failed ? errno : 0); }

static void try_fopen(const char *what, const char *rel, const char *mode) {
  errno = 0;
  FILE *f = fopen(P(0, rel), mode);
  if (f) {
    char buf[64] = {0};
    if (mode[0] == 'r' && fgets(buf, sizeof buf, f)) printf("%s.%s.data %s\n", prefix, what, buf);
    if (mode[0] != 'r') fputs("pwned", f);
    fclose(f);
  }
  report(what, f == NULL);
}

static void escapes(void) {
  struct stat st;
  try_fopen("fopen_dotdot", "../outside/secret.txt", "r");
  try_fopen("fopen_link_rel", "link_rel", "r");
  try_fopen("fopen_link_abs", "link_abs", "r");
  try_fopen("fopen_link_chain", "chain/secret.txt", "r");
  try_fopen("fopen_dangling_w", "dangling", "w");
  errno = 0;
  int fd = open(P(0, "link_parent/outside/x"), O_CREAT | O_WRONLY, 0644);
  report("open_creat_via_link", fd < 0);
  if (fd >= 0) close(fd);
  report("mkdir_dotdot", mkdir(P(0, "../outside/d"), 0755) != 0);
  report("unlink_via_link", unlink(P(0, "link_parent/outside/secret.txt")) != 0);
  report("rename_out", rename(P(0, "file.txt"), P(1, "../outside/moved")) != 0);
  report("link_in", link(P(0, "../outside/secret.txt"), P(1, "hard")) != 0);
  report("stat_link_rel", stat(P(0, "link_rel"), &st) != 0);
  errno = 0;
  DIR *d = opendir(P(0, "link_parent"));
  report("opendir_link_parent", d == NULL);
  if (d) closedir(d);
  report("truncate_link_rel", truncate(P(0, "link_rel"), 0) != 0);
}

int main(void) {
  prefix = "rw";
  escapes();
  try_fopen("legit_write", "libc_made.txt", "w");
  prefix = "ro";
  escapes();
  try_fopen("ro_fopen_w", "file.txt", "w");
  try_fopen("ro_fopen_a", "file.txt", "a");
  try_fopen("ro_fopen_new", "new.txt", "w");
  report("ro_mkdir", mkdir(P(0, "d"), 0755) != 0);
  report("ro_unlink", unlink(P(0, "file.txt")) != 0);
  report("ro_rename", rename(P(0, "file.txt"), P(1, "moved.txt")) != 0);
  report("ro_symlink", symlink("file.txt", P(0, "sym")) != 0);
  report("ro_truncate", truncate(P(0, "file.txt"), 0) != 0);
  try_fopen("ro_read", "file.txt", "r");
  return 0;
}
