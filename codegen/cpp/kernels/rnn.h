// rnn.h - LSTM, GRU and RNN over a sequence (ONNX semantics, both layouts).
//
// Each direction and batch row runs on its own, its state kept in the Y_h
// (and Y_c) outputs. The input projections W x + biases of a chunk of steps
// are one GEMM before the recurrence; each step then adds R h into them and
// applies the activations as whole-vector passes that vectorise. Where the
// target has a large stack (GemmShape::pack_a), the node's scratch also
// holds R transposed, so R h reads rows of R^T contiguously (a broadcast FMA
// per hidden value) instead of one dot product per gate row.
#pragma once
#include "fast_math.h"
#include "gemm.h"

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

/// An activation kind as a type, for the generic lambda of rnn_activate.
template <RnnActivationKind K> struct RnnKind {
  static constexpr RnnActivationKind value = K;
};

/// Activation K of ONNX's recurrent ops at x.
template <RnnActivationKind K, typename T> inline T rnn_apply(T x, T a, T b) {
  if constexpr (K == RNN_RELU)
    return x > T(0) ? x : T(0);
  else if constexpr (K == RNN_TANH)
    return fast_tanh(x);
  else if constexpr (K == RNN_SIGMOID)
    return fast_sigmoid(x);
  else if constexpr (K == RNN_AFFINE)
    return a * x + b;
  else if constexpr (K == RNN_LEAKY_RELU)
    return x >= T(0) ? x : a * x;
  else if constexpr (K == RNN_THRESHOLDED_RELU)
    return x > a ? x : T(0);
  else if constexpr (K == RNN_SCALED_TANH)
    return a * fast_tanh(b * x);
  else if constexpr (K == RNN_HARD_SIGMOID)
    return m_hard_sigmoid(x, a, b);
  else if constexpr (K == RNN_ELU)
    return x >= T(0) ? x : a * (fast_exp(x) - T(1));
  else if constexpr (K == RNN_SOFTSIGN)
    return x / (T(1) + m_abs(x));
  else
    return m_softplus(x);
}

/// x[0 .. n) = f(x), after clipping to [-clip, clip] when clip > 0: one
/// switch, then a loop per kind that the compiler vectorises.
template <typename T>
inline void rnn_activate(const RnnActivation &f, T clip, T *x, int64_t n) {
  if (clip > T(0))
    for (int64_t i = 0; i < n; ++i)
      x[i] = m_clip(x[i], -clip, clip);
  const T a = T(f.alpha), b = T(f.beta);
  auto map = [&](auto kind) {
    for (int64_t i = 0; i < n; ++i)
      x[i] = rnn_apply<decltype(kind)::value>(x[i], a, b);
  };
  switch (f.kind) {
#define ONNXC_RNN_KIND(K)                                                                          \
  case K:                                                                                          \
    return map(RnnKind<K>{});
    ONNXC_RNN_KIND(RNN_RELU)
    ONNXC_RNN_KIND(RNN_TANH)
    ONNXC_RNN_KIND(RNN_SIGMOID)
    ONNXC_RNN_KIND(RNN_AFFINE)
    ONNXC_RNN_KIND(RNN_LEAKY_RELU)
    ONNXC_RNN_KIND(RNN_THRESHOLDED_RELU)
    ONNXC_RNN_KIND(RNN_SCALED_TANH)
    ONNXC_RNN_KIND(RNN_HARD_SIGMOID)
    ONNXC_RNN_KIND(RNN_ELU)
    ONNXC_RNN_KIND(RNN_SOFTSIGN)
    ONNXC_RNN_KIND(RNN_SOFTPLUS)
#undef ONNXC_RNN_KIND
  }
}

