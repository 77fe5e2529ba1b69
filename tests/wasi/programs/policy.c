// What a program sees under a call policy, grants and --deterministic: one
// line per attempt with its result (0 or the errno), for the host to judge.
// argv[1], when given, is a directory holding "in.txt".
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static long long now(int* err) {
  struct timespec t;
  if (clock_gettime(CLOCK_REALTIME, &t) != 0) {
    *err = errno;
    return 0;
  }
  *err = 0;
  return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(int argc, char** argv) {
  char line[64];
  if (fgets(line, sizeof line, stdin)) printf("stdin %s", line);
  else printf("stdin none\n");
  int err;
  long long before = now(&err);
  printf("clock %d %lld\n", err, before);
  struct timespec tenMs = {0, 10 * 1000 * 1000};
  nanosleep(&tenMs, NULL);
  long long after = now(&err);
  printf("slept %d %lld\n", err, after - before);
  unsigned char r[8] = {0};
  printf("random %d", getentropy(r, sizeof r) == 0 ? 0 : errno);
  for (int i = 0; i < 8; ++i) printf(" %02x", r[i]);
  printf("\n");
  if (argc > 1) {
    char path[256];
    snprintf(path, sizeof path, "%s/in.txt", argv[1]);
    int fd = open(path, O_RDONLY);
    printf("open %d\n", fd >= 0 ? 0 : errno);
    if (fd >= 0) close(fd);
  }
  fprintf(stderr, "done\n");
  return 0;
}
