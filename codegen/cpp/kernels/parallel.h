// parallel.h - the heavy kernels split into tasks for a --threads=N build.
//
// Nothing here changes a kernel: each task calls the serial entry point
// (conv, gemm, matmul, the elementwise maps) on a sub-range of its output
// (output channels or groups, rows, columns, batch items, runs of elements),
// so the tasks write disjoint memory and
// their scratch is each one's own stack. The tasks go to the model's
// NAME_parallel_for hook (runtime_stub/parallel_for_pthreads.cpp is the
// default), which the generated code passes in as Threads.
#pragma once
#include "conv.h"
#include "elementwise.h"
#include "matmul.h"
#include "pool.h"

namespace onnxc_kernels {

/// The hook of a threaded build: runs task(context, i) for every i < count
/// and returns when all are done.
using ParallelFor = void (*)(int64_t count, void (*task)(void *context, int64_t index),
                             void *context);
struct Threads {
  ParallelFor run;
  int count;        ///< --threads: the most tasks one kernel splits into
  int64_t min_work; ///< the fewest multiply-adds worth a task (--task-min-work)
};

/// How many tasks `work` multiply-adds over `units` independent pieces get.
inline int64_t task_count(const Threads &th, int64_t work, int64_t units) {
  return max_of<int64_t>(1, min_of<int64_t>(min_of<int64_t>(th.count, units), work / th.min_work));
}

/// What one multiply-add of a depthwise convolution counts as in task_count:
/// one plane at a time with no GEMM blocking, it runs ~30x slower per
/// multiply-add than a GEMM (MobileNetV2's 480-channel 3x3 depthwise convs
/// on 5x5 planes: 108K multiply-adds, 60 us), so those stayed one task.
constexpr int64_t kDepthwiseWork = 16;

/// [lo, hi) of part `index` of `parts` near-equal parts of [0, total), the
/// boundaries multiples of `align` (a micro-tile's rows) where possible.
inline void part_range(int64_t total, int64_t parts, int64_t index, int64_t align, int64_t &lo,
                       int64_t &hi) {
  const int64_t blocks = (total + align - 1) / align;
  lo = min_of(total, blocks * index / parts * align);
  hi = min_of(total, blocks * (index + 1) / parts * align);
}

/// Runs f(i) for i < count through the hook (inline when there is one task).
template <typename F> inline void run_tasks(const Threads &th, int64_t count, F &f) {
  if (count <= 1) {
    for (int64_t i = 0; i < count; ++i)
      f(i);
    return;
  }
  th.run(count, [](void *context, int64_t i) { (*static_cast<F *>(context))(i); }, &f);
}

/// A window the generated code knows at compile time (its static constexpr
/// `win`), passed as FixedWindow<win>{}: the tasks below run through a
/// function pointer, so a window they reached through their captures would
/// be run-time values there, and the kernels inlined into them would lose
/// the constant taps, strides and sizes they are specialised on as in a
/// serial build (depthwise 3x3 convolutions took 1.5x as long).
template <const auto &W> struct FixedWindow {};

/// The Window itself, from either form.
template <int S> inline const Window<S> &window_of(const Window<S> &win) { return win; }
template <const auto &W> constexpr const auto &window_of(FixedWindow<W>) { return W; }

/// f(n, lo, hi) for each batch item n, its `units` (rows of output, tile
/// rows) split into runs, one per task; `work` is one item's multiply-adds.
template <typename F>
inline void runs_per_item(const Threads &th, int64_t batch, int64_t work, int64_t units, F f) {
  const int64_t tasks = task_count(th, work, units);
  for (int64_t n = 0; n < batch; ++n) {
    auto runs = [&](int64_t t) {
      int64_t lo, hi;
      part_range(units, tasks, t, 1, lo, hi);
      f(n, lo, hi);
    };
    run_tasks(th, tasks, runs);
  }
}

/// conv (conv.h) split by batch items when there are enough to go round,
/// else by groups (grouped and depthwise convolutions), or by output
/// positions or output channels (the columns or rows of the one GEMM) within
/// each item; `addend` (null when absent)
/// is split as y is.
/// `win_arg` is a Window<S> or a FixedWindow.
template <typename T, typename W, typename Win, typename Act = Identity>
inline void conv_threads(const Threads &th, const T *x, W w, const T *bias, T *y,
                         int64_t batch, int64_t channels, int64_t filters, int64_t group,
                         const Win &win_arg, Act act = {}, const T *addend = nullptr) {
  // Read through window_of(win_arg) inside the tasks; `win` outside them.
  const auto &win = window_of(win_arg);
  constexpr int S = sizeof(win.in) / sizeof(win.in[0]);
  const int64_t in_plane = product(win.in), out_plane = product(win.out);
  const int64_t depth = channels / group * product(win.kernel);
  const int64_t item_work = filters * out_plane * depth;
  if (batch >= th.count) {
    const int64_t tasks = task_count(th, batch * item_work, batch);
    auto items = [&](int64_t t) {
      int64_t lo, hi;
      part_range(batch, tasks, t, 1, lo, hi);
      conv(x + lo * channels * in_plane, w, bias, y + lo * filters * out_plane, hi - lo, channels,
           filters, group, window_of(win_arg), act, addend ? addend + lo * filters * out_plane : addend);
    };
    return run_tasks(th, tasks, items);
  }
  // One GEMM with more output positions than filters splits by positions
  // (columns): each task then packs only its part of the im2col matrix,
  // where split by filters (rows) every task would pack all of it.
  constexpr int64_t NR = GemmShape<T>::vectors * GemmShape<T>::Lanes::width;
  const bool by_columns = group == 1 && !conv_is_depthwise<T>(channels, filters) &&
                          out_plane >= filters && out_plane >= 2 * NR;
  // The implicit GEMM (conv_implicit.h) splits by bands of output rows.
  if constexpr (S == 2) {
    const ImplicitBands bands = implicit_bands<T>(channels, filters, win);
    if (by_columns && bands.rows > 0) {
      return runs_per_item(th, batch, item_work, win.out[0], [&](int64_t n, int64_t lo, int64_t hi) {
        conv_implicit_rows(x + n * channels * in_plane, w, bias, y + n * filters * out_plane,
                           addend ? addend + n * filters * out_plane : addend, channels, filters,
                           window_of(win_arg), bands, act, lo, hi);
      });
    }
  }
  // Else a unit is one group (its channels and filters), or one filter when
  // group is 1.
  const int64_t units = group > 1 ? group : filters;
  const bool depthwise = group > 1 && conv_is_depthwise<T>(channels / group, filters / group);
  const int64_t unit_channels = group > 1 ? channels / group : 0, unit_filters = filters / units;
  // Splits at whole slivers: a PrepackedA is read from a sliver's start.
  const int64_t align = group > 1 ? 1 : GemmShape<T>::rows;
  const int64_t tasks =
      by_columns ? task_count(th, item_work, out_plane / NR)
                 : task_count(th, item_work * (depthwise ? kDepthwiseWork : 1),
                              (units + align - 1) / align);
  for (int64_t n = 0; n < batch; ++n) {
    const T *xn = x + n * channels * in_plane;
    T *yn = y + n * filters * out_plane;
    const T *an = addend ? addend + n * filters * out_plane : addend;
    auto columns = [&](int64_t t) {
      int64_t lo, hi;
      part_range(out_plane, tasks, t, NR, lo, hi);
      conv_columns(xn, w, bias, yn, an, filters, depth, window_of(win_arg), lo, hi, act);
    };
    auto range = [&](int64_t t) {
      int64_t lo, hi;
      part_range(units, tasks, t, align, lo, hi);
      conv(xn + lo * unit_channels * in_plane, w + lo * unit_filters * depth,
           bias ? bias + lo * unit_filters : bias, yn + lo * unit_filters * out_plane, int64_t(1),
           group > 1 ? (hi - lo) * unit_channels : channels, (hi - lo) * unit_filters,
           group > 1 ? hi - lo : int64_t(1), window_of(win_arg), act, an ? an + lo * unit_filters * out_plane : an);
    };
    if (by_columns)
      run_tasks(th, tasks, columns);
    else
      run_tasks(th, tasks, range);
  }
}

/// conv_threads for Winograd F(4,3) weights (conv_winograd.h): each batch
/// item's tile rows split into runs, one per task, each with its own stack
/// buffer.
template <typename T, int Rows, typename Win, typename Act = Identity>
inline void conv_threads(const Threads &th, const T *x, WinogradF43<T, Rows> w, const T *bias,
                         T *y, int64_t batch, int64_t channels, int64_t filters, int64_t,
                         const Win &win_arg, Act act = {}, const T *addend = nullptr) {
  const auto &win = window_of(win_arg);
  const int64_t in_plane = product(win.in), out_plane = product(win.out);
  const WinogradTiles tiles = winograd_tiles<T>(channels, filters, win);
  runs_per_item(th, batch, filters * out_plane * channels * 9, tiles.rows,
                [&](int64_t n, int64_t lo, int64_t hi) {
    conv_winograd_rows(x + n * channels * in_plane, w, bias, y + n * filters * out_plane,
                       addend ? addend + n * filters * out_plane : addend, channels, filters,
                       window_of(win_arg), tiles, act, lo, hi);
  });
}

/// conv_threads for W^T prepacked as panels (conv_filter_lanes.h): each
/// batch item's output rows split into runs, one per task.
template <typename T, int Columns, typename Win, typename Act = Identity>
inline void conv_threads(const Threads &th, const T *x, PrepackedB<T, Columns> w, const T *bias,
                         T *y, int64_t batch, int64_t channels, int64_t filters, int64_t,
                         const Win &win_arg, Act act = {}, const T *addend = nullptr) {
  const auto &win = window_of(win_arg);
  const int64_t in_plane = product(win.in), out_plane = product(win.out);
  runs_per_item(th, batch, filters * out_plane * channels * product(win.kernel), win.out[0],
                [&](int64_t n, int64_t lo, int64_t hi) {
    conv_filter_lanes_rows(x + n * channels * in_plane, w, bias, y + n * filters * out_plane,
                           addend ? addend + n * filters * out_plane : addend, channels, filters,
                           window_of(win_arg), act, lo, hi);
  });
}

/// gemm (gemm.h) split by rows of Y, or by columns when Y has few rows;
/// `addend` (null when absent) is split as y is.
template <typename T, typename B, typename Act = Identity>
inline void gemm_threads(const Threads &th, const T *a, MatrixStrides sa, B b,
                         MatrixStrides sb, const T *c, MatrixStrides sc, T *y, int64_t M,
                         int64_t N, int64_t K, T alpha, T beta, Act act = {},
                         const T *addend = nullptr) {
  constexpr int64_t MR = GemmShape<T>::rows;
  if (M >= 2 * MR) {
    const int64_t tasks = task_count(th, M * N * K, (M + MR - 1) / MR);
    auto rows = [&](int64_t t) {
      int64_t lo, hi;
      part_range(M, tasks, t, MR, lo, hi);
      gemm(a + lo * sa.row, sa, b, sb, c ? c + lo * sc.row : c, sc, y + lo * N, hi - lo, N, K,
           alpha, beta, act, addend ? addend + lo * N : addend);
    };
    return run_tasks(th, tasks, rows);
  }
  // Few rows: each task takes a block of columns of every row (one row is
  // contiguous in y, so a column block of it is a 1-row gemm).
  const int64_t tasks = task_count(th, M * N * K, N);
  auto columns = [&](int64_t t) {
    int64_t lo, hi;
    part_range(N, tasks, t, kColumnAlign<B>, lo, hi);
    for (int64_t i = 0; i < M; ++i)
      gemm(a + i * sa.row, sa, columns_from(b, sb, lo, K), sb, c ? c + i * sc.row + lo * sc.col : c, sc,
           y + i * N + lo, int64_t(1), hi - lo, K, alpha, beta, act,
           addend ? addend + i * N + lo : addend);
  };
  run_tasks(th, tasks, columns);
}

/// matmul (matmul.h) split by batch items, else by rows of each product, or
/// by columns when it has few rows.
template <int R, typename T, typename B, typename Act = Identity>
inline void matmul_threads(const Threads &th, const T *a, B b, T *y,
                           const int64_t (&batch)[R], const int64_t (&stride_a)[R],
                           const int64_t (&stride_b)[R], int64_t M, int64_t N, int64_t K,
                           Act act = {}, const T *bias = nullptr) {
  constexpr int64_t MR = GemmShape<T>::rows;
  static constexpr int64_t one[1] = {1}, zero[1] = {0};
  const int64_t items = product(batch);
  // Matrix `i`'s operand offsets (for_each_index's walk, from a flat index).
  auto offsets = [&](int64_t i, int64_t &offset_a, int64_t &offset_b) {
    offset_a = offset_b = 0;
    for (int d = R - 1; d >= 0; --d) {
      offset_a += i % batch[d] * stride_a[d];
      offset_b += i % batch[d] * stride_b[d];
      i /= batch[d];
    }
  };
  int64_t tasks = task_count(th, items * M * N * K, items);
  if (tasks > 1) {
    auto matrices = [&](int64_t t) {
      int64_t lo, hi, oa, ob;
      part_range(items, tasks, t, 1, lo, hi);
      for (int64_t i = lo; i < hi; ++i) {
        offsets(i, oa, ob);
        matmul(a + oa, batch_item(b, ob), y + i * M * N, one, zero, zero, M, N, K, act, bias);
      }
    };
    return run_tasks(th, tasks, matrices);
  }
  for (int64_t i = 0; i < items; ++i) {
    int64_t oa, ob;
    offsets(i, oa, ob);
    const T *ai = a + oa;
    const B bi = batch_item(b, ob);
    T *yi = y + i * M * N;
    if (M >= 2 * MR) {
      tasks = task_count(th, M * N * K, (M + MR - 1) / MR);
      auto rows = [&](int64_t t) {
        int64_t lo, hi;
        part_range(M, tasks, t, MR, lo, hi);
        matmul(ai + lo * K, bi, yi + lo * N, one, zero, zero, hi - lo, N, K, act, bias);
      };
      run_tasks(th, tasks, rows);
      continue;
    }
    tasks = task_count(th, M * N * K, N);
    auto columns = [&](int64_t t) {
      int64_t lo, hi;
      part_range(N, tasks, t, kColumnAlign<B>, lo, hi);
      for (int64_t r = 0; r < M; ++r) {
        T *yr = yi + r * N + lo;
        for (int64_t j = 0; j < hi - lo; ++j)
          yr[j] = bias ? bias[lo + j] : T(0);
        matmul_accumulate(ai + r * K, MatrixStrides{K, 1}, columns_from(bi, {N, 1}, lo, K),
                          MatrixStrides{N, 1}, yr, int64_t(1), hi - lo, K, T(1));
        apply_epilogue(yr, hi - lo, act);
      }
    };
    run_tasks(th, tasks, columns);
  }
}

/// Elementwise maps split into parts of whole runs of `run` elements, each
/// element counted as one unit of work (a map is bound by memory, so only
/// big ones split); parts start on 16-element boundaries where runs allow,
/// so no two tasks write one cache line.
template <typename F>
inline void element_runs_threads(const Threads &th, int64_t n, int64_t run, F map) {
  const int64_t align = run * ((16 + run - 1) / run);
  const int64_t tasks = task_count(th, n, (n + align - 1) / align);
  auto parts = [&](int64_t t) {
    int64_t lo, hi;
    part_range(n, tasks, t, align, lo, hi);
    map(lo, hi - lo);
  };
  run_tasks(th, tasks, parts);
}

template <typename F> inline void elements_threads(const Threads &th, int64_t n, F map) {
  element_runs_threads(th, n, 1, map);
}

template <typename TI, typename TO, typename F>
inline void unary_threads(const Threads &th, const TI *x, TO *y, int64_t n, F f) {
  elements_threads(th, n, [&](int64_t at, int64_t count) { unary(x + at, y + at, count, f); });
}

template <typename TA, typename TB, typename TO, typename F>
inline void binary_same_shape_threads(const Threads &th, const TA *a, const TB *b, TO *out,
                                      int64_t n, F f) {
  elements_threads(th, n, [&](int64_t at, int64_t count) {
    binary_same_shape(a + at, b + at, out + at, count, f);
  });
}

/// A pooling kernel pool(first plane, planes) over `planes` planes, split
/// into tasks of whole planes (each window tap counted as one unit of work).
template <int S, typename F>
inline void planes_threads(const Threads &th, int64_t planes, const Window<S> &win, F pool) {
  const int64_t tasks = task_count(th, planes * product(win.out) * product(win.kernel), planes);
  auto parts = [&](int64_t t) {
    int64_t lo, hi;
    part_range(planes, tasks, t, 1, lo, hi);
    pool(lo, hi - lo);
  };
  run_tasks(th, tasks, parts);
}

/// `win_arg` is a Window or a FixedWindow, as for conv_threads.
template <typename T, typename Win>
inline void max_pool_threads(const Threads &th, const T *x, T *y, int64_t planes,
                             const Win &win_arg) {
  const auto &win = window_of(win_arg);
  const int64_t in_plane = product(win.in), out_plane = product(win.out);
  planes_threads(th, planes, win, [&](int64_t p, int64_t n) {
    max_pool(x + p * in_plane, y + p * out_plane, n, window_of(win_arg));
  });
}

template <typename T, typename Win>
inline void average_pool_threads(const Threads &th, const T *x, T *y, int64_t planes,
                                 const Win &win_arg, bool count_include_pad) {
  const auto &win = window_of(win_arg);
  const int64_t in_plane = product(win.in), out_plane = product(win.out);
  planes_threads(th, planes, win, [&](int64_t p, int64_t n) {
    average_pool(x + p * in_plane, y + p * out_plane, n, window_of(win_arg), count_include_pad);
  });
}

} // namespace onnxc_kernels
