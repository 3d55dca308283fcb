//===- ShapeInferenceInterface.td ------------------------------*- tablegen -*-===//
//
// Ops whose result types can be computed from their operand types (and, where
// an operand carries a shape, from constant operands).
//
//===----------------------------------------------------------------------===//

#ifndef ONNXC_SHAPE_INFERENCE_INTERFACE_TD
#define ONNXC_SHAPE_INFERENCE_INTERFACE_TD

include "mlir/IR/OpBase.td"

def ShapeInferenceOpInterface : OpInterface<"ShapeInference"> {
  let cppNamespace = "::onnxc";
  let description = [{
    Computes static result types once the operand types are static. Returns
    failure (with a diagnostic) when the shapes are inconsistent.
  }];
  let methods = [
    InterfaceMethod<"Infer the static result types from the operands.",
                    "::mlir::LogicalResult", "inferShapes",
                    (ins "::llvm::SmallVectorImpl<::mlir::Type> &":$results)>
  ];
}

#endif
