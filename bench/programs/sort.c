/* Sorting: n pseudo-random 32-bit integers (default 10^6) sorted by a
 * hand-written introsort-style quicksort with insertion sort for small
 * ranges, repeated over ten fresh arrays. Checks order and that the
 * multiset is preserved (sum and xor of the elements). */
#include "bench_common.h"

static void insertion_sort(uint32_t* a, long lo, long hi) {
  for (long i = lo + 1; i <= hi; ++i) {
    uint32_t v = a[i];
    long j = i - 1;
    while (j >= lo && a[j] > v) {
      a[j + 1] = a[j];
      --j;
    }
    a[j + 1] = v;
  }
}

static void quicksort(uint32_t* a, long lo, long hi) {
  while (hi - lo > 16) {
    long mid = lo + (hi - lo) / 2;
    /* Median of three as the pivot. */
    uint32_t x = a[lo], y = a[mid], z = a[hi];
    uint32_t pivot = x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));
    long i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) ++i;
      while (a[j] > pivot) --j;
      if (i <= j) {
        uint32_t t = a[i];
        a[i] = a[j];
        a[j] = t;
        ++i;
        --j;
      }
    }
    /* Recurse into the smaller half to bound stack depth. */
    if (j - lo < hi - i) {
      quicksort(a, lo, j);
      lo = i;
    } else {
      quicksort(a, i, hi);
      hi = j;
    }
  }
  insertion_sort(a, lo, hi);
}

int main(int argc, char** argv) {
  long n = bench_size(argc, argv, 1000000);
  uint32_t* a = malloc(sizeof(uint32_t) * n);
  uint64_t h = BENCH_FNV_INIT;
  for (int rep = 0; rep < 10; ++rep) {
    uint64_t sum = 0;
    uint32_t xr = 0;
    for (long i = 0; i < n; ++i) {
      /* Every other array has many duplicates, to exercise equal keys. */
      a[i] = (uint32_t)bench_rand() % (rep % 2 ? 1000u : 0xFFFFFFFFu);
      sum += a[i];
      xr ^= a[i];
    }
    quicksort(a, 0, n - 1);
    uint64_t sum2 = 0;
    uint32_t xr2 = 0;
    for (long i = 0; i < n; ++i) {
      if (i > 0) BENCH_CHECK("sort", a[i - 1] <= a[i]);
      sum2 += a[i];
      xr2 ^= a[i];
    }
    BENCH_CHECK("sort", sum == sum2 && xr == xr2);
    h = bench_fnv(h, &a[n / 2], sizeof a[0]);
  }
  printf("sorted %ld x 10, medians hash %016llx\n", n, (unsigned long long)h);
  free(a);
  return 0;
}
