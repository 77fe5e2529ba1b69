// The text library of the nanoprocess example: counts the words of a file
// its caller hands it. It is granted no directory, environment, standard
// stream or socket, and the policy lets it make only calls on descriptors
// it is handed (fd_read, fd_write, fd_close). probe() shows that the rest
// is refused even when it tries: a library turned hostile reaches nothing.
#include <wasi/api.h>

__attribute__((export_name("count_words"))) int count_words(int fd) {
  uint8_t buf[512];
  int words = 0, inWord = 0;
  for (;;) {
    __wasi_iovec_t iov = {buf, sizeof buf};
    __wasi_size_t n = 0;
    if (__wasi_fd_read(fd, &iov, 1, &n) != 0) return -1;
    if (n == 0) return words;
    for (__wasi_size_t i = 0; i < n; ++i) {
      const int space = buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\t';
      if (!space && !inWord) ++words;
      inWord = !space;
    }
  }
}

// The errno of writing to a handed descriptor.
__attribute__((export_name("try_write"))) int try_write(int fd) {
  const char text[] = "overwritten";
  __wasi_ciovec_t iov = {(const uint8_t*)text, sizeof text - 1};
  __wasi_size_t n = 0;
  return __wasi_fd_write(fd, &iov, 1, &n);
}

// Attempts to reach outside: open a file, list a directory, read the
// environment, accept a connection. Returns one bit per attempt refused
// with ENOTCAPABLE (1, 2, 4, 8).
__attribute__((export_name("probe"))) int probe(void) {
  int refused = 0;
  __wasi_fd_t fd;
  if (__wasi_path_open(3, 0, "secret.txt", 0, __WASI_RIGHTS_FD_READ, 0, 0, &fd) == __WASI_ERRNO_NOTCAPABLE)
    refused |= 1;
  uint8_t buf[256];
  __wasi_size_t used;
  if (__wasi_fd_readdir(3, buf, sizeof buf, 0, &used) == __WASI_ERRNO_NOTCAPABLE) refused |= 2;
  __wasi_size_t count, size;
  if (__wasi_environ_sizes_get(&count, &size) == __WASI_ERRNO_NOTCAPABLE) refused |= 4;
  __wasi_fd_t conn;
  if (__wasi_sock_accept(3, 0, &conn) == __WASI_ERRNO_NOTCAPABLE) refused |= 8;
  return refused;
}
