// Prints argc, each argument and each environment variable, one per line,
// so the host can compare them with exactly what it passed.
#include <stdio.h>

extern char** environ;

int main(int argc, char** argv) {
  printf("argc=%d\n", argc);
  for (int i = 0; i < argc; ++i) printf("arg=%s\n", argv[i]);
  for (char** e = environ; *e; ++e) printf("env=%s\n", *e);
  return 0;
}
