//===- RecurrentKernelTest.cpp - rnn.h's chunking and R^T paths agree -----===//
//
// rnn.h picks its path from the scratch it is given: one step at a time with
// R read row by row (small stacks), the input projections of a few steps per
// GEMM, or all of them with R transposed (large stacks). Every path must
// give the same sequence: each op runs bidirectionally with sequence_lens
// (a short row, an empty one) in both layouts at each scratch size, against
// the largest scratch's result (which tests/models checks against ONNX
// Runtime), and with W and R given transposed as the compiler stores
// constant ones. Compiled with -march=native like generated x86-64 code.
//
//===----------------------------------------------------------------------===//
#include "tests/unit/SimdIntrinsics.h"
#include "codegen/cpp/kernels/rnn.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using namespace onnxc_kernels;

namespace {

constexpr int64_t kSeq = 7, kBatch = 3, kInput = 5, kHidden = 8, kDirs = 2;

std::vector<float> values(int64_t n, uint32_t seed) {
  std::vector<float> v(n);
  for (auto &x : v) {
    seed = seed * 1664525u + 1013904223u;
    x = (float(seed >> 8) / float(1u << 23) - 1.0f) * 0.7f;
  }
  return v;
}

/// Each direction's [rows, cols] matrix of m transposed.
std::vector<float> transposed(const std::vector<float> &m, int64_t rows, int64_t cols) {
  std::vector<float> t(m.size());
  for (int64_t d = 0; d < kDirs; ++d)
    for (int64_t j = 0; j < rows; ++j)
      for (int64_t k = 0; k < cols; ++k)
        t[(d * cols + k) * rows + j] = m[(d * rows + j) * cols + k];
  return t;
}

/// Y, Y_h and Y_c of one op run with `scratch_size` elements of scratch.
using Run = void (*)(const RnnShape &, int64_t scratch_size, std::vector<float> (&out)[3]);

template <int Gates> struct Inputs {
  std::vector<float> x = values(kSeq * kBatch * kInput, 1),
                     w = values(kDirs * Gates * kHidden * kInput, 2),
                     r = values(kDirs * Gates * kHidden * kHidden, 3),
                     b = values(kDirs * 2 * Gates * kHidden, 4),
                     h0 = values(kDirs * kBatch * kHidden, 5),
                     c0 = values(kDirs * kBatch * kHidden, 6), p = values(kDirs * 3 * kHidden, 7);
  int32_t lens[kBatch] = {kSeq, 2, 0};
  /// W and R as the compiler stores constant ones (onnxc.w_transposed,
  /// onnxc.r_transposed).
  std::vector<float> wt = transposed(w, Gates * kHidden, kInput),
                     rt = transposed(r, Gates * kHidden, kHidden);
  const float *input(const RnnShape &s) const { return s.w_transposed ? wt.data() : w.data(); }
  const float *recurrent(const RnnShape &s) const { return s.r_transposed ? rt.data() : r.data(); }
};

void sizeOutputs(std::vector<float> (&out)[3]) {
  out[0].assign(kSeq * kDirs * kBatch * kHidden, -1.0f);
  out[1].assign(kDirs * kBatch * kHidden, -1.0f);
  out[2].assign(kDirs * kBatch * kHidden, -1.0f);
}

void runLstm(const RnnShape &s, int64_t size, std::vector<float> (&out)[3]) {
  static const Inputs<4> in;
  static const RnnActivation acts[] = {{RNN_SIGMOID, 0, 0},  {RNN_TANH, 0, 0},
                                       {RNN_TANH, 0, 0},     {RNN_HARD_SIGMOID, 0.3f, 0.4f},
                                       {RNN_SOFTSIGN, 0, 0}, {RNN_SCALED_TANH, 1.2f, 0.8f}};
  std::vector<float> scratch(size);
  sizeOutputs(out);
  lstm(s, in.x.data(), in.input(s), in.recurrent(s), in.b.data(), in.lens, in.h0.data(), in.c0.data(),
       in.p.data(), acts, false, out[0].data(), out[1].data(), out[2].data(), scratch.data(), size);
}

template <bool LinearBeforeReset>
void runGru(const RnnShape &s, int64_t size, std::vector<float> (&out)[3]) {
  static const Inputs<3> in;
  static const RnnActivation acts[] = {
      {RNN_SIGMOID, 0, 0}, {RNN_TANH, 0, 0}, {RNN_SIGMOID, 0, 0}, {RNN_ELU, 0.5f, 0}};
  std::vector<float> scratch(size);
  sizeOutputs(out);
  gru(s, in.x.data(), in.input(s), in.recurrent(s), in.b.data(), in.lens, in.h0.data(), acts,
      LinearBeforeReset, out[0].data(), out[1].data(), scratch.data(), size);
}

void runRnn(const RnnShape &s, int64_t size, std::vector<float> (&out)[3]) {
  static const Inputs<1> in;
  static const RnnActivation acts[] = {{RNN_TANH, 0, 0}, {RNN_RELU, 0, 0}};
  std::vector<float> scratch(size);
  sizeOutputs(out);
  rnn(s, in.x.data(), in.input(s), in.recurrent(s), in.b.data(), in.lens, in.h0.data(), acts,
      out[0].data(), out[1].data(), scratch.data(), size);
}

void expectPathsAgree(Run run, int64_t gates, int64_t extra, float clip) {
  const int64_t n = gates * kHidden;
  for (bool batchMajor : {false, true}) {
    const RnnShape s{kSeq, kBatch, kInput, kHidden, kDirs, batchMajor, false, clip, false, false};
    RnnShape pre = s;
    pre.w_transposed = pre.r_transposed = true;
    std::vector<float> want[3], got[3];
    run(s, extra + n * kHidden + n * kSeq, want); // R^T, every step in one GEMM
    // One step at a time, 3 steps per GEMM, R^T with 4 steps per GEMM; W
    // and R given transposed, one step or all at a time.
    const std::pair<const RnnShape *, int64_t> runs[] = {
        {&s, extra + n}, {&s, extra + 3 * n}, {&s, extra + n * kHidden + 4 * n},
        {&pre, extra + n}, {&pre, extra + n * kSeq}};
    for (auto [shape, size] : runs) {
      run(*shape, size, got);
      for (int o = 0; o < 3; ++o)
        for (size_t i = 0; i < want[o].size(); ++i)
          ASSERT_NEAR(got[o][i], want[o][i], 1e-5f)
              << "output " << o << " at " << i << ", scratch " << size << ", layout " << batchMajor
              << ", W and R transposed " << shape->r_transposed;
    }
  }
}

TEST(RecurrentKernel, LstmPathsAgree) { expectPathsAgree(runLstm, 4, 0, 0.0f); }
TEST(RecurrentKernel, LstmClippedPathsAgree) { expectPathsAgree(runLstm, 4, 0, 0.6f); }
TEST(RecurrentKernel, GruPathsAgree) { expectPathsAgree(runGru<false>, 3, 2 * kHidden, 0.0f); }
TEST(RecurrentKernel, GruLinearBeforeResetPathsAgree) {
  expectPathsAgree(runGru<true>, 3, 2 * kHidden, 0.0f);
}
TEST(RecurrentKernel, RnnPathsAgree) { expectPathsAgree(runRnn, 1, 0, 0.0f); }

} // namespace
