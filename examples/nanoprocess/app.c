// The application of the nanoprocess example: reads its own /data, hands
// its input file read-only to the text library, and logs through the
// logger. Each module is its own instance with its own authority (app.toml).
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define IMPORT(module, name) __attribute__((import_module(module), import_name(name)))

IMPORT("text", "count_words") int text_count_words(int fd);
IMPORT("text", "try_write") int text_try_write(int fd);
IMPORT("text", "probe") int text_probe(void);
IMPORT("logger", "log_event") int log_event(int code);
// Capability passing: hands `fd` to instance `to` with at most `rights`.
IMPORT("wasmcap", "fd_give") int fd_give(int fd, uint64_t rights, const char* to, size_t toLen, int* received);

static const char* refused(int bits, int bit) { return (bits & bit) ? "refused" : "ALLOWED"; }

int main(void) {
  char line[128] = "";
  FILE* in = fopen("/data/input.txt", "r");
  if (!in || !fgets(line, sizeof line, in)) {
    printf("cannot read /data/input.txt: %s\n", strerror(errno));
    return 1;
  }
  fclose(in);
  printf("app read: %s", line);

  // The library has no directory of its own: it reads the file the app opened.
  int fd = open("/data/input.txt", O_RDONLY);
  int handed = -1;
  int err = fd_give(fd, UINT64_MAX, "text", 4, &handed);
  printf("app handed fd %d to text: %s\n", fd, err ? strerror(err) : "ok");
  printf("text counted %d words\n", text_count_words(handed));
  err = text_try_write(handed);
  printf("text writing the read-only file: %s\n", err ? strerror(err) : "WRITTEN");

  const int bits = text_probe();
  printf("text: open %s, list / %s, environment %s, accept %s\n", refused(bits, 1), refused(bits, 2),
         refused(bits, 4), refused(bits, 8));

  for (int event = 1; event <= 3; ++event) {
    err = log_event(event);
    if (err) printf("logging event %d: %s\n", event, strerror(err));
  }
  printf("logged 3 events\n");
  return 0;
}
