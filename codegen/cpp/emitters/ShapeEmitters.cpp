//===- ShapeEmitters.cpp ---------------------------------------------------===//
#include "codegen/cpp/NodeWriter.h"

using namespace mlir;

namespace onnxc::cpp {

void registerShapeEmitters(EmitterRegistry &r) {}

} // namespace onnxc::cpp
