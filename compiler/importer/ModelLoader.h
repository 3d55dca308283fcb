//===- ModelLoader.h - read and prepare an ONNX ModelProto ------*- C++ -*-===//
#ifndef ONNXC_IMPORTER_MODELLOADER_H
#define ONNXC_IMPORTER_MODELLOADER_H

#include "compiler/importer/Importer.h"

#include <onnx/onnx_pb.h>

namespace onnxc {

/// Parses `path`, inlines external data (refusing locations outside the
/// model's folder), runs the ONNX checker, fixes input shapes, converts to
/// kTargetOpset and runs ONNX shape inference. Returns false and sets `error`
/// on any failure. `opset` is the model's own default-domain opset.
bool loadModel(const std::string &path, const ImportOptions &options,
               onnx::ModelProto &model, int64_t &opset, std::string &error);

} // namespace onnxc

#endif
