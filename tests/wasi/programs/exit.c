// Exit codes: `exit N` calls proc_exit(N), `return` returns from main with
// 0, `trap` executes unreachable after writing unflushed output.
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  if (strcmp(argv[1], "return") == 0) return 0;
  if (strcmp(argv[1], "trap") == 0) {
    printf("before the trap\n");
    fflush(stdout);
    __builtin_trap();
  }
  if (strcmp(argv[1], "exit") == 0 && argc > 2) {
    printf("exiting with %s", argv[2]);  // no newline: exit() must flush it
    exit(atoi(argv[2]));
  }
  return 2;
}
