/* One thread sleeps 2 s (poll_oneoff) while main prints: main's output must
 * not wait for the sleep (a WASI call that blocks lets the others run).
 * Exits 0 when the print took less than 1 s, 1 otherwise. */
#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static void* sleeper(void* arg) {
  (void)arg;
  sleep(2);
  return NULL;
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, sleeper, NULL);
  usleep(200000); /* the other thread is asleep by now */
  double before = now();
  printf("printing while the other thread sleeps\n");
  fflush(stdout);
  double took = now() - before;
  pthread_join(t, NULL);
  printf("print took %s\n", took < 1.0 ? "less than 1 s" : "1 s or more");
  return took < 1.0 ? 0 : 1;
}
