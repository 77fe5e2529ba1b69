// A WASI command: prints a greeting, then lists the directory named by its
// first argument, if any (it can only see directories it was granted):
//   wasmcap run --dir examples::/data:ro build/examples/hello.wasm /data
#include <dirent.h>
#include <stdio.h>

int main(int argc, char** argv) {
  printf("Hello from WebAssembly!\n");
  const char* dir = argc > 1 ? argv[1] : NULL;
  if (!dir) return 0;
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
