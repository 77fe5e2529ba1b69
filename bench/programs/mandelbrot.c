/* Floating point, branchy inner loop: the Mandelbrot set on an n x n grid
 * over [-1.5,0.5] x [-1,1], 50 iterations, packed one bit per pixel. Checks
 * that the picture is symmetric about the real axis (rows y and n-1-y map to
 * conjugate points when computed from the edges) and that the set's area
 * estimate is near the known 1.506. */
#include "bench_common.h"

int main(int argc, char** argv) {
  int n = (int)bench_size(argc, argv, 3000);
  int row_bytes = (n + 7) / 8;
  unsigned char* bits = calloc((size_t)row_bytes * n, 1);
  long inside = 0;
  for (int y = 0; y < n; ++y) {
    /* Sample cell centres so row y and row n-1-y are exact mirror images. */
    double ci = ((2.0 * y + 1.0) / n - 1.0);
    for (int x = 0; x < n; ++x) {
      double cr = (2.0 * x + 1.0) / n - 1.5;
      double zr = 0, zi = 0, tr = 0, ti = 0;
      int i = 0;
      for (; i < 50 && tr + ti <= 4.0; ++i) {
        zi = 2.0 * zr * zi + ci;
        zr = tr - ti + cr;
        tr = zr * zr;
        ti = zi * zi;
      }
      if (tr + ti <= 4.0) {
        bits[(size_t)y * row_bytes + x / 8] |= (unsigned char)(0x80 >> (x % 8));
        ++inside;
      }
    }
  }
  uint64_t h = bench_fnv(BENCH_FNV_INIT, bits, (size_t)row_bytes * n);
  double area = 4.0 * (double)inside / ((double)n * n);
  printf("inside %ld area %.4f hash %016llx\n", inside, area, (unsigned long long)h);
  for (int y = 0; y < n / 2; ++y)
    BENCH_CHECK("mandelbrot", memcmp(bits + (size_t)y * row_bytes, bits + (size_t)(n - 1 - y) * row_bytes, row_bytes) == 0);
  /* 50 iterations overestimate the true area (~1.5066) slightly. */
  if (n >= 200) BENCH_CHECK("mandelbrot", area > 1.50 && area < 1.65);
  free(bits);
  return 0;
}
