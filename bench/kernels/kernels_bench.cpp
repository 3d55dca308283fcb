// kernels_bench.cpp - GFLOP/s of the generated code's kernels against the
// machine's FMA peak, measured in the same run.
//
// The kernels are the headers the compiler embeds into every generated model
// (codegen/cpp/kernels), compiled here with the same instruction-set macros a
// model's build would see. Every benchmark reports FLOPS (floating-point
// operations per second; comparisons for pooling) and `peak`, its fraction of
// the rate a pure FMA loop reaches at the widest vector width this binary was
// compiled for.
#if defined(__AVX512F__) || (defined(__AVX2__) && defined(__FMA__))
#include <immintrin.h>
#elif defined(__ARM_NEON) && defined(__aarch64__)
#include <arm_neon.h>
#endif
#include "conv.h"
#include "elementwise.h"
#include "gemm.h"
#include "pool.h"
#include "passes/Passes.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <ctime>
#include <string>
#include <vector>

namespace {

using namespace onnxc_kernels;
using Lanes = GemmShape<float>::Lanes;

const char *lanes_name() {
#if defined(ONNXC_LANES_AVX512)
  return "AVX-512 (16 floats)";
#elif defined(ONNXC_LANES_AVX2)
  return "AVX2+FMA (8 floats)";
#elif defined(ONNXC_LANES_NEON)
  return "NEON (4 floats)";
#else
  return "scalar";
#endif
}

/// Runs `rounds` x kAccumulators independent FMAs per lane: enough
/// accumulators to hide the FMA latency on two pipes, few enough to stay in
/// registers (AVX2 has 16). Returns a value that depends on all of them.
float fma_loop(int64_t rounds) {
  constexpr int kAccumulators = Lanes::width >= 16 ? 16 : 12;
  using V = Lanes::V;
  V acc[kAccumulators];
  for (int i = 0; i < kAccumulators; ++i)
    acc[i] = Lanes::splat(float(i));
  const V m = Lanes::splat(0.999f), c = Lanes::splat(1e-3f);
  // A run-time trip count and no -ffast-math: the compiler must do them all.
  for (int64_t r = 0; r < rounds; ++r)
    for (int i = 0; i < kAccumulators; ++i)
      acc[i] = Lanes::fma(acc[i], m, c);
  float out[Lanes::width], sum = 0;
  for (int i = 0; i < kAccumulators; ++i) {
    Lanes::store(out, acc[i]);
    sum += out[0];
  }
  return sum;
}

constexpr int64_t kFlopsPerRound = 2 * (Lanes::width >= 16 ? 16 : 12) * Lanes::width;

double thread_cpu_seconds() {
  timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return double(t.tv_sec) + 1e-9 * double(t.tv_nsec);
}

/// The best FMA rate (FLOP/s per CPU second, as the benchmarks' counters are)
/// of a few short runs: the machine's peak as far as this core gets it now.
double measure_fma_peak() {
  double best = 0;
  const int64_t rounds = 10000000;
  for (int run = 0; run < 7; ++run) {
    const double t0 = thread_cpu_seconds();
    benchmark::DoNotOptimize(fma_loop(rounds));
    best = std::max(best, double(rounds * kFlopsPerRound) / (thread_cpu_seconds() - t0));
  }
  return best;
}

double g_peak = 1; // FLOP/s, set in main before any benchmark runs

/// FLOPS and peak counters for `flops` operations per iteration.
void report(benchmark::State &state, double flops) {
  state.counters["FLOPS"] =
      benchmark::Counter(flops, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["peak"] =
      benchmark::Counter(flops / g_peak, benchmark::Counter::kIsIterationInvariantRate);
}

std::vector<float> filled(int64_t n, float seed) {
  std::vector<float> v(n);
  for (int64_t i = 0; i < n; ++i)
    v[i] = float((i * 7 + int64_t(seed * 13)) % 17) / 17.0f - 0.5f;
  return v;
}

void BM_fma_peak(benchmark::State &state) {
  int64_t rounds = 1000000;
  for (auto _ : state) {
    benchmark::DoNotOptimize(rounds); // not a constant: not hoisted
    benchmark::DoNotOptimize(fma_loop(rounds));
  }
  report(state, double(rounds * kFlopsPerRound));
}
BENCHMARK(BM_fma_peak)->Unit(benchmark::kMillisecond);

/// y[M, N] = a[M, K] * b, b given as [K, N] (row-major, as a MatMul node) or
/// with `trans_b` as [N, K] (a Gemm's transB: a classifier's or a recurrent
/// op's weights; few rows of it go through gemv.h's dot products).
void run_gemm(benchmark::State &state, bool trans_b) {
  const int64_t M = state.range(0), N = state.range(1), K = state.range(2);
  auto a = filled(M * K, 1), b = filled(K * N, 2);
  std::vector<float> y(M * N);
  const MatrixStrides sb = trans_b ? MatrixStrides{1, K} : MatrixStrides{N, 1};
  for (auto _ : state) {
    std::fill(y.begin(), y.end(), 0.0f);
    matmul_accumulate(a.data(), MatrixStrides{K, 1}, b.data(), sb, y.data(), M, N, K, 1.0f);
    benchmark::DoNotOptimize(y.data());
  }
  report(state, 2.0 * M * N * K);
}
void BM_gemm(benchmark::State &state) { run_gemm(state, false); }
void BM_gemm_transposed_b(benchmark::State &state) { run_gemm(state, true); }

/// a[M, K] in the layout PrepackWeights stores constant weights in: the
/// kernel's own slivers (for_each_row_group, pack_sliver), each over all of K.
std::vector<float> prepacked(const std::vector<float> &a, int64_t M, int64_t K) {
  std::vector<float> to(a.size());
  for_each_row_group<GemmShape<float>::rows>(M, [&](auto n, int64_t i) {
    pack_sliver<decltype(n)::value>(a.data() + i * K, MatrixStrides{K, 1}, K, to.data() + i * K);
  });
  return to;
}
using Prepacked = PrepackedA<float, GemmShape<float>::rows>;

/// BM_gemm with a constant, prepacked at compile time (a Conv's weights).
void BM_gemm_prepacked(benchmark::State &state) {
  const int64_t M = state.range(0), N = state.range(1), K = state.range(2);
  auto a = prepacked(filled(M * K, 1), M, K), b = filled(K * N, 2);
  std::vector<float> y(M * N);
  for (auto _ : state) {
    std::fill(y.begin(), y.end(), 0.0f);
    gemm_blocked(Prepacked{a.data()}, MatrixStrides{K, 1},
                 StridedPanels<float>{b.data(), {N, 1}}, y.data(), N, M, N, K, 1.0f);
    benchmark::DoNotOptimize(y.data());
  }
  report(state, 2.0 * M * N * K);
}
BENCHMARK(BM_gemm_prepacked)
    ->ArgNames({"M", "N", "K"})
    ->Args({256, 256, 256})
    ->Args({512, 512, 512})
    ->Args({1024, 1024, 1024})
    ->Unit(benchmark::kMicrosecond);

BENCHMARK(BM_gemm)
    ->ArgNames({"M", "N", "K"})
    ->Args({64, 64, 64})
    ->Args({128, 128, 128})
    ->Args({256, 256, 256})
    ->Args({512, 512, 512})
    ->Args({1024, 1024, 1024})
    // transformer encoder (32 tokens, d 128, ffn 512) and a wide classifier
    ->Args({32, 384, 128})
    ->Args({32, 512, 128})
    ->Args({32, 128, 512})
    ->Args({1, 1000, 512})
    ->Args({1, 1000, 1280})
    ->Unit(benchmark::kMicrosecond);

BENCHMARK(BM_gemm_transposed_b)
    ->ArgNames({"M", "N", "K"})
    ->Args({1, 128, 1536})  // openWakeWord's alexa head
    ->Args({1, 1000, 1280}) // MobileNetV2's classifier
    ->Args({4, 512, 128})   // an LSTM step of batch 4
    ->Unit(benchmark::kMicrosecond);

/// w[M, K] transposed and stored as the GEMM's panels (a Conv's W^T as
/// PrepackWeights stores it for conv_filter_lanes.h).
constexpr int kColumns = GemmShape<float>::vectors * Lanes::width;
std::vector<float> transposed_panels(const std::vector<float> &w, int64_t M, int64_t K) {
  std::vector<double> wt(w.size()), packed(w.size());
  for (int64_t m = 0; m < M; ++m)
    for (int64_t k = 0; k < K; ++k)
      wt[k * M + m] = w[m * K + k];
  onnxc::packPanels(wt, K, M, kColumns, packed);
  return {packed.begin(), packed.end()};
}

/// How a benchmarked conv's weights are laid out.
enum class Weights { Plain, Prepacked, FilterLanes };

/// Conv of batch 1, channels -> filters, square input, square kernel, pad
/// kernel / 2, `group` groups; weights as `layout` says (the packed ones for
/// one group).
void run_conv(benchmark::State &state, int64_t channels, int64_t filters, int64_t size,
              int64_t kernel, int64_t group, Weights layout = Weights::Plain,
              int64_t stride = 1) {
  const int64_t pad = kernel / 2, depth = channels / group * kernel * kernel;
  const int64_t out = (size + 2 * pad - kernel) / stride + 1;
  const Window<2> win{{size, size}, {out, out}, {kernel, kernel}, {stride, stride},
                      {1, 1},       {pad, pad}, {pad, pad}};
  auto x = filled(channels * size * size, 1);
  auto w = filled(filters * depth, 2), bias = filled(filters, 3);
  if (layout == Weights::Prepacked)
    w = prepacked(w, filters, depth);
  if (layout == Weights::FilterLanes)
    w = transposed_panels(w, filters, depth);
  std::vector<float> y(filters * out * out);
  for (auto _ : state) {
    if (layout == Weights::Prepacked)
      conv(x.data(), Prepacked{w.data()}, bias.data(), y.data(), 1, channels, filters, group, win);
    else if (layout == Weights::FilterLanes)
      conv(x.data(), PrepackedB<float, kColumns>{w.data()}, bias.data(), y.data(), 1, channels,
           filters, group, win);
    else
      conv(x.data(), w.data(), bias.data(), y.data(), 1, channels, filters, group, win);
    benchmark::DoNotOptimize(y.data());
  }
  report(state, 2.0 * filters * (channels / group) * kernel * kernel * out * out);
}

void BM_conv3x3(benchmark::State &state) {
  run_conv(state, state.range(0), state.range(0), state.range(1), 3, 1);
}
BENCHMARK(BM_conv3x3)
    ->ArgNames({"C", "HW"})
    ->Args({16, 56}) // resnet18 at width 16 (bench/compare)
    ->Args({64, 56}) // resnet18 full width
    ->Args({256, 14})
    ->Unit(benchmark::kMicrosecond);

void BM_conv3x3_prepacked(benchmark::State &state) {
  run_conv(state, state.range(0), state.range(0), state.range(1), 3, 1, Weights::Prepacked);
}
BENCHMARK(BM_conv3x3_prepacked)
    ->ArgNames({"C", "HW"})
    ->Args({16, 56})
    ->Args({64, 56})
    ->Args({256, 14})
    ->Unit(benchmark::kMicrosecond);

void BM_conv1x1_prepacked(benchmark::State &state) {
  run_conv(state, state.range(0), state.range(1), state.range(2), 1, 1, Weights::Prepacked);
}
BENCHMARK(BM_conv1x1_prepacked)
    ->ArgNames({"C", "M", "HW"})
    ->Args({16, 96, 40})
    ->Args({64, 256, 56})
    ->Args({256, 64, 56})
    ->Unit(benchmark::kMicrosecond);

void BM_conv1x1(benchmark::State &state) {
  run_conv(state, state.range(0), state.range(1), state.range(2), 1, 1);
}
BENCHMARK(BM_conv1x1)
    ->ArgNames({"C", "M", "HW"})
    ->Args({16, 96, 40}) // mobilenet_v2 x0.5 expansion
    ->Args({64, 256, 56})
    ->Args({256, 64, 56})
    ->Unit(benchmark::kMicrosecond);

/// Strided convs as resnet18 has them (prepacked): the 7x7/2 stem and the
/// 3x3/2 and 1x1/2 downsampling convs, at width 16 (bench/compare) and 64.
void BM_conv_strided(benchmark::State &state) {
  run_conv(state, state.range(0), state.range(1), state.range(2), state.range(3), 1,
           Weights::Prepacked, state.range(4));
}
BENCHMARK(BM_conv_strided)
    ->ArgNames({"C", "M", "HW", "K", "S"})
    ->Args({3, 16, 224, 7, 2})
    ->Args({3, 64, 224, 7, 2})
    ->Args({16, 32, 56, 3, 2})
    ->Args({64, 128, 56, 3, 2})
    ->Args({32, 64, 28, 3, 2})
    ->Args({16, 32, 56, 1, 2})
    ->Args({64, 128, 56, 1, 2})
    ->Unit(benchmark::kMicrosecond);

/// resnet18's convs at width 16 (bench/compare) and MobileNetV2's pointwise
/// ones on small planes, with the GEMM's usual weights (positions in the
/// lanes) and with W^T panels (filters in the lanes: conv_filter_lanes.h).
void conv_layers(benchmark::internal::Benchmark *b) {
  b->ArgNames({"C", "M", "HW", "K", "S"});
  for (auto args : std::vector<std::vector<int64_t>>{{3, 16, 224, 7, 2},
                                                      {16, 16, 56, 3, 1},
                                                      {16, 32, 56, 3, 2},
                                                      {32, 32, 28, 3, 1},
                                                      {64, 64, 14, 3, 1},
                                                      {64, 128, 14, 3, 2},
                                                      {128, 128, 7, 3, 1},
                                                      {96, 24, 56, 1, 1},
                                                      {192, 64, 10, 1, 1},
                                                      {960, 160, 5, 1, 1},
                                                      {160, 960, 5, 1, 1}})
    b->Args(args);
  b->Unit(benchmark::kMicrosecond);
}
void BM_conv_layer(benchmark::State &state, Weights layout) {
  run_conv(state, state.range(0), state.range(1), state.range(2), state.range(3), 1, layout,
           state.range(4));
}
BENCHMARK_CAPTURE(BM_conv_layer, prepacked, Weights::Prepacked)->Apply(conv_layers);
BENCHMARK_CAPTURE(BM_conv_layer, filter_lanes, Weights::FilterLanes)->Apply(conv_layers);

void BM_depthwise3x3(benchmark::State &state) {
  run_conv(state, state.range(0), state.range(0), state.range(1), 3, state.range(0));
}
BENCHMARK(BM_depthwise3x3)
    ->ArgNames({"C", "HW"})
    ->Args({96, 40})
    ->Args({144, 56})
    ->Unit(benchmark::kMicrosecond);

/// MaxPool 3x3, stride 2, pad 1 (resnet's stem): one comparison per tap.
void BM_maxpool3x3s2(benchmark::State &state) {
  const int64_t channels = state.range(0), in = state.range(1), out = (in - 1) / 2 + 1;
  const Window<2> win{{in, in}, {out, out}, {3, 3}, {2, 2}, {1, 1}, {1, 1}, {1, 1}};
  auto x = filled(channels * in * in, 1);
  std::vector<float> y(channels * out * out);
  for (auto _ : state) {
    max_pool(x.data(), y.data(), channels, win);
    benchmark::DoNotOptimize(y.data());
  }
  report(state, 9.0 * channels * out * out);
}
BENCHMARK(BM_maxpool3x3s2)->ArgNames({"C", "HW"})->Args({64, 112})->Unit(benchmark::kMicrosecond);

/// Add of two same-shape tensors: memory bound, one FLOP per 12 bytes.
void BM_add(benchmark::State &state) {
  const int64_t n = state.range(0);
  auto a = filled(n, 1), b = filled(n, 2);
  std::vector<float> y(n);
  for (auto _ : state) {
    binary_same_shape(a.data(), b.data(), y.data(), n, [](float u, float v) { return u + v; });
    benchmark::DoNotOptimize(y.data());
  }
  report(state, double(n));
  state.SetBytesProcessed(state.iterations() * n * 3 * int64_t(sizeof(float)));
}
BENCHMARK(BM_add)->ArgNames({"n"})->Arg(1 << 14)->Arg(1 << 20)->Unit(benchmark::kMicrosecond);

} // namespace

int main(int argc, char **argv) {
  benchmark::Initialize(&argc, argv);
  g_peak = measure_fma_peak();
  benchmark::AddCustomContext("lanes", lanes_name());
  benchmark::AddCustomContext("fma_peak_gflops", std::to_string(g_peak / 1e9));
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
