/* String processing: builds a text of n words, then per line upper-cases
 * it, reverses every word in place, counts substring occurrences with a
 * naive search and splits on spaces to find the longest word. Reversing
 * twice must restore the text; counts are checked against the generator. */
#include <ctype.h>
#include "bench_common.h"

static const char* vocabulary[] = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta",
                                   "iota", "kappa", "lambda", "mu", "nu", "xi", "omicron", "pi"};
#define VOCAB (sizeof vocabulary / sizeof vocabulary[0])

static void reverse_words(char* s, size_t n) {
  size_t i = 0;
  while (i < n) {
    while (i < n && (s[i] == ' ' || s[i] == '\n')) ++i;
    size_t j = i;
    while (j < n && s[j] != ' ' && s[j] != '\n') ++j;
    for (size_t a = i, b = j; a + 1 < b; ++a, --b) {
      char t = s[a];
      s[a] = s[b - 1];
      s[b - 1] = t;
    }
    i = j;
  }
}

static long count_occurrences(const char* s, size_t n, const char* needle) {
  size_t m = strlen(needle);
  long count = 0;
  for (size_t i = 0; i + m <= n; ++i)
    if (s[i] == needle[0] && memcmp(s + i, needle, m) == 0) ++count;
  return count;
}

int main(int argc, char** argv) {
  long words = bench_size(argc, argv, 6000000);
  size_t cap = (size_t)words * 8 + 16, n = 0;
  char* text = malloc(cap);
  long want_lambda = 0, want_pi_words = 0;
  for (long w = 0; w < words; ++w) {
    unsigned k = (unsigned)(bench_rand() % VOCAB);
    size_t len = strlen(vocabulary[k]);
    memcpy(text + n, vocabulary[k], len);
    n += len;
    text[n++] = (w % 12 == 11) ? '\n' : ' ';
    if (k == 10) ++want_lambda;
    if (k == 15) ++want_pi_words;
  }
  char* original = malloc(n);
  memcpy(original, text, n);

  for (size_t i = 0; i < n; ++i) text[i] = (char)toupper((unsigned char)text[i]);
  long lambdas = count_occurrences(text, n, "LAMBDA");
  reverse_words(text, n);
  long reversed_lambdas = count_occurrences(text, n, "ADBMAL");
  reverse_words(text, n);
  for (size_t i = 0; i < n; ++i) text[i] = (char)tolower((unsigned char)text[i]);
  BENCH_CHECK("strings", memcmp(text, original, n) == 0);

  /* Split into words; count whole-word "pi" and find the longest word. */
  long pis = 0;
  size_t longest = 0, lines = 0;
  for (char* p = text; p < text + n;) {
    char* end = p;
    while (end < text + n && *end != ' ' && *end != '\n') ++end;
    size_t len = (size_t)(end - p);
    if (len == 2 && p[0] == 'p' && p[1] == 'i') ++pis;
    if (len > longest) longest = len;
    if (end < text + n && *end == '\n') ++lines;
    p = end + 1;
  }
  uint64_t h = bench_fnv(BENCH_FNV_INIT, text, n);
  printf("strings %zu bytes, %ld lambda, %ld pi, longest %zu, %zu lines, hash %016llx\n", n, lambdas, pis,
         longest, lines, (unsigned long long)h);
  BENCH_CHECK("strings", lambdas == want_lambda && reversed_lambdas == want_lambda);
  BENCH_CHECK("strings", pis == want_pi_words);
  BENCH_CHECK("strings", lines == (size_t)(words / 12));
  BENCH_CHECK("strings", longest == (words >= 100 ? 7u : longest));
  free(text);
  free(original);
  return 0;
}
