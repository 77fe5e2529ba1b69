/* A thread traps (unreachable) while main waits in pthread_join for another
 * thread that loops calling sched_yield: the whole program must end as a
 * trap does, no thread left behind. */
#include <pthread.h>
#include <sched.h>
#include <stdio.h>

static volatile int forever = 1;

static void* spinning(void* arg) {
  (void)arg;
  while (forever) sched_yield();
  return NULL;
}

static void* trapping(void* arg) {
  (void)arg;
  printf("trapping\n");
  fflush(stdout);
  __builtin_trap();
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, spinning, NULL);
  pthread_create(&b, NULL, trapping, NULL);
  pthread_join(a, NULL);  /* never returns */
  printf("unreachable\n");
  return 0;
}
