//===- OnnxDialect.h - the `onnx` dialect -----------------------*- C++ -*-===//
#ifndef ONNXC_DIALECT_ONNXDIALECT_H
#define ONNXC_DIALECT_ONNXDIALECT_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "compiler/dialect/OnnxDialect.h.inc"
#include "compiler/dialect/ShapeInferenceInterface.h.inc"

#define GET_OP_CLASSES
#include "compiler/dialect/OnnxOps.h.inc"

#endif
