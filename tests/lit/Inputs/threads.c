/* The same model built serial (serial_*) and with --threads (par_*): both
   run on one input and must agree, also when two threads of the program run
   par_infer_ws at once on their own workspaces (reentrant). With -DOWN_HOOK
   the program defines par_parallel_for itself (a serial "pool" that counts
   its calls), which replaces the library's weak pthreads default. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "par.h"
#include "serial.h"

#ifdef OWN_HOOK
static int calls, tasks;
void par_parallel_for(int64_t count, void (*task)(void *context, int64_t index), void *context) {
  ++calls;
  for (int64_t i = count - 1; i >= 0; --i) { /* any order must do */
    task(context, i);
    ++tasks;
  }
}
#endif

static float x[SERIAL_INPUT0_ELEMENTS], want[SERIAL_OUTPUT0_ELEMENTS];

/* 20 runs of par_infer_ws on the caller's own workspace: 1 if all agree. */
static void *runs_agree(void *arg) {
  enum { SIZE = (PAR_WORKSPACE_BYTES / PAR_WORKSPACE_ALIGNMENT + 1) * PAR_WORKSPACE_ALIGNMENT };
  static _Alignas(PAR_WORKSPACE_ALIGNMENT) unsigned char workspaces[2][SIZE];
  unsigned char *ws = workspaces[*(int *)arg];
  float y[PAR_OUTPUT0_ELEMENTS];
  for (int r = 0; r < 20; ++r)
    if (par_infer_ws(ws, x, y) != PAR_STATUS_OK || memcmp(y, want, sizeof y) != 0)
      return NULL;
  return arg;
}

int main(void) {
  static float got[PAR_OUTPUT0_ELEMENTS];
  for (int i = 0; i < SERIAL_INPUT0_ELEMENTS; ++i)
    x[i] = (float)((i * 37) % 19) / 9.0f - 1.0f;
  if (serial_infer(x, want) != SERIAL_STATUS_OK || par_infer(x, got) != PAR_STATUS_OK)
    return 1;
  double worst = 0;
  for (int i = 0; i < SERIAL_OUTPUT0_ELEMENTS; ++i) {
    double d = fabs((double)got[i] - want[i]) / (1.0 + fabs((double)want[i]));
    worst = d > worst ? d : worst;
  }
  printf("threads %d, %d outputs, %s\n", PAR_THREADS, SERIAL_OUTPUT0_ELEMENTS,
         worst <= 1e-5 ? "agree" : "DIFFER");
#ifdef OWN_HOOK
  printf("own hook: %d calls, %d tasks\n", calls, tasks);
#endif
  /* From here on the reference is par_infer's own output, bit for bit. */
  memcpy(want, got, sizeof want);
  int ids[2] = {0, 1};
  pthread_t other;
  if (pthread_create(&other, NULL, runs_agree, &ids[1]) != 0)
    return 1;
  void *mine = runs_agree(&ids[0]), *theirs = NULL;
  pthread_join(other, &theirs);
  printf("two callers at once: %s\n", mine && theirs ? "agree" : "DIFFER");
  return 0;
}
