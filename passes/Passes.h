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
/// On a Conv whose constant weights PrepackWeights stored as slivers of this
/// many rows (the C++ backend hands them to the kernel as such).
constexpr llvm::StringLiteral kPrepackedRowsAttr = "onnxc.prepacked_rows";
/// On a Gemm/MatMul whose constant B (or a Conv whose W^T) PrepackWeights
/// stored as panels of this many columns.
constexpr llvm::StringLiteral kPrepackedColumnsAttr = "onnxc.prepacked_columns";
/// On a Conv whose constant weights WinogradWeights replaced by their F(4,3)
/// transform, 36 matrices packed as slivers of this many rows.
constexpr llvm::StringLiteral kWinogradRowsAttr = "onnxc.winograd_rows";

/// PrepackWeights' layout of one group's weights, from[rows, depth]
/// row-major into `to` (same size): rows sliverRows at a time, then 4 (when
/// sliverRows > 4), then one at a time, each group column-major over depth.
void packSlivers(llvm::ArrayRef<double> from, int64_t rows, int64_t depth, int64_t sliverRows,
                 llvm::MutableArrayRef<double> to);

/// PrepackWeights' layout of a B[K, N] (row-major in `from`) into `to`
/// (same size): full panels of `columns` columns, each K rows of `columns`
/// elements, then the last N % columns columns row-major.
void packPanels(llvm::ArrayRef<double> from, int64_t K, int64_t N, int64_t columns,
                llvm::MutableArrayRef<double> to);

/// WinogradWeights' transform of g[filters, channels, 3, 3]: U = G g G^T of
/// F(4, 3) as 36 matrices U[e][filters, channels], each packed as
/// packSlivers does.
llvm::SmallVector<double> winogradF43Weights(llvm::ArrayRef<double> g, int64_t filters,
                                             int64_t channels, int64_t sliverRows);

/// The floats of conv_winograd.h's stack buffer (kWinogradScratch<float>;
/// WinogradConvTest checks that the two agree).
constexpr int64_t kWinogradScratchFloats = 98304;

/// True when one row of output tiles (plus its waste tile) of a Winograd
/// F(4,3) conv fits conv_winograd.h's stack buffer (WinogradBuffers::total)
/// for every target's vectors (at most 16 floats, panels of 64 tiles):
/// WinogradWeights transforms only such convs, and WinogradConvTest checks
/// that the kernel then finds a chunk of at least one tile row.
bool winogradTileRowFits(int64_t channels, int64_t filters, int64_t outW);

/// Appends `fused` (about to be erased) to `into`'s kFusedAttr record.
void recordFusion(mlir::Operation *into, mlir::Operation *fused);

/// True when `v` is written straight into a graph output buffer rather than
/// into the arena: it is computed by an op (not a constant or an input) and
/// returned exactly once.
bool writesToGraphOutput(mlir::Value v);

/// The pipeline from imported `onnx` dialect to what codegen consumes.
/// `optimize` adds canonicalization (folding) on top of what is required;
/// with it, `sliverRows` > 0 pre-packs constant Conv weights for a GEMM of
/// that micro-tile height (PrepackWeights).
void buildPipeline(mlir::PassManager &pm, bool optimize, int64_t sliverRows = 0,
                   int64_t panelColumns = 0);

} // namespace onnxc

#endif
