// A one-connection TCP echo server on the listening socket handed in as
// fd 3 (wasmcap run --tcplisten HOST:PORT): accepts, echoes until the
// client closes, then exits.
#include <sys/socket.h>
#include <unistd.h>

#include "check.h"

int main(void) {
  int conn = accept(3, NULL, NULL);
  CHECK(conn >= 0);
  if (conn < 0) return 1;
  char buf[1024];
  ssize_t n;
  size_t total = 0;
  while ((n = recv(conn, buf, sizeof buf, 0)) > 0) {
    for (ssize_t off = 0; off < n;) {
      ssize_t sent = send(conn, buf + off, (size_t)(n - off), 0);
      if (sent <= 0) {
        CHECK(sent > 0);
        return 1;
      }
      off += sent;
    }
    total += (size_t)n;
  }
  CHECK(n == 0);
  close(conn);
  fprintf(stderr, "echoed %zu bytes\n", total);
  return CHECK_DONE();
}
