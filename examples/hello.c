// A WASI command: prints a greeting, then lists the directory it was
// granted, if any (it can see no other):
//   wasmcap run --dir examples::/data:ro build/examples/hello.wasm
// A directory path given as the first argument is listed instead.
#include <dirent.h>
#include <stdio.h>
#include <wasi/api.h>

// The guest name of the first preopened directory (fd 3), or NULL.
static const char* granted_directory(void) {
  static char name[256];
  __wasi_prestat_t prestat;
  if (__wasi_fd_prestat_get(3, &prestat) != 0 || prestat.tag != __WASI_PREOPENTYPE_DIR) return NULL;
  size_t len = prestat.u.dir.pr_name_len;
  if (len >= sizeof name || __wasi_fd_prestat_dir_name(3, (uint8_t*)name, len) != 0) return NULL;
  name[len] = '\0';
  return name;
}

int main(int argc, char** argv) {
  printf("Hello from WebAssembly!\n");
  const char* dir = argc > 1 ? argv[1] : granted_directory();
  if (!dir) {
    printf("No directory was granted (try --dir HOST::GUEST).\n");
    return 0;
  }
  DIR* d = opendir(dir);
  if (!d) {
    perror(dir);
    return 1;
  }
  printf("%s contains:\n", dir);
  for (struct dirent* e; (e = readdir(d));)
    if (e->d_name[0] != '.') printf("  %s\n", e->d_name);
  closedir(d);
  return 0;
}
