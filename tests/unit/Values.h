//===- Values.h - deterministic test inputs for the kernel tests -*- C++ -*-===//
#ifndef ONNXC_TESTS_UNIT_VALUES_H
#define ONNXC_TESTS_UNIT_VALUES_H

#include <cstdint>
#include <vector>

/// Deterministic values in [-1, 1) from a small linear congruential generator.
inline std::vector<float> values(int64_t n, uint32_t seed) {
  std::vector<float> v(n);
  for (auto &x : v) {
    seed = seed * 1664525u + 1013904223u;
    x = float(seed >> 8) / float(1u << 23) - 1.0f;
  }
  return v;
}

#endif
