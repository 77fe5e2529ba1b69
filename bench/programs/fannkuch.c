/* Integer permutations: fannkuch-redux (pancake flips over all permutations
 * of n elements, in the benchmark's fixed order). Checks the checksum and
 * maximum flip count against the published values for n = 7..12. */
#include "bench_common.h"

int main(int argc, char** argv) {
  long n = bench_size(argc, argv, 11);
  if (n < 3 || n > 12) bench_fail("fannkuch", "size must be 3..12");
  int perm[16], perm1[16], count[16];
  int max_flips = 0, checksum = 0, sign = 1, r = (int)n;
  for (int i = 0; i < n; ++i) perm1[i] = i;
  for (long perm_count = 0;; ++perm_count) {
    while (r != 1) {
      count[r - 1] = r;
      --r;
    }
    for (int i = 0; i < n; ++i) perm[i] = perm1[i];
    int flips = 0;
    for (int k = perm[0]; k != 0; k = perm[0]) {
      for (int i = 0, j = k; i < j; ++i, --j) {
        int t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
      }
      ++flips;
    }
    if (flips > max_flips) max_flips = flips;
    checksum += sign * flips;
    sign = -sign;
    for (;;) {
      if (r == n) {
        printf("%d\nPfannkuchen(%ld) = %d\n", checksum, n, max_flips);
        static const int want_sum[] = {228, 1616, 8629, 73196, 556355, 3968050};
        static const int want_max[] = {16, 22, 30, 38, 51, 65};
        if (n >= 7) {
          BENCH_CHECK("fannkuch", checksum == want_sum[n - 7]);
          BENCH_CHECK("fannkuch", max_flips == want_max[n - 7]);
        }
        return 0;
      }
      int first = perm1[0];
      for (int i = 0; i < r; ++i) perm1[i] = perm1[i + 1];
      perm1[r] = first;
      if (--count[r] > 0) break;
      ++r;
    }
  }
}
