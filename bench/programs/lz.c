/* Compression: an LZ77-style compressor (hash-chain match finder, 64 KiB
 * window, literal runs and back-references in a byte format of our own) and
 * its decompressor. Compresses n KiB of generated text-like data and checks
 * that decompression restores it byte for byte and that it did compress. */
#include "bench_common.h"

#define WINDOW 65535
#define MIN_MATCH 4
#define MAX_MATCH 258
#define HASH_BITS 15
#define MAX_CHAIN 32

static uint32_t hash4(const uint8_t* p) {
  uint32_t v;
  memcpy(&v, p, 4);
  return (v * 2654435761u) >> (32 - HASH_BITS);
}

/* Format: token byte t. t < 128: t+1 literals follow. t >= 128: a match of
 * length (t-128)+MIN_MATCH (extended by one more byte if t == 255), then a
 * 2-byte little-endian distance. */
static size_t compress(const uint8_t* in, size_t n, uint8_t* out) {
  static int32_t head[1 << HASH_BITS];
  int32_t* prev = malloc(sizeof(int32_t) * n);
  for (int i = 0; i < (1 << HASH_BITS); ++i) head[i] = -1;
  size_t o = 0, lit_start = 0, i = 0;
#define FLUSH_LITERALS(end)                               \
  while (lit_start < (end)) {                             \
    size_t run = (end) - lit_start > 128 ? 128 : (end) - lit_start; \
    out[o++] = (uint8_t)(run - 1);                        \
    memcpy(out + o, in + lit_start, run);                 \
    o += run;                                             \
    lit_start += run;                                     \
  }
  while (i + MIN_MATCH <= n) {
    uint32_t h = hash4(in + i);
    size_t best_len = 0, best_dist = 0;
    int32_t cand = head[h];
    for (int chain = 0; cand >= 0 && chain < MAX_CHAIN && i - (size_t)cand <= WINDOW; ++chain) {
      size_t len = 0, max = n - i < MAX_MATCH ? n - i : MAX_MATCH;
      while (len < max && in[cand + len] == in[i + len]) ++len;
      if (len > best_len) {
        best_len = len;
        best_dist = i - (size_t)cand;
      }
      cand = prev[cand];
    }
    prev[i] = head[h];
    head[h] = (int32_t)i;
    if (best_len >= MIN_MATCH) {
      FLUSH_LITERALS(i);
      size_t code = best_len - MIN_MATCH;
      if (code >= 127) {
        out[o++] = 255;
        out[o++] = (uint8_t)(code - 127);
      } else {
        out[o++] = (uint8_t)(128 + code);
      }
      out[o++] = (uint8_t)best_dist;
      out[o++] = (uint8_t)(best_dist >> 8);
      /* Index the skipped positions so later matches can find them. */
      for (size_t k = i + 1; k < i + best_len && k + MIN_MATCH <= n; ++k) {
        uint32_t hk = hash4(in + k);
        prev[k] = head[hk];
        head[hk] = (int32_t)k;
      }
      i += best_len;
      lit_start = i;
    } else {
      ++i;
    }
  }
  FLUSH_LITERALS(n);
#undef FLUSH_LITERALS
  free(prev);
  return o;
}

static size_t decompress(const uint8_t* in, size_t n, uint8_t* out, size_t cap) {
  size_t i = 0, o = 0;
  while (i < n) {
    uint8_t t = in[i++];
    if (t < 128) {
      size_t run = (size_t)t + 1;
      if (o + run > cap) return (size_t)-1;
      memcpy(out + o, in + i, run);
      i += run;
      o += run;
    } else {
      size_t len = t == 255 ? (size_t)in[i++] + 127 + MIN_MATCH : (size_t)(t - 128) + MIN_MATCH;
      size_t dist = (size_t)in[i] | (size_t)in[i + 1] << 8;
      i += 2;
      if (dist == 0 || dist > o || o + len > cap) return (size_t)-1;
      /* Byte by byte: overlapping copies repeat the pattern. */
      for (size_t k = 0; k < len; ++k, ++o) out[o] = out[o - dist];
    }
  }
  return o;
}

int main(int argc, char** argv) {
  long kib = bench_size(argc, argv, 16384);
  size_t n = (size_t)kib << 10;
  static const char* words[] = {"the ", "quick ", "brown ", "fox ", "jumps ", "over ", "lazy ", "dog ",
                                "wasm ", "module ", "memory ", "table ", "function ", "export ", "import ",
                                "\n", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
  uint8_t* src = malloc(n);
  for (size_t i = 0; i < n;) {
    const char* w = words[bench_rand() % (sizeof words / sizeof words[0])];
    for (; *w && i < n; ++w) src[i++] = (uint8_t)*w;
  }
  uint8_t* packed = malloc(n + n / 64 + 16);
  uint8_t* back = malloc(n);
  size_t packed_len = compress(src, n, packed);
  size_t back_len = decompress(packed, packed_len, back, n);
  uint64_t h = bench_fnv(BENCH_FNV_INIT, packed, packed_len);
  printf("lz %zu -> %zu bytes (%.1f%%), hash %016llx\n", n, packed_len, 100.0 * packed_len / n,
         (unsigned long long)h);
  BENCH_CHECK("lz", back_len == n);
  BENCH_CHECK("lz", memcmp(src, back, n) == 0);
  BENCH_CHECK("lz", packed_len < n / 2);
  free(src); free(packed); free(back);
  return 0;
}
