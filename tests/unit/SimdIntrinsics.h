//===- SimdIntrinsics.h - the intrinsics the kernels' vector types use -*- C++ -*-===//
//
// The generated file's preamble includes these before the kernels, under the
// same conditions as kernels/simd_lanes.h picks its lanes (CppEmitter.cpp);
// a kernel test includes this first, compiled with -march=native.
//
//===----------------------------------------------------------------------===//
#ifndef ONNXC_TESTS_UNIT_SIMDINTRINSICS_H
#define ONNXC_TESTS_UNIT_SIMDINTRINSICS_H

#if defined(__AVX512F__) || (defined(__AVX2__) && defined(__FMA__))
#include <immintrin.h>
#elif defined(__ARM_NEON) && defined(__aarch64__)
#include <arm_neon.h>
#endif

#endif
