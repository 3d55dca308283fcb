//===- TensorConverter.h - ONNX TensorProto -> MLIR attribute ---*- C++ -*-===//
#ifndef ONNXC_IMPORTER_TENSORCONVERTER_H
#define ONNXC_IMPORTER_TENSORCONVERTER_H

#include "mlir/IR/BuiltinAttributes.h"

#include <onnx/onnx_pb.h>

namespace onnxc {

/// Converts the contents of `tensor` (raw or typed fields) into a dense
/// attribute. Returns null and sets `error` for unsupported dtypes or when the
/// data does not match the declared shape.
mlir::DenseElementsAttr convertTensor(mlir::MLIRContext *ctx,
                                      const onnx::TensorProto &tensor,
                                      std::string &error);

} // namespace onnxc

#endif
