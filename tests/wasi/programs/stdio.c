// Copies stdin to stdout byte for byte, then reports the count on stderr.
#include <stdio.h>

int main(void) {
  char buf[4096];
  size_t total = 0, n;
  while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) {
    if (fwrite(buf, 1, n, stdout) != n) return 2;
    total += n;
  }
  fflush(stdout);
  fprintf(stderr, "copied %zu bytes\n", total);
  return ferror(stdin) ? 1 : 0;
}
