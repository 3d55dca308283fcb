//===- Passes.h - onnxc passes ----------------------------------*- C++ -*-===//
#ifndef ONNXC_PASSES_PASSES_H
#define ONNXC_PASSES_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassManager.h"

namespace onnxc {

#define GEN_PASS_DECL
#include "passes/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "passes/Passes.h.inc"

/// Attribute names that memory planning writes and codegen reads.
constexpr llvm::StringLiteral kArenaOffsetAttr = "onnxc.arena_offset";
constexpr llvm::StringLiteral kArenaBytesAttr = "onnxc.arena_bytes";
/// The nodes fusion passes folded into an op, as "Op 'name'" strings, for
/// the compile report.
constexpr llvm::StringLiteral kFusedAttr = "onnxc.fused";

/// Appends `fused` (about to be erased) to `into`'s kFusedAttr record.
void recordFusion(mlir::Operation *into, mlir::Operation *fused);

/// True when `v` is written straight into a graph output buffer rather than
/// into the arena: it is computed by an op (not a constant or an input) and
/// returned exactly once.
bool writesToGraphOutput(mlir::Value v);

/// The pipeline from imported `onnx` dialect to what codegen consumes.
/// `optimize` adds canonicalization (folding) on top of what is required.
void buildPipeline(mlir::PassManager &pm, bool optimize);

} // namespace onnxc

#endif
