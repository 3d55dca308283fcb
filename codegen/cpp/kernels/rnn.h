// rnn.h - LSTM, GRU and RNN over a sequence (ONNX semantics, both layouts).
//
// Each batch row runs on its own: the state lives in the Y_h (and Y_c)
// outputs, the gate pre-activations of one step in a scratch vector the node
// function keeps on its stack (gates * hidden values, a few more for GRU).
// The matrix-vector products reuse gemm.h's matmul_accumulate.
#pragma once
#include "gemm.h"
#include "scalar_math.h"

namespace onnxc_kernels {

// In the order of compiler/dialect/Recurrent.cpp's recurrentActivationNames().
enum RnnActivationKind {
  RNN_RELU, RNN_TANH, RNN_SIGMOID, RNN_AFFINE, RNN_LEAKY_RELU, RNN_THRESHOLDED_RELU,
  RNN_SCALED_TANH, RNN_HARD_SIGMOID, RNN_ELU, RNN_SOFTSIGN, RNN_SOFTPLUS
};

struct RnnActivation {
  RnnActivationKind kind;
  float alpha, beta;
};

template <typename T> inline T rnn_activate(const RnnActivation &f, T x) {
  const T a = T(f.alpha), b = T(f.beta);
  switch (f.kind) {
  case RNN_RELU: return x > T(0) ? x : T(0);
  case RNN_TANH: return m_tanh(x);
  case RNN_SIGMOID: return m_sigmoid(x);
  case RNN_AFFINE: return a * x + b;
  case RNN_LEAKY_RELU: return x >= T(0) ? x : a * x;
  case RNN_THRESHOLDED_RELU: return x > a ? x : T(0);
  case RNN_SCALED_TANH: return a * m_tanh(b * x);
  case RNN_HARD_SIGMOID: return m_hard_sigmoid(x, a, b);
  case RNN_ELU: return x >= T(0) ? x : a * (m_exp(x) - T(1));
  case RNN_SOFTSIGN: return x / (T(1) + m_abs(x));
  case RNN_SOFTPLUS: return m_softplus(x);
  }
  return x;
}

/// Sizes and layout. batch_major is ONNX's layout = 1: X [batch, seq, input],
/// Y [batch, seq, dirs, hidden], states [batch, dirs, hidden]; otherwise
/// X [seq, batch, input], Y [seq, dirs, batch, hidden], states [dirs, batch,
/// hidden].
struct RnnShape {
  int64_t seq, batch, input, hidden, dirs;
  bool batch_major, reverse; // reverse: direction = "reverse" (dirs == 1)
  float clip;                // <= 0: no clipping
};

inline int64_t rnn_x_at(const RnnShape &s, int64_t t, int64_t b) {
  return (s.batch_major ? b * s.seq + t : t * s.batch + b) * s.input;
}
inline int64_t rnn_y_at(const RnnShape &s, int64_t t, int64_t d, int64_t b) {
  return (s.batch_major ? (b * s.seq + t) * s.dirs + d : (t * s.dirs + d) * s.batch + b) *
         s.hidden;
}
inline int64_t rnn_state_at(const RnnShape &s, int64_t d, int64_t b) {
  return (s.batch_major ? b * s.dirs + d : d * s.batch + b) * s.hidden;
}

template <typename T> inline T rnn_clip(const RnnShape &s, T x) {
  return s.clip > 0 ? m_clip(x, T(-s.clip), T(s.clip)) : x;
}

/// gates[n] = wb[n] + rb[n] (each 0 when null) + W x + R h, where W is
/// [n, input] and R [n, hidden] (rows of gates, row-major).
template <typename T>
inline void rnn_gates(const RnnShape &s, int64_t n, const T *w, const T *r, const T *wb,
                      const T *rb, const T *x, const T *h, T *gates) {
  for (int64_t j = 0; j < n; ++j)
    gates[j] = (wb ? wb[j] : T(0)) + (rb ? rb[j] : T(0));
  matmul_accumulate(x, MatrixStrides{0, 1}, w, MatrixStrides{1, s.input}, gates, 1, n, s.input,
                    T(1));
  matmul_accumulate(h, MatrixStrides{0, 1}, r, MatrixStrides{1, s.hidden}, gates, 1, n,
                    s.hidden, T(1));
}

/// Runs `step(d, x_t, h, c)` over the sequence of every direction and batch
/// row, with h (and c, when the op has a cell state) initialised from init_h
/// (init_c) or zero and kept in y_h (y_c). Steps past sequence_lens[b] are
/// skipped and their Y rows zeroed, as ONNX Runtime does; the reverse
/// direction starts at the row's last valid step.
template <typename T, typename Step>
inline void rnn_sequence(const RnnShape &s, const T *x, const int32_t *seq_lens,
                         const T *init_h, const T *init_c, T *y, T *y_h, T *y_c, Step step) {
  for (int64_t d = 0; d < s.dirs; ++d) {
    const bool reverse = s.dirs == 2 ? d == 1 : s.reverse;
    for (int64_t b = 0; b < s.batch; ++b) {
      const int64_t at = rnn_state_at(s, d, b);
      T *h = y_h + at;
      T *c = y_c ? y_c + at : nullptr;
      for (int64_t j = 0; j < s.hidden; ++j) {
        h[j] = init_h ? init_h[at + j] : T(0);
        if (c)
          c[j] = init_c ? init_c[at + j] : T(0);
      }
      int64_t len = seq_lens ? min_of<int64_t>(max_of<int64_t>(seq_lens[b], 0), s.seq) : s.seq;
      for (int64_t i = 0; i < len; ++i) {
        const int64_t t = reverse ? len - 1 - i : i;
        step(d, x + rnn_x_at(s, t, b), h, c);
        memcpy(y + rnn_y_at(s, t, d, b), h, s.hidden * sizeof(T));
      }
      for (int64_t t = len; t < s.seq; ++t)
        memset(y + rnn_y_at(s, t, d, b), 0, s.hidden * sizeof(T));
    }
  }
}

/// ONNX LSTM, gates in the order i, o, f, c. `f` holds 3 activations (f, g,
/// h) per direction; scratch holds 4 * hidden values.
template <typename T>
inline void lstm(const RnnShape &s, const T *x, const T *w, const T *r, const T *bias,
                 const int32_t *seq_lens, const T *init_h, const T *init_c, const T *peephole,
                 const RnnActivation *f, bool input_forget, T *y, T *y_h, T *y_c, T *scratch) {
  const int64_t H = s.hidden;
  rnn_sequence(s, x, seq_lens, init_h, init_c, y, y_h, y_c, [&](int64_t d, const T *xt, T *h, T *c) {
    const T *wb = bias ? bias + d * 8 * H : nullptr, *rb = wb ? wb + 4 * H : nullptr;
    rnn_gates(s, 4 * H, w + d * 4 * H * s.input, r + d * 4 * H * H, wb, rb, xt, h, scratch);
    const RnnActivation *act = f + 3 * d;
    const T *p = peephole ? peephole + d * 3 * H : nullptr;
    for (int64_t j = 0; j < H; ++j) {
      T gi = scratch[j], go = scratch[H + j], gf = scratch[2 * H + j], gc = scratch[3 * H + j];
      if (p) {
        gi += p[j] * c[j];
        gf += p[2 * H + j] * c[j];
      }
      const T it = rnn_activate(act[0], rnn_clip(s, gi));
      const T ft = input_forget ? T(1) - it : rnn_activate(act[0], rnn_clip(s, gf));
      const T ct = rnn_activate(act[1], rnn_clip(s, gc));
      c[j] = ft * c[j] + it * ct;
      if (p)
        go += p[H + j] * c[j];
      const T ot = rnn_activate(act[0], rnn_clip(s, go));
      h[j] = ot * rnn_activate(act[2], c[j]);
    }
  });
}

/// ONNX GRU, gates in the order z, r, h. `f` holds 2 activations (f, g) per
/// direction; scratch holds 5 * hidden values.
template <typename T>
inline void gru(const RnnShape &s, const T *x, const T *w, const T *r, const T *bias,
                const int32_t *seq_lens, const T *init_h, const RnnActivation *f,
                bool linear_before_reset, T *y, T *y_h, T *scratch) {
  const int64_t H = s.hidden;
  T *zr = scratch, *hh = scratch + 2 * H, *tmp = scratch + 3 * H, *rh = scratch + 4 * H;
  rnn_sequence(s, x, seq_lens, init_h, static_cast<const T *>(nullptr), y, y_h,
               static_cast<T *>(nullptr), [&](int64_t d, const T *xt, T *h, T *) {
    const T *wd = w + d * 3 * H * s.input, *rd = r + d * 3 * H * H;
    const T *wb = bias ? bias + d * 6 * H : nullptr, *rb = wb ? wb + 3 * H : nullptr;
    const RnnActivation *act = f + 2 * d;
    rnn_gates(s, 2 * H, wd, rd, wb, rb, xt, h, zr); // z and r
    for (int64_t j = 0; j < 2 * H; ++j)
      zr[j] = rnn_activate(act[0], rnn_clip(s, zr[j]));
    // h~ = g(Wh x + Wbh + [r * (Rh h + Rbh)] or [Rh (r * h) + Rbh]).
    for (int64_t j = 0; j < H; ++j) {
      hh[j] = wb ? wb[2 * H + j] : T(0);
      rh[j] = rb ? rb[2 * H + j] : T(0);
      tmp[j] = linear_before_reset ? h[j] : zr[H + j] * h[j];
    }
    matmul_accumulate(xt, MatrixStrides{0, 1}, wd + 2 * H * s.input, MatrixStrides{1, s.input},
                      hh, 1, H, s.input, T(1));
    matmul_accumulate(tmp, MatrixStrides{0, 1}, rd + 2 * H * H, MatrixStrides{1, H}, rh, 1, H, H,
                      T(1));
    for (int64_t j = 0; j < H; ++j) {
      const T pre = hh[j] + (linear_before_reset ? zr[H + j] * rh[j] : rh[j]);
      const T ht = rnn_activate(act[1], rnn_clip(s, pre));
      h[j] = (T(1) - zr[j]) * ht + zr[j] * h[j];
    }
  });
}

/// ONNX RNN: h = f(W x + R h + Wb + Rb). `f` holds 1 activation per
/// direction; scratch holds hidden values.
template <typename T>
inline void rnn(const RnnShape &s, const T *x, const T *w, const T *r, const T *bias,
                const int32_t *seq_lens, const T *init_h, const RnnActivation *f, T *y, T *y_h,
                T *scratch) {
  const int64_t H = s.hidden;
  rnn_sequence(s, x, seq_lens, init_h, static_cast<const T *>(nullptr), y, y_h,
               static_cast<T *>(nullptr), [&](int64_t d, const T *xt, T *h, T *) {
    const T *wb = bias ? bias + d * 2 * H : nullptr, *rb = wb ? wb + H : nullptr;
    rnn_gates(s, H, w + d * H * s.input, r + d * H * H, wb, rb, xt, h, scratch);
    for (int64_t j = 0; j < H; ++j)
      h[j] = rnn_activate(f[d], rnn_clip(s, scratch[j]));
  });
}

} // namespace onnxc_kernels
