/* Floating point + calls: spectral norm of the infinite matrix
 * A[i][j] = 1/((i+j)(i+j+1)/2+i+1) by power iteration. The value converges
 * to 1.2742241528...; checked within 1e-5 for n >= 100 and exactly for the
 * published n = 100 and 5500. */
#include <math.h>
#include "bench_common.h"

static double a(int i, int j) { return 1.0 / ((i + j) * (i + j + 1) / 2 + i + 1); }

static void mul_av(int n, const double* v, double* out) {
  for (int i = 0; i < n; ++i) {
    double s = 0;
    for (int j = 0; j < n; ++j) s += a(i, j) * v[j];
    out[i] = s;
  }
}

static void mul_atv(int n, const double* v, double* out) {
  for (int i = 0; i < n; ++i) {
    double s = 0;
    for (int j = 0; j < n; ++j) s += a(j, i) * v[j];
    out[i] = s;
  }
}

static void mul_atav(int n, const double* v, double* out, double* tmp) {
  mul_av(n, v, tmp);
  mul_atv(n, tmp, out);
}

int main(int argc, char** argv) {
  int n = (int)bench_size(argc, argv, 3200);
  double* u = malloc(n * sizeof(double));
  double* v = malloc(n * sizeof(double));
  double* tmp = malloc(n * sizeof(double));
  for (int i = 0; i < n; ++i) u[i] = 1;
  for (int i = 0; i < 10; ++i) {
    mul_atav(n, u, v, tmp);
    mul_atav(n, v, u, tmp);
  }
  double vbv = 0, vv = 0;
  for (int i = 0; i < n; ++i) {
    vbv += u[i] * v[i];
    vv += v[i] * v[i];
  }
  double norm = sqrt(vbv / vv);
  printf("%.9f\n", norm);
  if (n >= 100) BENCH_CHECK("spectral_norm", fabs(norm - 1.2742241528) < 1e-5);
  if (n == 100) BENCH_CHECK("spectral_norm", fabs(norm - 1.274219991) < 1e-9);
  if (n == 5500) BENCH_CHECK("spectral_norm", fabs(norm - 1.274224153) < 1e-9);
  free(u);
  free(v);
  free(tmp);
  return 0;
}
