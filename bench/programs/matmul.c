/* Dense linear algebra: n x n double matrix multiply (i-k-j loop order).
 * Checked with Freivalds' test: A(Bx) must equal Cx for random vectors x. */
#include <math.h>
#include "bench_common.h"

int main(int argc, char** argv) {
  int n = (int)bench_size(argc, argv, 1400);
  double* a = malloc(sizeof(double) * n * n);
  double* b = malloc(sizeof(double) * n * n);
  double* c = calloc((size_t)n * n, sizeof(double));
  for (int i = 0; i < n * n; ++i) {
    a[i] = (double)(bench_rand() % 1000) / 100.0 - 5.0;
    b[i] = (double)(bench_rand() % 1000) / 100.0 - 5.0;
  }
  for (int i = 0; i < n; ++i)
    for (int k = 0; k < n; ++k) {
      double aik = a[i * n + k];
      for (int j = 0; j < n; ++j) c[i * n + j] += aik * b[k * n + j];
    }
  double trace = 0;
  for (int i = 0; i < n; ++i) trace += c[i * n + i];
  printf("matmul %d trace %.6f\n", n, trace);

  double* x = malloc(sizeof(double) * n);
  double* bx = malloc(sizeof(double) * n);
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < n; ++i) x[i] = (double)(bench_rand() % 3) - 1.0;
    for (int i = 0; i < n; ++i) {
      double s = 0;
      for (int j = 0; j < n; ++j) s += b[i * n + j] * x[j];
      bx[i] = s;
    }
    for (int i = 0; i < n; ++i) {
      double abx = 0, cx = 0;
      for (int j = 0; j < n; ++j) {
        abx += a[i * n + j] * bx[j];
        cx += c[i * n + j] * x[j];
      }
      BENCH_CHECK("matmul", fabs(abx - cx) <= 1e-6 * (1.0 + fabs(cx)));
    }
  }
  free(a); free(b); free(c); free(x); free(bx);
  return 0;
}
