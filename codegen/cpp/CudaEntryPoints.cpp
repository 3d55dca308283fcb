//===- CudaEntryPoints.cpp - the CUDA flavour of the generated code -------===//
#include "codegen/cpp/CudaEntryPoints.h"

#include "llvm/Support/Regex.h"

#include <algorithm>

namespace onnxc::cpp {

std::string deviceKernels(const char *kernelSource) {
  std::string text = kernelSource, out;
  llvm::Regex word("(^|[^A-Za-z0-9_])inline([^A-Za-z0-9_]|$)");
  llvm::StringRef rest = text;
  llvm::SmallVector<llvm::StringRef, 3> m;
  while (word.match(rest, &m)) {
    size_t at = m[0].data() - rest.data() + m[1].size();
    out += rest.take_front(at).str() + "__host__ __device__ inline";
    rest = rest.drop_front(at + 6);
  }
  return out + rest.str();
}

void writeCudaHeaderDeclarations(llvm::raw_ostream &os, const CudaModel &model,
                                 const std::string &deviceSignature) {
  os << "/* cuda target: a CUDA call failed (no device, out of memory...). */\n"
     << "#define " << model.upper << "_STATUS_CUDA_ERROR 3\n"
     << "/* Inputs and outputs in device memory; runs on a static device arena\n"
     << "   (not reentrant) and returns when the device is done. */\n"
     << deviceSignature << ";\n";
}

/// "in_x, in_y, out_z": the ports' parameter names, each with `prefix`.
static std::string portList(const CudaModel &m, const std::string &prefix) {
  std::string s;
  for (const auto *ports : {&m.inputs, &m.outputs})
    for (const ApiPort &p : *ports)
      s += (s.empty() ? "" : ", ") + prefix + p.param;
  return s;
}

void writeCudaEntryPoints(llvm::raw_ostream &os, const CudaModel &m, const std::string &wsSignature,
                          const std::string &deviceSignature, const std::string &hostSignature) {
  std::string N = m.upper, params;
  for (const ApiPort &p : m.inputs)
    params += (params.empty() ? "" : ", ") + ("const " + p.type + " *" + p.param);
  for (const ApiPort &p : m.outputs)
    params += (params.empty() ? "" : ", ") + (p.type + " *" + p.param);
  std::string args = portList(m, ""), comma = args.empty() ? "" : ", ";

  // Device buffers: the arena, and staging copies of the ports for the
  // host-pointer entry point (static, so no allocation at run time).
  os << "__device__ alignas(64) unsigned char device_arena[" << std::max<int64_t>(m.arenaBytes, 1)
     << "];\n";
  for (const auto *ports : {&m.inputs, &m.outputs})
    for (const ApiPort &p : *ports)
      os << "__device__ alignas(64) " << p.type << " device_" << p.param << "["
         << std::max<int64_t>(p.elements, 1) << "];\n";
  os << "\n// The whole graph, run by one device thread.\n"
     << "__global__ void run_graph(unsigned char *arena" << comma << params << ") {\n"
     << m.body << "}\n\n"
     << "template <typename T> cudaError_t address_of(T &symbol, void **address) {\n"
     << "  return cudaGetSymbolAddress(address, symbol);\n}\n\n"
     << "} // namespace\n\n";

  os << "extern \"C\" " << wsSignature << " {\n"
     << m.wsChecks << "  run_graph<<<1, 1>>>(static_cast<unsigned char *>(workspace)" << comma << args << ");\n"
     << "  if (cudaGetLastError() != cudaSuccess || cudaDeviceSynchronize() != cudaSuccess)\n"
     << "    return " << N << "_STATUS_CUDA_ERROR;\n"
     << "  return " << N << "_STATUS_OK;\n}\n\n";

  os << "extern \"C\" " << deviceSignature << " {\n"
     << "  void *arena;\n"
     << "  if (address_of(device_arena, &arena) != cudaSuccess)\n"
     << "    return " << N << "_STATUS_CUDA_ERROR;\n"
     << "  return " << m.name << "_infer_ws(arena" << comma << args << ");\n}\n\n";

  // Host pointers: copy the inputs in, run, copy the outputs out.
  os << "extern \"C\" " << hostSignature << " {\n";
  std::string hostChecks;
  for (const auto *ports : {&m.inputs, &m.outputs})
    for (const ApiPort &p : *ports)
      hostChecks += (hostChecks.empty() ? "" : " || ") + ("!" + p.param);
  if (!hostChecks.empty())
    os << "  if (" << hostChecks << ")\n    return " << N << "_STATUS_NULL_ARGUMENT;\n";
  for (const auto *ports : {&m.inputs, &m.outputs})
    for (const ApiPort &p : *ports)
      os << "  void *d_" << p.param << ";\n"
         << "  if (address_of(device_" << p.param << ", &d_" << p.param << ") != cudaSuccess)\n"
         << "    return " << N << "_STATUS_CUDA_ERROR;\n";
  for (const ApiPort &p : m.inputs)
    os << "  if (cudaMemcpy(d_" << p.param << ", " << p.param << ", " << p.elements << " * sizeof("
       << p.type << "), cudaMemcpyHostToDevice) != cudaSuccess)\n"
       << "    return " << N << "_STATUS_CUDA_ERROR;\n";
  std::string deviceArgs;
  for (const ApiPort &p : m.inputs)
    deviceArgs += (deviceArgs.empty() ? "" : ", ") + ("static_cast<const " + p.type + " *>(d_" + p.param + ")");
  for (const ApiPort &p : m.outputs)
    deviceArgs += (deviceArgs.empty() ? "" : ", ") + ("static_cast<" + p.type + " *>(d_" + p.param + ")");
  os << "  int status = " << m.name << "_infer_device(" << deviceArgs << ");\n"
     << "  if (status != " << N << "_STATUS_OK)\n    return status;\n";
  for (const ApiPort &p : m.outputs)
    os << "  if (cudaMemcpy(" << p.param << ", d_" << p.param << ", " << p.elements << " * sizeof("
       << p.type << "), cudaMemcpyDeviceToHost) != cudaSuccess)\n"
       << "    return " << N << "_STATUS_CUDA_ERROR;\n";
  os << "  return " << N << "_STATUS_OK;\n}\n\n";
}

} // namespace onnxc::cpp
