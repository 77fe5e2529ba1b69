/* Parsing: a JSON tokenizer over a generated document of n records. The
 * generator counts what it emits (objects, arrays, strings, numbers,
 * literals, escapes); the tokenizer must find exactly those counts, and the
 * sum of the integers it parses must match the generator's. */
#include "bench_common.h"

typedef struct {
  long objects, arrays, strings, numbers, literals, escapes;
  int64_t int_sum;
} Counts;

typedef struct {
  char* buf;
  size_t len, cap;
} Text;

static void put(Text* t, const char* s, size_t n) {
  if (t->len + n > t->cap) {
    t->cap = (t->len + n) * 2;
    t->buf = realloc(t->buf, t->cap);
  }
  memcpy(t->buf + t->len, s, n);
  t->len += n;
}
static void puts_(Text* t, const char* s) { put(t, s, strlen(s)); }

static void gen_record(Text* t, Counts* c, long i) {
  char num[64];
  puts_(t, "{\"id\": ");
  int n = snprintf(num, sizeof num, "%ld", i);
  put(t, num, (size_t)n);
  c->int_sum += i;
  puts_(t, ", \"name\": \"item\\\"");
  c->escapes++;
  n = snprintf(num, sizeof num, "%ld\\n\"", i * 7919 % 100000);
  put(t, num, (size_t)n);
  c->escapes++;
  puts_(t, ", \"price\": ");
  n = snprintf(num, sizeof num, "%ld.%02ld", i % 1000, i % 100);
  put(t, num, (size_t)n);
  puts_(t, ", \"tags\": [\"a\", \"bc\", \"\\u00e9t\\u00e9\"], \"ok\": ");
  c->escapes += 2;
  puts_(t, i % 3 == 0 ? "true" : (i % 3 == 1 ? "false" : "null"));
  puts_(t, ", \"dims\": {\"w\": ");
  n = snprintf(num, sizeof num, "%ld, \"h\": -%ld, \"e\": 1.5e-3}}", i % 17, i % 13);
  put(t, num, (size_t)n);
  c->int_sum += i % 17 - i % 13;
  c->objects += 2;
  c->arrays += 1;
  /* keys: id name price tags ok dims w h e (9), values: name + 3 tags (4) */
  c->strings += 13;
  c->numbers += 5;
  c->literals += 1;
}

static Counts tokenize(const char* p, const char* end) {
  Counts c = {0};
  while (p < end) {
    char ch = *p;
    switch (ch) {
      case ' ': case '\n': case '\t': case '\r': case ',': case ':': case '}': case ']':
        ++p;
        break;
      case '{': c.objects++; ++p; break;
      case '[': c.arrays++; ++p; break;
      case '"':
        ++p;
        while (*p != '"') {
          if (*p == '\\') {
            c.escapes++;
            p += p[1] == 'u' ? 6 : 2;
          } else {
            ++p;
          }
        }
        ++p;
        c.strings++;
        break;
      case 't': p += 4; c.literals++; break;
      case 'f': p += 5; c.literals++; break;
      case 'n': p += 4; c.literals++; break;
      default: {
        int neg = 0, is_int = 1;
        int64_t v = 0;
        if (*p == '-') { neg = 1; ++p; }
        while (p < end && *p >= '0' && *p <= '9') v = v * 10 + (*p++ - '0');
        if (p < end && *p == '.') {
          is_int = 0;
          ++p;
          while (p < end && *p >= '0' && *p <= '9') ++p;
        }
        if (p < end && (*p == 'e' || *p == 'E')) {
          is_int = 0;
          ++p;
          if (*p == '+' || *p == '-') ++p;
          while (p < end && *p >= '0' && *p <= '9') ++p;
        }
        if (is_int) c.int_sum += neg ? -v : v;
        c.numbers++;
      }
    }
  }
  return c;
}

int main(int argc, char** argv) {
  long records = bench_size(argc, argv, 200000);
  Text t = {0};
  Counts want = {0};
  puts_(&t, "[\n");
  want.arrays++;
  for (long i = 0; i < records; ++i) {
    if (i) puts_(&t, ",\n");
    gen_record(&t, &want, i);
  }
  puts_(&t, "\n]\n");
  Counts got = {0};
  for (int rep = 0; rep < 20; ++rep) got = tokenize(t.buf, t.buf + t.len);
  printf("json %zu bytes: %ld objects %ld arrays %ld strings %ld numbers %ld literals, int sum %lld\n", t.len,
         got.objects, got.arrays, got.strings, got.numbers, got.literals, (long long)got.int_sum);
  BENCH_CHECK("json", got.objects == want.objects && got.arrays == want.arrays);
  BENCH_CHECK("json", got.strings == want.strings && got.numbers == want.numbers);
  BENCH_CHECK("json", got.literals == want.literals && got.escapes == want.escapes);
  BENCH_CHECK("json", got.int_sum == want.int_sum);
  free(t.buf);
  return 0;
}
