// Beneath a create-only preopen (argv[1], an upload directory holding
// "existing.txt" with the text "original"): new files are created and
// written, even reopened and truncated; the existing file can be read but
// not written, truncated, removed, renamed or linked to.
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

int main(int argc, char** argv) {
  if (argc < 2 || chdir(argv[1]) != 0) return 2;
  FILE* f = fopen("report.txt", "w");
  CHECK(f != NULL);
  CHECK(fputs("first\n", f) >= 0 && fclose(f) == 0);
  f = fopen("report.txt", "a");
  CHECK(f != NULL);
  CHECK(fputs("second\n", f) >= 0 && fclose(f) == 0);
  CHECK(mkdir("batch", 0755) == 0);
  f = fopen("batch/part.txt", "w");
  CHECK(f != NULL && fputs("part\n", f) >= 0 && fclose(f) == 0);

  CHECK(open("existing.txt", O_WRONLY) < 0 && errno == ENOTCAPABLE);
  CHECK(fopen("existing.txt", "a") == NULL && errno == ENOTCAPABLE);
  CHECK(fopen("existing.txt", "w") == NULL && errno == ENOTCAPABLE);
  CHECK(open("existing.txt", O_CREAT | O_EXCL | O_WRONLY, 0644) < 0 && errno == EEXIST);
  CHECK(unlink("existing.txt") < 0 && errno == ENOTCAPABLE);
  CHECK(rename("existing.txt", "moved.txt") < 0 && errno == ENOTCAPABLE);
  CHECK(link("existing.txt", "hardlink") < 0);
  CHECK(unlink("report.txt") < 0 && errno == ENOTCAPABLE);  // not even its own files
  char buf[16] = {0};
  int fd = open("existing.txt", O_RDONLY);
  CHECK(fd >= 0 && read(fd, buf, sizeof buf) == 8 && strcmp(buf, "original") == 0);
  close(fd);
  return CHECK_DONE();
}
