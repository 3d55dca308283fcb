//===- ReductionEmitters.cpp ---------------------------------------------------===//
#include "codegen/cpp/NodeWriter.h"

using namespace mlir;

namespace onnxc::cpp {

void registerReductionEmitters(EmitterRegistry &r) {}

} // namespace onnxc::cpp
