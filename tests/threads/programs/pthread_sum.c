/* 8 pthreads sum 1..N into one shared total, one addition at a time under a
 * mutex; each announces that it is done through a condition variable, which
 * main waits on before it joins them. Exits 0 and prints the sum when it is
 * N(N+1)/2, exits 1 otherwise. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define THREADS 8
#define PER_THREAD 20000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t finished = PTHREAD_COND_INITIALIZER;
static int64_t total;
static int done;

static void* work(void* arg) {
  int64_t first = (int64_t)(intptr_t)arg * PER_THREAD + 1;
  for (int64_t v = first; v < first + PER_THREAD; ++v) {
    pthread_mutex_lock(&lock);
    total += v;
    pthread_mutex_unlock(&lock);
  }
  pthread_mutex_lock(&lock);
  ++done;
  pthread_cond_signal(&finished);
  pthread_mutex_unlock(&lock);
  return NULL;
}

int main(void) {
  pthread_t threads[THREADS];
  for (int i = 0; i < THREADS; ++i) {
    if (pthread_create(&threads[i], NULL, work, (void*)(intptr_t)i) != 0) {
      printf("pthread_create failed\n");
      return 1;
    }
  }
  pthread_mutex_lock(&lock);
  while (done < THREADS) pthread_cond_wait(&finished, &lock);
  pthread_mutex_unlock(&lock);
  for (int i = 0; i < THREADS; ++i) pthread_join(threads[i], NULL);

  const int64_t n = (int64_t)THREADS * PER_THREAD;
  const int64_t expected = n * (n + 1) / 2;
  printf("sum = %lld (expected %lld)\n", (long long)total, (long long)expected);
  return total == expected ? 0 : 1;
}
