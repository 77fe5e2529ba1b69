/* Hash table: open addressing with linear probing and tombstones, 64-bit keys
 * to 64-bit values. Inserts n keys, looks up hits and misses, deletes half,
 * reinserts, with every answer checked against what the keys imply. */
#include "bench_common.h"

typedef struct {
  uint64_t* keys;  /* 0 = empty, 1 = deleted; real keys are >= 2 */
  uint64_t* vals;
  size_t cap, used;
} Map;

static uint64_t mix(uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdull;
  k ^= k >> 33;
  return k;
}

static void map_init(Map* m, size_t cap) {
  m->cap = cap;
  m->used = 0;
  m->keys = calloc(cap, sizeof(uint64_t));
  m->vals = calloc(cap, sizeof(uint64_t));
}

static void map_grow(Map* m);

static void map_put(Map* m, uint64_t k, uint64_t v) {
  if ((m->used + 1) * 4 > m->cap * 3) map_grow(m);
  size_t mask = m->cap - 1, i = mix(k) & mask, tomb = (size_t)-1;
  while (m->keys[i] != 0) {
    if (m->keys[i] == k) {
      m->vals[i] = v;
      return;
    }
    if (m->keys[i] == 1 && tomb == (size_t)-1) tomb = i;
    i = (i + 1) & mask;
  }
  if (tomb != (size_t)-1) i = tomb;
  else m->used++;
  m->keys[i] = k;
  m->vals[i] = v;
}

static void map_grow(Map* m) {
  Map bigger;
  map_init(&bigger, m->cap * 2);
  for (size_t i = 0; i < m->cap; ++i)
    if (m->keys[i] >= 2) map_put(&bigger, m->keys[i], m->vals[i]);
  free(m->keys);
  free(m->vals);
  *m = bigger;
}

static int map_get(const Map* m, uint64_t k, uint64_t* v) {
  size_t mask = m->cap - 1, i = mix(k) & mask;
  while (m->keys[i] != 0) {
    if (m->keys[i] == k) {
      *v = m->vals[i];
      return 1;
    }
    i = (i + 1) & mask;
  }
  return 0;
}

static int map_del(Map* m, uint64_t k) {
  size_t mask = m->cap - 1, i = mix(k) & mask;
  while (m->keys[i] != 0) {
    if (m->keys[i] == k) {
      m->keys[i] = 1;
      return 1;
    }
    i = (i + 1) & mask;
  }
  return 0;
}

/* Key i is 2 + 2*i*stride (even); odd numbers are never inserted. */
static uint64_t key_of(long i) { return 2 + 2 * (uint64_t)i * 40503u; }

int main(int argc, char** argv) {
  long n = bench_size(argc, argv, 1000000);
  uint64_t checksum = 0;
  for (int rep = 0; rep < 2; ++rep) {
    Map m;
    map_init(&m, 16);
    for (long i = 0; i < n; ++i) map_put(&m, key_of(i), (uint64_t)i * 3);
    for (long i = 0; i < n; ++i) {
      uint64_t v = 0;
      BENCH_CHECK("hashmap", map_get(&m, key_of(i), &v) && v == (uint64_t)i * 3);
      BENCH_CHECK("hashmap", !map_get(&m, key_of(i) + 1, &v));
      checksum += v;
    }
    for (long i = 0; i < n; i += 2) BENCH_CHECK("hashmap", map_del(&m, key_of(i)));
    for (long i = 0; i < n; ++i) {
      uint64_t v = 0;
      int found = map_get(&m, key_of(i), &v);
      BENCH_CHECK("hashmap", found == (i % 2 == 1));
    }
    for (long i = 0; i < n; i += 2) map_put(&m, key_of(i), (uint64_t)i * 5);
    for (long i = 0; i < n; ++i) {
      uint64_t v = 0;
      BENCH_CHECK("hashmap", map_get(&m, key_of(i), &v));
      BENCH_CHECK("hashmap", v == (uint64_t)i * (i % 2 ? 3 : 5));
      checksum ^= v * 0x9E3779B97F4A7C15ull;
    }
    free(m.keys);
    free(m.vals);
  }
  printf("hashmap %ld keys x 2, checksum %016llx\n", n, (unsigned long long)checksum);
  return 0;
}
