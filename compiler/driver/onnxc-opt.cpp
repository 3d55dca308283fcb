//===- onnxc-opt.cpp - mlir-opt for the `onnx` dialect and onnxc passes ---===//
#include "compiler/dialect/OnnxDialect.h"
#include "passes/Passes.h"
#include "passes/TransposeRecurrentWeights.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  registry.insert<onnxc::ONNXDialect, mlir::func::FuncDialect>();
  onnxc::registerOnnxcPasses();
  onnxc::registerTransposeRecurrentWeights();
  mlir::registerCanonicalizerPass();
  mlir::registerCSEPass();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "onnxc optimizer driver\n", registry));
}
