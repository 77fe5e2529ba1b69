/* A thread calls exit(7) while main waits for a condition that never comes
 * and another thread waits in pthread_join on main's behalf: the whole
 * program must end with status 7, no thread left behind. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t never = PTHREAD_COND_INITIALIZER;

static void* blocked(void* arg) {
  (void)arg;
  pthread_mutex_lock(&lock);
  for (;;) pthread_cond_wait(&never, &lock);
  return NULL;
}

static void* exiting(void* arg) {
  (void)arg;
  printf("exiting with 7\n");
  fflush(stdout);
  exit(7);
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, blocked, NULL);
  pthread_create(&b, NULL, exiting, NULL);
  pthread_join(a, NULL);  /* never returns */
  printf("unreachable\n");
  return 0;
}
