//===- NnEmitters.cpp ---------------------------------------------------===//
#include "codegen/cpp/NodeWriter.h"

using namespace mlir;

namespace onnxc::cpp {

void registerNnEmitters(EmitterRegistry &r) {}

} // namespace onnxc::cpp
