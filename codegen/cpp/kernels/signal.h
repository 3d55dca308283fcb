// signal.h - window functions, MelWeightMatrix, DFT and STFT.
//
// Sizes that ONNX passes as input values are the compiled ones; each kernel
// checks the run-time values against them and returns false otherwise.
#pragma once
#include "common.h"

namespace onnxc_kernels {

constexpr double kTwoPi = 6.283185307179586476925286766559;

/// y[k] = a0 - a1 cos(2 pi k / D) + a2 cos(4 pi k / D) with D = n (periodic)
/// or n - 1 (symmetric); a one-point window is 1.
template <typename I, typename T>
inline bool cosine_window(const I *size, T *y, int64_t n, double a0, double a1, double a2,
                          bool periodic) {
  if (int64_t(size[0]) != n)
    return false;
  double d = double(periodic ? n : n - 1);
  for (int64_t k = 0; k < n; ++k)
    y[k] = d == 0 ? T(1) : T(a0 - a1 * cos(kTwoPi * k / d) + a2 * cos(2 * kTwoPi * k / d));
  return true;
}

/// out as [dft_length / 2 + 1, mel_bins]: triangular filters between mel
/// points spaced evenly from lower to upper edge (the ONNX reference's
/// formula). False when the sizes differ from the compiled ones or a filter
/// edge falls outside the spectrum.
template <typename I, typename J, typename K, typename F, typename T>
inline bool mel_weight_matrix(const I *num_mel_bins, const J *dft_length, const K *sample_rate,
                              const F *lower_hz, const F *upper_hz, T *out,
                              int64_t spectrum_bins, int64_t mel_bins) {
  int64_t length = int64_t(dft_length[0]), rate = int64_t(sample_rate[0]);
  if (int64_t(num_mel_bins[0]) != mel_bins || length / 2 + 1 != spectrum_bins || rate <= 0)
    return false;
  F low = F(2595) * F(log10(F(1) + lower_hz[0] / F(700)));
  F high = F(2595) * F(log10(F(1) + upper_hz[0] / F(700)));
  F step = (high - low) / F(mel_bins + 2);
  // Spectrum bin of mel point i.
  auto bin = [&](int64_t i) {
    double hz = 700 * (pow(10.0, (double(i) * double(step) + double(low)) / 2595) - 1);
    return int64_t(floor(double(length + 1) * hz / double(rate)));
  };
  for (int64_t i = 0; i < spectrum_bins * mel_bins; ++i)
    out[i] = T(0);
  for (int64_t m = 0; m < mel_bins; ++m) {
    int64_t left = bin(m), center = bin(m + 1), right = bin(m + 2);
    if (left < 0 || center < left || right < center || center >= spectrum_bins ||
        right > spectrum_bins)
      return false;
    if (center == left)
      out[center * mel_bins + m] = T(1);
    for (int64_t j = left; center > left && j <= center; ++j)
      out[j * mel_bins + m] = T(double(j - left) / double(center - left));
    for (int64_t j = center; j < right; ++j)
      out[j * mel_bins + m] = T(double(right - j) / double(right - center));
  }
  return true;
}

/// Bin k of the `length`-point DFT of `count` <= length samples (zero padded)
/// that lie `stride` elements apart, each real or (channels = 2) complex,
/// optionally windowed; sign -1 forward, +1 inverse. Writes (re, im).
template <typename T>
inline void dft_bin(const T *x, int64_t stride, int64_t count, int64_t channels,
                    const T *window, int64_t length, int64_t k, double sign, T *re_im,
                    double scale) {
  double re = 0, im = 0;
  for (int64_t j = 0; j < count; ++j) {
    double w = window ? double(window[j]) : 1.0;
    double xr = w * double(x[j * stride]), xi = channels == 2 ? w * double(x[j * stride + 1]) : 0;
    double angle = sign * kTwoPi * double((k * j) % length) / double(length);
    double c = cos(angle), s = sin(angle);
    re += xr * c - xi * s;
    im += xr * s + xi * c;
  }
  re_im[0] = T(re * scale);
  re_im[1] = T(im * scale);
}

/// x as [outer, n, inner, channels], y as [outer, bins, inner, 2]: the
/// `length`-point DFT along n (truncated or zero padded), its first `bins`
/// bins. dft_length, when given, must be the compiled length.
template <typename T, typename I>
inline bool dft(const T *x, const I *dft_length, T *y, int64_t outer, int64_t n, int64_t inner,
                int64_t channels, int64_t length, int64_t bins, bool inverse) {
  if (dft_length && int64_t(dft_length[0]) != length)
    return false;
  int64_t count = min_of(n, length);
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t i = 0; i < inner; ++i)
      for (int64_t k = 0; k < bins; ++k)
        dft_bin(x + (o * n * inner + i) * channels, inner * channels, count, channels,
                (const T *)nullptr, length, k, inverse ? 1.0 : -1.0,
                y + ((o * bins + k) * inner + i) * 2, inverse ? 1.0 / double(length) : 1.0);
  return true;
}

/// signal as [batch, samples, channels], y as [batch, frames, bins, 2]: the
/// DFT of each (windowed) frame. The frame length is the window's
/// (window_len) or frame_length's; the step and length read at run time
/// must give the compiled frames and bins.
template <typename T, typename S, typename L>
inline bool stft(const T *signal, const S *frame_step, const T *window, int64_t window_len,
                 const L *frame_length, T *y, int64_t batch, int64_t samples, int64_t channels,
                 int64_t frames, int64_t bins, bool onesided) {
  int64_t length = window ? window_len : int64_t(frame_length[0]);
  int64_t step = int64_t(frame_step[0]);
  if (window && frame_length && int64_t(frame_length[0]) != length)
    return false;
  if (length < 1 || length > samples || step < 1 || (samples - length) / step + 1 != frames ||
      (onesided ? length / 2 + 1 : length) != bins)
    return false;
  for (int64_t b = 0; b < batch; ++b)
    for (int64_t f = 0; f < frames; ++f)
      for (int64_t k = 0; k < bins; ++k)
        dft_bin(signal + (b * samples + f * step) * channels, channels, length, channels, window,
                length, k, -1.0, y + ((b * frames + f) * bins + k) * 2, 1.0);
  return true;
}

} // namespace onnxc_kernels
