//===- DataType.cpp - ONNX TensorProto dtypes <-> MLIR element types -===//
#include "compiler/dialect/DataType.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

using namespace mlir;

namespace onnxc {

// Values of onnx.TensorProto.DataType (onnx.proto).
enum : int64_t {
  FLOAT = 1, UINT8 = 2, INT8 = 3, UINT16 = 4, INT16 = 5, INT32 = 6, INT64 = 7,
  STRING = 8, BOOL = 9, FLOAT16 = 10, DOUBLE = 11, UINT32 = 12, UINT64 = 13,
  COMPLEX64 = 14, COMPLEX128 = 15, BFLOAT16 = 16
};

Type elementTypeFromOnnx(MLIRContext *ctx, int64_t dtype) {
  Builder b(ctx);
  auto uint = [&](unsigned w) {
    return IntegerType::get(ctx, w, IntegerType::Unsigned);
  };
  switch (dtype) {
  case FLOAT: return b.getF32Type();
  case DOUBLE: return b.getF64Type();
  case FLOAT16: return b.getF16Type();
  case BFLOAT16: return b.getBF16Type();
  case INT8: return b.getIntegerType(8);
  case INT16: return b.getIntegerType(16);
  case INT32: return b.getIntegerType(32);
  case INT64: return b.getIntegerType(64);
  case UINT8: return uint(8);
  case UINT16: return uint(16);
  case UINT32: return uint(32);
  case UINT64: return uint(64);
  case BOOL: return b.getI1Type();
  default: return {};
  }
}

std::string onnxDtypeName(int64_t dtype) {
  static const char *names[] = {"UNDEFINED", "FLOAT",  "UINT8",     "INT8",
                                "UINT16",    "INT16",  "INT32",     "INT64",
                                "STRING",    "BOOL",   "FLOAT16",   "DOUBLE",
                                "UINT32",    "UINT64", "COMPLEX64", "COMPLEX128",
                                "BFLOAT16"};
  if (dtype >= 0 && dtype < (int64_t)(sizeof(names) / sizeof(names[0])))
    return names[dtype];
  return "dtype " + std::to_string(dtype);
}

} // namespace onnxc
