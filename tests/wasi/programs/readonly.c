// Beneath a read-only preopen (argv[1], holding "existing.txt" with the text
// "original" and an empty directory "subdir"), every write operation fails,
// opening for writing already at the open with ENOTCAPABLE, and reading
// still works.
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "check.h"

int main(int argc, char** argv) {
  if (argc < 2 || chdir(argv[1]) != 0) return 2;
  CHECK(open("new.txt", O_CREAT | O_WRONLY, 0644) < 0);
  CHECK(open("existing.txt", O_WRONLY) < 0 && errno == ENOTCAPABLE);
  CHECK(open("existing.txt", O_RDWR) < 0 && errno == ENOTCAPABLE);
  CHECK(open("existing.txt", O_WRONLY | O_APPEND) < 0);
  CHECK(open("existing.txt", O_RDONLY | O_TRUNC) < 0);
  CHECK(mkdir("newdir", 0755) < 0);
  CHECK(rmdir("subdir") < 0);
  CHECK(unlink("existing.txt") < 0);
  CHECK(rename("existing.txt", "moved.txt") < 0);
  CHECK(symlink("existing.txt", "link") < 0);
  CHECK(link("existing.txt", "hardlink") < 0);
  struct timeval times[2] = {{1, 0}, {1, 0}};
  CHECK(utimes("existing.txt", times) < 0);
  int fd = open("existing.txt", O_RDONLY);
  CHECK(fd >= 0);
  CHECK(write(fd, "x", 1) < 0);
  CHECK(ftruncate(fd, 0) < 0);
  char buf[16] = {0};
  CHECK(read(fd, buf, sizeof buf) == 8 && strcmp(buf, "original") == 0);
  close(fd);
  return CHECK_DONE();
}
