// poll_oneoff: `sleep MS` sleeps through a clock subscription (the host
// times it); `stdin MS` waits up to MS for stdin to become readable and
// prints "ready" (and the first line) or "timeout".
#include <poll.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

int main(int argc, char** argv) {
  if (argc < 3) return 2;
  const int ms = atoi(argv[2]);
  if (strcmp(argv[1], "sleep") == 0) {
    struct timespec request = {ms / 1000, (long)(ms % 1000) * 1000000L};
    CHECK(nanosleep(&request, NULL) == 0);
    return CHECK_DONE();
  }
  struct pollfd p = {.fd = 0, .events = POLLIN};
  const int n = poll(&p, 1, ms);
  CHECK(n >= 0);
  if (n == 0) {
    printf("timeout\n");
    return 0;
  }
  CHECK(p.revents & (POLLIN | POLLHUP));
  char line[128] = {0};
  const ssize_t got = read(0, line, sizeof line - 1);
  CHECK(got > 0);
  printf("ready %s\n", line);
  return check_failures ? 1 : 0;
}
