//===- Compile.h - write generated files and build the library -*- C++ -*-===//
#ifndef ONNXC_DRIVER_COMPILE_H
#define ONNXC_DRIVER_COMPILE_H

#include "codegen/cpp/CppEmitter.h"
#include "targets/Target.h"

#include <vector>

namespace onnxc {

/// One target and the code emitted for it.
struct TargetOutput {
  const Target *target;
  const cpp::EmittedModel *model;
};

/// Writes DIR/NAME.h plus DIR/libNAME.a (`buildLib`) or the source
/// (DIR/NAME.cpp, .cu for CUDA); with several targets, each target's files go
/// into DIR/<target>/. All work happens in a scratch folder inside DIR; the
/// files move into place only when everything succeeded, so a failure leaves
/// nothing half-written.
bool writeOutputs(const std::vector<TargetOutput> &targets,
                  const std::string &name, const std::string &outDir, bool buildLib,
                  std::string &error);

} // namespace onnxc

#endif
