/* Runs reduce_axes.onnx (tests/lit/onnxc/reduce-runtime-axes.test) with axes
   that give the compiled output shape and with axes that do not. */
#include "ra.h"

#include <stdio.h>

static void run(int64_t axis) {
  const float x[6] = {1, 2, 3, 4, 5, 6};
  float y[2] = {-1, -1};
  int status = ra_infer(x, &axis, y);
  printf("axis %lld: status %d (%s) y: %g %g\n", (long long)axis, status,
         ra_status_string(status), y[0], y[1]);
}

int main(void) {
  run(1);
  run(-1);
  run(0); /* would give [1, 3] */
  run(2); /* out of range */
  return 0;
}
