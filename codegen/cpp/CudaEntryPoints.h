//===- CudaEntryPoints.h - the CUDA flavour of the generated code -*- C++ -*-===//
//
// For the cuda target the C++ backend writes CUDA C++ for nvcc: the same
// kernels and node functions, made device functions, the weights in device
// memory, and the whole graph run as one kernel launch (a single device
// thread runs the nodes in order: real device execution, not yet parallel).
// The host entry points around it are written here.
//
//===----------------------------------------------------------------------===//
#ifndef ONNXC_CODEGEN_CPP_CUDAENTRYPOINTS_H
#define ONNXC_CODEGEN_CPP_CUDAENTRYPOINTS_H

#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace onnxc::cpp {

/// A graph input or output of the generated API.
struct ApiPort {
  std::string param, type;
  int64_t elements;
};

/// What the CUDA entry points are made of.
struct CudaModel {
  std::string name;                     ///< model name (symbol prefix)
  std::string upper;                    ///< its upper-case form (macro prefix)
  std::vector<ApiPort> inputs, outputs;
  std::string body;                     ///< the node calls (and output copies), on `arena` and the ports
  std::string wsChecks;                 ///< NAME_infer_ws's argument checks
  int64_t arenaBytes;
};

/// The kernel library as device-callable code: every `inline` kernel
/// function becomes `__host__ __device__ inline` (constexpr ones are callable
/// through nvcc's --expt-relaxed-constexpr).
std::string deviceKernels(const char *kernelSource);

/// Extra header text for CUDA: the status code of a failed CUDA call and the
/// NAME_infer_device() declaration, inside the header's extern "C" block.
void writeCudaHeaderDeclarations(llvm::raw_ostream &os, const CudaModel &model,
                                 const std::string &deviceSignature);

/// The source after the node functions: device buffers, the kernel that runs
/// the graph, NAME_infer_ws/NAME_infer_device (device pointers), NAME_infer
/// (host pointers, copied through static device buffers). Closes the
/// anonymous namespace the nodes live in.
void writeCudaEntryPoints(llvm::raw_ostream &os, const CudaModel &model,
                          const std::string &wsSignature, const std::string &deviceSignature,
                          const std::string &hostSignature);

} // namespace onnxc::cpp

#endif
