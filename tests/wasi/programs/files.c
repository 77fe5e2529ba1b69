// File operations beneath the directory given as argv[1]: create, write,
// read, seek, truncate, append, rename, unlink and fstat sizes. Leaves
// "result.txt" for the host to check.
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

static off_t size_of(int fd) {
  struct stat st;
  return fstat(fd, &st) == 0 ? st.st_size : -1;
}

int main(int argc, char** argv) {
  if (argc < 2 || chdir(argv[1]) != 0) return 2;
  int fd = open("a.txt", O_CREAT | O_EXCL | O_RDWR, 0644);
  CHECK(fd >= 0);
  CHECK(write(fd, "hello, world", 12) == 12);
  CHECK(size_of(fd) == 12);
  CHECK(lseek(fd, 7, SEEK_SET) == 7);
  char buf[32] = {0};
  CHECK(read(fd, buf, sizeof buf) == 5 && memcmp(buf, "world", 5) == 0);
  CHECK(lseek(fd, 0, SEEK_CUR) == 12);
  CHECK(pread(fd, buf, 5, 0) == 5 && memcmp(buf, "hello", 5) == 0);
  CHECK(ftruncate(fd, 5) == 0);
  CHECK(size_of(fd) == 5);
  CHECK(ftruncate(fd, 100) == 0 && size_of(fd) == 100);
  CHECK(ftruncate(fd, 5) == 0);
  CHECK(lseek(fd, 0, SEEK_END) == 5);
  CHECK(close(fd) == 0);
  // O_EXCL refuses an existing file.
  CHECK(open("a.txt", O_CREAT | O_EXCL | O_WRONLY, 0644) < 0 && errno == EEXIST);

  fd = open("a.txt", O_WRONLY | O_APPEND);
  CHECK(fd >= 0);
  CHECK(lseek(fd, 0, SEEK_SET) == 0);
  CHECK(write(fd, " again", 6) == 6);  // appends whatever the offset
  CHECK(size_of(fd) == 11);
  CHECK(close(fd) == 0);

  CHECK(rename("a.txt", "b.txt") == 0);
  CHECK(access("a.txt", F_OK) != 0 && errno == ENOENT);
  struct stat st;
  CHECK(stat("b.txt", &st) == 0 && st.st_size == 11 && S_ISREG(st.st_mode));

  fd = open("gone.txt", O_CREAT | O_WRONLY, 0644);
  CHECK(fd >= 0 && close(fd) == 0);
  CHECK(unlink("gone.txt") == 0);
  CHECK(open("gone.txt", O_RDONLY) < 0 && errno == ENOENT);
  CHECK(unlink("gone.txt") != 0 && errno == ENOENT);

  fd = open("b.txt", O_RDONLY);
  CHECK(fd >= 0);
  memset(buf, 0, sizeof buf);
  CHECK(read(fd, buf, sizeof buf) == 11 && strcmp(buf, "hello again") == 0);
  CHECK(read(fd, buf, sizeof buf) == 0);  // end of file
  CHECK(write(fd, "x", 1) < 0);           // opened read-only
  CHECK(close(fd) == 0);
  CHECK(rename("b.txt", "result.txt") == 0);
  return CHECK_DONE();
}
