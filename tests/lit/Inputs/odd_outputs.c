/* Runs odd_outputs.onnx (tests/lit/onnxc/odd-outputs.test): every output
   buffer starts as NaN so that an output left unwritten shows. */
#include "odd.h"

#include <math.h>
#include <stdio.h>

int main(void) {
  const float x[2] = {-1, 3};
  float c[2] = {NAN, NAN}, xo[2] = {NAN, NAN}, r[2] = {NAN, NAN}, r2[2] = {NAN, NAN};
  int status = odd_infer(x, c, xo, r, r2);
  printf("status %d\nc: %g %g\nx: %g %g\nr: %g %g\nr again: %g %g\n", status, c[0], c[1], xo[0],
         xo[1], r[0], r[1], r2[0], r2[1]);
  return 0;
}
