//===- Pipeline.cpp - the pass pipeline from import to codegen ------------===//
#include "passes/Passes.h"
#include "passes/TransposeRecurrentWeights.h"

#include "mlir/Transforms/Passes.h"

void onnxc::buildPipeline(mlir::PassManager &pm, bool optimize, int64_t sliverRows,
                          int64_t panelColumns) {
  auto &func = pm.nest<mlir::func::FuncOp>();
  func.addPass(createShapePropagation());
  if (optimize) {
    func.addPass(mlir::createCanonicalizerPass());
    func.addPass(mlir::createCSEPass()); // onnx ops are Pure: equal ops merge
    func.addPass(createEvaluateConstants());
    func.addPass(createCancelTransposeReshape());
    func.addPass(createFoldPad());
    func.addPass(createFoldBatchNorm());
    func.addPass(createFuseMatMulBias());
    func.addPass(createRecognizeGelu());
    func.addPass(createRecognizeLayerNorm());
    func.addPass(createFoldAffineChain());
    func.addPass(createFuseResidualAdd());
    func.addPass(createFuseActivation());
    func.addPass(createTransposeRecurrentWeights());
    func.addPass(createFuseElementwise()); // after the epilogue fusions: they save more
    // Last: earlier passes read and rewrite weights in their plain layout.
    if (sliverRows > 0)
      func.addPass(createWinogradWeights(WinogradWeightsOptions{sliverRows}));
    if (sliverRows > 0 || panelColumns > 0)
      func.addPass(createPrepackWeights(PrepackWeightsOptions{sliverRows, panelColumns}));
  }
  func.addPass(createDeadNodeElimination());
  pm.addPass(createMemoryPlanning());
}
