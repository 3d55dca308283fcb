//===- DataType.h - ONNX TensorProto dtypes <-> MLIR element types ---===//
#ifndef ONNXC_DIALECT_DATATYPE_H
#define ONNXC_DIALECT_DATATYPE_H

#include "mlir/IR/Types.h"
#include <cstdint>
#include <string>

namespace onnxc {

/// The MLIR element type for an ONNX TensorProto::DataType value, or null
/// for dtypes onnxc does not support (string, complex).
mlir::Type elementTypeFromOnnx(mlir::MLIRContext *ctx, int64_t dtype);

/// ONNX's name for a dtype ("FLOAT", "INT64", ...), for error messages.
std::string onnxDtypeName(int64_t dtype);

} // namespace onnxc

#endif
