//===- ModelLoader.h - read and prepare an ONNX ModelProto ------*- C++ -*-===//
#ifndef ONNXC_IMPORTER_MODELLOADER_H
#define ONNXC_IMPORTER_MODELLOADER_H

#include "compiler/importer/Importer.h"

#include <onnx/onnx_pb.h>

namespace onnxc {

/// Per graph input that has --max-dim symbols: the symbol of each dim ("" for
/// a static one).
using InputDimSymbols = std::map<std::string, std::vector<std::string>>;

/// Parses `path`, inlines external data (refusing locations outside the
/// model's folder), runs the ONNX checker, fixes input shapes, converts to
/// kTargetOpset and runs ONNX shape inference. Returns false and sets `error`
/// on any failure. `opset` is the model's own default-domain opset. Symbolic
/// dims named by options.maxDims are set to their maxima and listed in
/// `symbols`.
bool loadModel(const std::string &path, const ImportOptions &options,
               onnx::ModelProto &model, int64_t &opset, InputDimSymbols &symbols,
               std::string &error);

} // namespace onnxc

#endif
