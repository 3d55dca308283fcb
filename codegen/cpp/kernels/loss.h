// loss.h - NegativeLogLikelihoodLoss and SoftmaxCrossEntropyLoss.
//
// Inputs are viewed as [outer = N, classes = C, inner = d1 * ... * dk] and
// targets as [outer, inner]. A target equal to ignore_index (or outside
// [0, C), which ONNX leaves undefined) contributes neither loss nor weight.
#pragma once
#include "common.h"
#include "scalar_math.h"

namespace onnxc_kernels {

enum LossReduction { kLossNone, kLossSum, kLossMean };

/// Stores -log_prob(n, t, d) * weight[t] per position (reduction none), or
/// their sum, or their sum divided by the sum of the weights used (mean).
/// `weight` may be null (all ones).
template <typename T, typename I, typename LogProb>
inline void nll_reduce(const I *target, const T *weight, T *y, int64_t outer, int64_t classes,
                       int64_t inner, bool has_ignore, int64_t ignore_index,
                       LossReduction reduction, LogProb log_prob) {
  double total = 0, weights = 0;
  for (int64_t n = 0; n < outer; ++n)
    for (int64_t d = 0; d < inner; ++d) {
      const int64_t t = int64_t(target[n * inner + d]);
      T loss = T(0);
      if (!(has_ignore && t == ignore_index) && t >= 0 && t < classes) {
        const T w = weight ? weight[t] : T(1);
        loss = -log_prob(n, t, d) * w;
        weights += w;
      }
      if (reduction == kLossNone)
        y[n * inner + d] = loss;
      else
        total += loss;
    }
  if (reduction == kLossSum)
    y[0] = T(total);
  else if (reduction == kLossMean)
    y[0] = T(total / weights);
}

/// NegativeLogLikelihoodLoss: x holds the log-probabilities.
template <typename T, typename I>
inline void nll_loss(const T *x, const I *target, const T *weight, T *y, int64_t outer,
                     int64_t classes, int64_t inner, bool has_ignore, int64_t ignore_index,
                     LossReduction reduction) {
  nll_reduce(target, weight, y, outer, classes, inner, has_ignore, ignore_index, reduction,
             [&](int64_t n, int64_t t, int64_t d) { return x[(n * classes + t) * inner + d]; });
}

/// SoftmaxCrossEntropyLoss: log_softmax(x) along the class axis, computed
/// only where a target picks it (log-sum-exp per position, max subtracted).
template <typename T, typename I>
inline void softmax_cross_entropy(const T *x, const I *target, const T *weight, T *y,
                                  int64_t outer, int64_t classes, int64_t inner, bool has_ignore,
                                  int64_t ignore_index, LossReduction reduction) {
  nll_reduce(target, weight, y, outer, classes, inner, has_ignore, ignore_index, reduction,
             [&](int64_t n, int64_t t, int64_t d) {
               const T *xp = x + n * classes * inner + d;
               T mx = xp[0];
               for (int64_t c = 1; c < classes; ++c)
                 mx = max_of(mx, xp[c * inner]);
               T sum = T(0);
               for (int64_t c = 0; c < classes; ++c)
                 sum += m_exp(xp[c * inner] - mx);
               return xp[t * inner] - mx - m_log(sum);
             });
}

} // namespace onnxc_kernels
