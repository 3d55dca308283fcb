// optimizers.h - one step of the ai.onnx.preview.training optimizers over one
// tensor (n elements), with the formulas of the ONNX operator specs. The
// step's scalars (learning rate, update count) are read at run time; the
// per-element math is done in double, as the reference computes it.
#pragma once
#include "common.h"

namespace onnxc_kernels {

template <typename T, typename R>
inline void adagrad_step(const R *r, const int64_t *t, const T *x, const T *g, const T *h, T *x_new,
                  T *h_new, int64_t n, double decay_factor, double epsilon, double norm) {
  double rate = *r / (1.0 + (double)*t * decay_factor);
  for (int64_t i = 0; i < n; ++i) {
    double g_reg = norm * x[i] + g[i];
    double h_next = h[i] + g_reg * g_reg;
    h_new[i] = (T)h_next;
    x_new[i] = (T)(x[i] - rate * g_reg / (sqrt(h_next) + epsilon));
  }
}

template <typename T, typename R>
inline void momentum_step(const R *r, const int64_t *t, const T *x, const T *g, const T *v, T *x_new,
                   T *v_new, int64_t n, double alpha, double beta, double norm, bool nesterov) {
  double beta_t = *t > 0 ? beta : 1.0;
  for (int64_t i = 0; i < n; ++i) {
    double g_reg = norm * x[i] + g[i];
    double v_next = alpha * v[i] + beta_t * g_reg;
    v_new[i] = (T)v_next;
    x_new[i] = (T)(x[i] - *r * (nesterov ? g_reg + alpha * v_next : v_next));
  }
}

template <typename T, typename R>
inline void adam_step(const R *r, const int64_t *t, const T *x, const T *g, const T *v, const T *h,
               T *x_new, T *v_new, T *h_new, int64_t n, double alpha, double beta, double epsilon,
               double norm, double norm_post) {
  double rate = *r;
  if (*t > 0)
    rate = rate * sqrt(1.0 - pow(beta, (double)*t)) / (1.0 - pow(alpha, (double)*t));
  for (int64_t i = 0; i < n; ++i) {
    double g_reg = norm * x[i] + g[i];
    double v_next = alpha * v[i] + (1.0 - alpha) * g_reg;
    double h_next = beta * h[i] + (1.0 - beta) * g_reg * g_reg;
    v_new[i] = (T)v_next;
    h_new[i] = (T)h_next;
    x_new[i] = (T)((1.0 - norm_post) * (x[i] - rate * v_next / (sqrt(h_next) + epsilon)));
  }
}

} // namespace onnxc_kernels
