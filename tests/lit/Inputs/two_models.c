/* Links two generated models into one program (tests/lit/onnxc/two-models.test). */
#include "adder.h"
#include "relu.h"

#include <stdio.h>

int main(void) {
  const float x[6] = {-1, 0, 0.5f, 1, -2, 2};
  float y[6];
  const float a[4] = {1, 2, 3, 4}, b[4] = {10, 20, 30, 40};
  float c[4];
  static _Alignas(64) unsigned char workspace[RELU_WORKSPACE_BYTES + 65];

  if (relu_infer(x, y) || adder_infer(a, b, c))
    return 1;
  printf("relu:");
  for (int i = 0; i < 6; ++i)
    printf(" %g", y[i]);
  printf("\nadder:");
  for (int i = 0; i < 4; ++i)
    printf(" %g", c[i]);
  int status = relu_infer(NULL, y);
  printf("\nnull argument: %d (%s)\n", status, relu_status_string(status));
  status = relu_infer_ws(workspace + 1, x, y);
  printf("misaligned workspace: %d (%s)\n", status, relu_status_string(status));
  return 0;
}
