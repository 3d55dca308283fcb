/* The same model built serial (serial_*) and with --threads (par_*): both
   run on one input and must agree. With -DOWN_HOOK the program defines
   par_parallel_for itself (a serial "pool" that counts its calls), which
   replaces the library's weak pthreads default. */
#include <math.h>
#include <stdio.h>

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

int main(void) {
  static float x[SERIAL_INPUT0_ELEMENTS], want[SERIAL_OUTPUT0_ELEMENTS], got[PAR_OUTPUT0_ELEMENTS];
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
  return 0;
}