/// Sizes and layout. batch_major is ONNX's layout = 1: X [batch, seq, input],
/// Y [batch, seq, dirs, hidden], states [batch, dirs, hidden]; otherwise
/// X [seq, batch, input], Y [seq, dirs, batch, hidden], states [dirs, batch,
/// hidden]. w_transposed (r_transposed): W (R) holds each direction's W^T
/// [input, gates * hidden] (R^T [hidden, gates * hidden]), as the compiler
/// stores a constant one (onnxc.w_transposed, onnxc.r_transposed).
struct RnnShape {
  int64_t seq, batch, input, hidden, dirs;
  bool batch_major, reverse; // reverse: direction = "reverse" (dirs == 1)
  float clip;                // <= 0: no clipping
  bool w_transposed, r_transposed;
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

/// Stack bytes a recurrent node may take for R^T and the input projections
/// of many steps, on targets with large stacks (where the GEMM packs on the
/// stack too: together they stay under the 512 KiB a --threads task gets).
constexpr int64_t kRnnStackBytes = 192 * 1024;

/// Elements of a recurrent node's scratch: `extra` of the op's own, one
/// step's gates (n = gates * hidden values) and, where the stack is large,
/// up to kRnnStackBytes for R^T (unless R comes transposed) and the
/// projections of up to `steps` steps.
template <typename T>
inline constexpr int64_t rnn_scratch_size(int64_t n, int64_t hidden, int64_t steps, int64_t extra,
                                          bool r_transposed) {
  const int64_t want = (r_transposed ? 0 : n * hidden) + n * steps;
  const int64_t cap = kRnnStackBytes / int64_t(sizeof(T));
  return extra + n + (GemmShape<T>::pack_a ? (want < cap ? want : cap) : 0);
}

/// What a step gets: the recurrent weights of its direction (`rt`, R^T as
/// [hidden, n], when R came so or it fit in the scratch, else null and `r`
/// [n, hidden]),
/// and the op's own scratch.
template <typename T> struct RnnStepWeights {
  const T *r, *rt;
  T *extra;
};

/// y[0 .. cols) += sum over k < K of h[k] * rt[k * ld + (0 .. cols)]:
/// rows of R^T streamed 8 at a time, each vector of y loaded and stored once
/// per 8 rows. Sweeping all columns per block of rows keeps the reads
/// sequential: a column block swept over every row would read rows a power
/// of two apart (e.g. 4 KiB for 1024 gates), which share cache sets and
/// defeat the prefetcher (measured 4x slower at hidden 256).
template <typename T>
inline void rnn_gemv(const T *h, const T *rt, int64_t ld, int64_t K, int64_t cols, T *y) {
  using L = typename GemmShape<T>::Lanes;
  using V = typename L::V;
  constexpr int W = L::width, KB = 8;
  int64_t k0 = 0;
  for (; k0 + KB <= K; k0 += KB) {
    V hk[KB];
    ONNXC_UNROLL
    for (int u = 0; u < KB; ++u)
      hk[u] = L::splat(h[k0 + u]);
    const T *row = rt + k0 * ld;
    int64_t j = 0;
    for (; j + W <= cols; j += W) {
      V acc = L::load(y + j);
      ONNXC_UNROLL
      for (int u = 0; u < KB; ++u)
        acc = L::fma(hk[u], L::load(row + u * ld + j), acc);
      L::store(y + j, acc);
    }
    for (; j < cols; ++j)
      for (int u = 0; u < KB; ++u)
        y[j] += h[k0 + u] * row[u * ld + j];
  }
  for (; k0 < K; ++k0) {
    const V hk = L::splat(h[k0]);
    const T *row = rt + k0 * ld;
    int64_t j = 0;
    for (; j + W <= cols; j += W)
      L::store(y + j, L::fma(hk, L::load(row + j), L::load(y + j)));
    for (; j < cols; ++j)
      y[j] += h[k0] * row[j];
  }
}

/// gates[0 .. cols) += h R[first .. first + cols)^T, R's rows of gates
/// `first` onward (n gate rows in all).
template <typename T>
inline void rnn_recur(const RnnStepWeights<T> &w, int64_t n, int64_t hidden, int64_t first,
                      int64_t cols, const T *h, T *gates) {
  if (w.rt)
    rnn_gemv(h, w.rt + first, n, hidden, cols, gates);
  else
    matmul_accumulate(h, MatrixStrides{0, 1}, w.r + first * hidden, MatrixStrides{1, hidden},
                      gates, 1, cols, hidden, T(1));
}

/// to[k * rows + j] = from[j * cols + k]: 16 rows of `from` at a time, so each
/// line of `to` is written whole while those rows stay in L1.
template <typename T>
inline void rnn_transpose(const T *from, int64_t rows, int64_t cols, T *to) {
  constexpr int64_t B = 16;
  for (int64_t j0 = 0; j0 < rows; j0 += B) {
    const int64_t m = min_of<int64_t>(B, rows - j0);
    for (int64_t k = 0; k < cols; ++k)
      for (int64_t j = 0; j < m; ++j)
        to[k * rows + j0 + j] = from[(j0 + j) * cols + k];
  }
}

/// Runs `step(d, gates, weights, h, c)` over the sequence of every direction
/// and batch row, gates [n] holding W x_t + the biases (the first `rb_cols`
/// of R's too); h (and c, when the op has a cell state) start from init_h
/// (init_c) or zero and are kept in y_h (y_c). Steps past sequence_lens[b]
/// are skipped and their Y rows zeroed, as ONNX Runtime does; the reverse
/// direction starts at the row's last valid step. `scratch` holds
/// rnn_scratch_size(n, hidden, steps, extra, s.r_transposed) elements.
template <typename T, typename Step>
inline void rnn_sequence(const RnnShape &s, int64_t n, int64_t rb_cols, const T *x, const T *w,
                         const T *r, const T *bias, const int32_t *seq_lens, const T *init_h,
                         const T *init_c, T *y, T *y_h, T *y_c, T *scratch, int64_t scratch_size,
                         int64_t extra, Step step) {
  const int64_t H = s.hidden;
  RnnStepWeights<T> sw{nullptr, nullptr, scratch};
  T *rt = scratch + extra, *free = rt;
  // R^T pays where several steps share it (4 or more); room is left for the
  // projections of 4 steps.
  const bool transpose =
      !s.r_transposed && n * H + 4 * n <= scratch_size - extra && s.seq * s.batch >= 4;
  if (transpose)
    free += n * H;
  const int64_t chunk = min_of<int64_t>(s.seq, (scratch_size - (free - scratch)) / n);
  const int64_t x_step = s.batch_major ? s.input : s.batch * s.input;
  for (int64_t d = 0; d < s.dirs; ++d) {
    const bool reverse = s.dirs == 2 ? d == 1 : s.reverse;
    const T *wd = w + d * n * s.input, *wb = bias ? bias + d * 2 * n : nullptr;
    sw.r = r + d * n * H;
    if (s.r_transposed)
      sw.rt = sw.r;
    if (transpose) {
      rnn_transpose(sw.r, n, H, rt);
      sw.rt = rt;
    }
    for (int64_t b = 0; b < s.batch; ++b) {
      const int64_t at = rnn_state_at(s, d, b);
      T *h = y_h + at;
      T *c = y_c ? y_c + at : nullptr;
      for (int64_t j = 0; j < H; ++j) {
        h[j] = init_h ? init_h[at + j] : T(0);
        if (c)
          c[j] = init_c ? init_c[at + j] : T(0);
      }
      int64_t len = seq_lens ? min_of<int64_t>(max_of<int64_t>(seq_lens[b], 0), s.seq) : s.seq;
      for (int64_t done = 0; done < len; done += chunk) {
        // Steps [t0, t0 + m) of this chunk, in time order.
        const int64_t m = min_of<int64_t>(chunk, len - done);
        const int64_t t0 = reverse ? len - done - m : done;
        for (int64_t i = 0; i < m; ++i)
          for (int64_t j = 0; j < n; ++j)
            free[i * n + j] = (wb ? wb[j] : T(0)) + (wb && j < rb_cols ? wb[n + j] : T(0));
        matmul_accumulate(x + rnn_x_at(s, t0, b), MatrixStrides{x_step, 1}, wd,
                          s.w_transposed ? MatrixStrides{n, 1} : MatrixStrides{1, s.input},
                          free, m, n, s.input, T(1));
        for (int64_t i = 0; i < m; ++i) {
          const int64_t t = reverse ? t0 + m - 1 - i : t0 + i;
          step(d, free + (t - t0) * n, sw, h, c);
          memcpy(y + rnn_y_at(s, t, d, b), h, H * sizeof(T));
        }
      }
      for (int64_t t = len; t < s.seq; ++t)
        memset(y + rnn_y_at(s, t, d, b), 0, H * sizeof(T));
    }
  }
}

/// ONNX LSTM, gates in the order i, o, f, c. `f` holds 3 activations (f, g,
/// h) per direction.
template <typename T>
inline void lstm(const RnnShape &s, const T *x, const T *w, const T *r, const T *bias,
                 const int32_t *seq_lens, const T *init_h, const T *init_c, const T *peephole,
                 const RnnActivation *f, bool input_forget, T *y, T *y_h, T *y_c, T *scratch,
                 int64_t scratch_size) {
  const int64_t H = s.hidden, n = 4 * H;
  const T clip = T(s.clip);
  rnn_sequence(s, n, n, x, w, r, bias, seq_lens, init_h, init_c, y, y_h, y_c, scratch,
               scratch_size, 0, [&](int64_t d, T *g, const RnnStepWeights<T> &sw, T *h, T *c) {
    rnn_recur(sw, n, H, 0, n, h, g);
    T *gi = g, *go = g + H, *gf = g + 2 * H, *gc = g + 3 * H;
    const RnnActivation *act = f + 3 * d;
    const T *p = peephole ? peephole + d * 3 * H : nullptr;
    if (p)
      for (int64_t j = 0; j < H; ++j) {
        gi[j] += p[j] * c[j];
        gf[j] += p[2 * H + j] * c[j];
      }
    rnn_activate(act[0], clip, gi, H);
    if (input_forget)
      for (int64_t j = 0; j < H; ++j)
        gf[j] = T(1) - gi[j];
    else
      rnn_activate(act[0], clip, gf, H);
    rnn_activate(act[1], clip, gc, H);
    for (int64_t j = 0; j < H; ++j)
      c[j] = gf[j] * c[j] + gi[j] * gc[j];
    if (p)
      for (int64_t j = 0; j < H; ++j)
        go[j] += p[H + j] * c[j];
    rnn_activate(act[0], clip, go, H);
    memcpy(gc, c, H * sizeof(T)); // h(c) is not clipped
    rnn_activate(act[2], T(0), gc, H);
    for (int64_t j = 0; j < H; ++j)
      h[j] = go[j] * gc[j];
  });
}

/// ONNX GRU, gates in the order z, r, h. `f` holds 2 activations (f, g) per
/// direction.
template <typename T>
inline void gru(const RnnShape &s, const T *x, const T *w, const T *r, const T *bias,
                const int32_t *seq_lens, const T *init_h, const RnnActivation *f,
                bool linear_before_reset, T *y, T *y_h, T *scratch, int64_t scratch_size) {
  const int64_t H = s.hidden, n = 3 * H;
  const T clip = T(s.clip);
  // Rb of z and r adds like the biases; Rbh stays inside the reset product.
  rnn_sequence(s, n, 2 * H, x, w, r, bias, seq_lens, init_h, static_cast<const T *>(nullptr), y,
               y_h, static_cast<T *>(nullptr), scratch, scratch_size, 2 * H,
               [&](int64_t d, T *g, const RnnStepWeights<T> &sw, T *h, T *) {
    const T *rbh = bias ? bias + d * 2 * n + n + 2 * H : nullptr;
    T *zr = g, *hh = g + 2 * H, *rh = sw.extra, *tmp = sw.extra + H;
    const RnnActivation *act = f + 2 * d;
    rnn_recur(sw, n, H, 0, 2 * H, h, zr);
    rnn_activate(act[0], clip, zr, 2 * H);
    // h~ = g(Wh x + Wbh + [r * (Rh h + Rbh)] or [Rh (r * h) + Rbh]).
    for (int64_t j = 0; j < H; ++j) {
      rh[j] = rbh ? rbh[j] : T(0);
      tmp[j] = linear_before_reset ? h[j] : zr[H + j] * h[j];
    }
    rnn_recur(sw, n, H, 2 * H, H, tmp, rh);
    for (int64_t j = 0; j < H; ++j)
      hh[j] += linear_before_reset ? zr[H + j] * rh[j] : rh[j];
    rnn_activate(act[1], clip, hh, H);
    for (int64_t j = 0; j < H; ++j)
      h[j] = (T(1) - zr[j]) * hh[j] + zr[j] * h[j];
  });
}

/// ONNX RNN: h = f(W x + R h + Wb + Rb). `f` holds 1 activation per
/// direction.
template <typename T>
inline void rnn(const RnnShape &s, const T *x, const T *w, const T *r, const T *bias,
                const int32_t *seq_lens, const T *init_h, const RnnActivation *f, T *y, T *y_h,
                T *scratch, int64_t scratch_size) {
  const int64_t H = s.hidden;
  const T clip = T(s.clip);
  rnn_sequence(s, H, H, x, w, r, bias, seq_lens, init_h, static_cast<const T *>(nullptr), y, y_h,
               static_cast<T *>(nullptr), scratch, scratch_size, 0,
               [&](int64_t d, T *g, const RnnStepWeights<T> &sw, T *h, T *) {
    rnn_recur(sw, H, H, 0, H, h, g);
    rnn_activate(f[d], clip, g, H);
    memcpy(h, g, H * sizeof(T));
  });
}

} // namespace onnxc_kernels
