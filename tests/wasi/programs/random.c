// random_get: two 64-byte draws are not all zero and differ.
#include <unistd.h>

#include "check.h"

int main(void) {
  unsigned char a[64] = {0}, b[64] = {0}, zero[64] = {0};
  CHECK(getentropy(a, sizeof a) == 0);
  CHECK(getentropy(b, sizeof b) == 0);
  CHECK(memcmp(a, zero, sizeof a) != 0);
  CHECK(memcmp(b, zero, sizeof b) != 0);
  CHECK(memcmp(a, b, sizeof a) != 0);
  return CHECK_DONE();
}
