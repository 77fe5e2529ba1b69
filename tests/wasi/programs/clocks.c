// Clocks: prints the realtime clock in ns (the host compares it with its
// own); checks that the monotonic clock never goes back and that both clocks
// report a positive resolution.
#include <time.h>

#include "check.h"

static long long ns(struct timespec t) { return (long long)t.tv_sec * 1000000000LL + t.tv_nsec; }

int main(void) {
  struct timespec t;
  CHECK(clock_gettime(CLOCK_REALTIME, &t) == 0);
  printf("realtime %lld\n", ns(t));
  long long last = -1;
  for (int i = 0; i < 100000; ++i) {
    CHECK(clock_gettime(CLOCK_MONOTONIC, &t) == 0);
    if (ns(t) < last) {
      CHECK(ns(t) >= last);
      break;
    }
    last = ns(t);
  }
  struct timespec res;
  CHECK(clock_getres(CLOCK_MONOTONIC, &res) == 0 && ns(res) > 0 && ns(res) <= 1000000000LL);
  CHECK(clock_getres(CLOCK_REALTIME, &res) == 0 && ns(res) > 0 && ns(res) <= 1000000000LL);
  return CHECK_DONE();
}
