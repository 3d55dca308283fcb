//===- FusionRecord.cpp - remember what was fused into an op --------------===//
#include "passes/Passes.h"

#include "mlir/IR/Builders.h"

using namespace mlir;

void onnxc::recordFusion(Operation *into, Operation *fused) {
  std::string what = fused->getName().stripDialect().str();
  if (auto loc = llvm::dyn_cast<NameLoc>(fused->getLoc()))
    what += " '" + loc.getName().str() + "'";
  llvm::SmallVector<Attribute> record;
  if (auto old = into->getAttrOfType<ArrayAttr>(kFusedAttr))
    record.assign(old.begin(), old.end());
  record.push_back(StringAttr::get(into->getContext(), what));
  into->setAttr(kFusedAttr, ArrayAttr::get(into->getContext(), record));
}
