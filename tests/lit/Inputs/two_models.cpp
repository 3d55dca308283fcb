// The same two models from C++, through their namespaces
// (tests/lit/onnxc/two-models.test).
#include "adder.h"
#include "relu.h"

#include <cstdio>

int main() {
  const float x[6] = {-1, 0, 0.5f, 1, -2, 2};
  float y[6];
  const float a[4] = {1, 2, 3, 4}, b[4] = {10, 20, 30, 40};
  float c[4];
  static_assert(relu::workspace_bytes == RELU_WORKSPACE_BYTES, "workspace size");
  if (relu::infer(x, y) != 0 || adder::infer(a, b, c) != 0)
    return 1;
  std::printf("c++ relu: %g %g %g %g %g %g\n", y[0], y[1], y[2], y[3], y[4], y[5]);
  std::printf("c++ adder: %g %g %g %g\n", c[0], c[1], c[2], c[3]);
  std::printf("c++ null argument: %s\n", adder::status_string(adder::infer(nullptr, b, c)));
  return 0;
}
