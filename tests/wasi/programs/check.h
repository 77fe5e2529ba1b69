// A tiny self-check helper for the WASI test programs: each failed CHECK
// prints the line and the errno to stderr and the program exits 1 at the end.
#pragma once
#include <errno.h>
#include <stdio.h>
#include <string.h>

static int check_failures = 0;

#define CHECK(cond)                                                                         \
  do {                                                                                      \
    if (!(cond)) {                                                                          \
      fprintf(stderr, "%s:%d: check failed: %s (errno %d: %s)\n", __FILE__, __LINE__, #cond, \
              errno, strerror(errno));                                                      \
      ++check_failures;                                                                     \
    }                                                                                       \
  } while (0)

#define CHECK_DONE() (check_failures == 0 ? (printf("ok\n"), 0) : 1)
