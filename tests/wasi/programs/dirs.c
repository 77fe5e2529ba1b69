// Directories beneath argv[1]: mkdir/rmdir, and a readdir of 10,000 entries
// in which every name must be seen exactly once. Leaves "many/" for the host.
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

enum { kEntries = 10000 };

int main(int argc, char** argv) {
  if (argc < 2 || chdir(argv[1]) != 0) return 2;
  CHECK(mkdir("d1", 0755) == 0);
  CHECK(mkdir("d1", 0755) != 0 && errno == EEXIST);
  CHECK(mkdir("d1/d2", 0755) == 0);
  CHECK(rmdir("d1") != 0 && errno == ENOTEMPTY);
  CHECK(rmdir("d1/d2") == 0);
  CHECK(rmdir("d1") == 0);
  CHECK(rmdir("d1") != 0 && errno == ENOENT);
  struct stat st;
  CHECK(stat("d1", &st) != 0);

  CHECK(mkdir("many", 0755) == 0);
  char name[64];
  for (int i = 0; i < kEntries; ++i) {
    snprintf(name, sizeof name, "many/entry-%05d", i);
    int fd = open(name, O_CREAT | O_WRONLY, 0644);
    if (fd < 0) {
      CHECK(fd >= 0);
      break;
    }
    close(fd);
  }
  static unsigned char seen[kEntries];
  int others = 0, dots = 0;
  DIR* d = opendir("many");
  CHECK(d != NULL);
  for (struct dirent* e; d && (e = readdir(d));) {
    int index;
    char tail;
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
      ++dots;
    else if (sscanf(e->d_name, "entry-%5d%c", &index, &tail) == 1 && index >= 0 && index < kEntries)
      ++seen[index];
    else
      ++others;
  }
  if (d) closedir(d);
  int missing = 0, repeated = 0;
  for (int i = 0; i < kEntries; ++i) {
    missing += seen[i] == 0;
    repeated += seen[i] > 1;
  }
  printf("missing %d repeated %d others %d\n", missing, repeated, others);
  CHECK(missing == 0 && repeated == 0 && others == 0);
  return CHECK_DONE();
}
