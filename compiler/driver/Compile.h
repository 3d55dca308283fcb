//===- Compile.h - write generated files and build the library -*- C++ -*-===//
#ifndef ONNXC_DRIVER_COMPILE_H
#define ONNXC_DRIVER_COMPILE_H

#include "codegen/cpp/CppEmitter.h"
#include "targets/Target.h"

namespace onnxc {

/// Writes DIR/NAME.h plus DIR/libNAME.a (`buildLib`) or DIR/NAME.cpp. All work
/// happens in a scratch folder inside DIR; the files move into place only when
/// everything succeeded, so a failure leaves nothing half-written.
bool writeOutputs(const Target &target, const cpp::EmittedModel &model,
                  const std::string &name, const std::string &outDir, bool buildLib,
                  std::string &error);

} // namespace onnxc

#endif
