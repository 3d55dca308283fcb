//===- WinogradWeights.cpp - 3x3 Conv weights transformed for Winograd F(4,3) ===//
//
// A float32 2-d Conv with a 3x3, stride-1, undilated window, one group and
// constant weights runs through kernels/conv_winograd.h where that beats the
// implicit GEMM: its weights g[M, C, 3, 3] are replaced here by
// U = G g G^T (6x6 per filter and channel, computed in double), stored as
// 36 matrices U[e][M, C], one per element e of the 6x6 block, each packed
// as the GEMM's slivers (packSlivers) so the kernel's 36 GEMMs read them as
// PrepackWeights' weights. The constant becomes [M, C, 6, 6] in type only
// (the emitter reads the 3x3 window from the attribute) and the Conv is
// marked onnxc.winograd_rows = sliver-rows.
//
//===----------------------------------------------------------------------===//
#include "passes/ConstantValues.h"
#include "passes/Passes.h"

#include "compiler/dialect/OnnxDialect.h"

namespace onnxc {
#define GEN_PASS_DEF_WINOGRADWEIGHTS
#include "passes/Passes.h.inc"
} // namespace onnxc

using namespace mlir;
using namespace onnxc;

namespace {

/// F(4, 3)'s filter transform G (Lavin & Gray 2015, points 0, +-1, +-2).
constexpr double kG[6][3] = {{1.0 / 4, 0, 0},
                             {-1.0 / 6, -1.0 / 6, -1.0 / 6},
                             {-1.0 / 6, 1.0 / 6, -1.0 / 6},
                             {1.0 / 24, 1.0 / 12, 1.0 / 6},
                             {1.0 / 24, -1.0 / 12, 1.0 / 6},
                             {0, 0, 1}};

} // namespace

llvm::SmallVector<double> onnxc::winogradF43Weights(llvm::ArrayRef<double> g, int64_t filters,
                                                   int64_t channels, int64_t sliverRows) {
  // u[e][m, c] row-major, then each e's matrix packed into slivers.
  const int64_t matrix = filters * channels;
  llvm::SmallVector<double> u(36 * matrix), packed(36 * matrix);
  for (int64_t m = 0; m < filters; ++m)
    for (int64_t c = 0; c < channels; ++c) {
      const double *k = g.data() + (m * channels + c) * 9;
      double gk[6][3]; // G g
      for (int i = 0; i < 6; ++i)
        for (int j = 0; j < 3; ++j)
          gk[i][j] = kG[i][0] * k[j] + kG[i][1] * k[3 + j] + kG[i][2] * k[6 + j];
      for (int i = 0; i < 6; ++i)
        for (int j = 0; j < 6; ++j)
          u[(i * 6 + j) * matrix + m * channels + c] =
              gk[i][0] * kG[j][0] + gk[i][1] * kG[j][1] + gk[i][2] * kG[j][2];
    }
  for (int64_t e = 0; e < 36; ++e)
    packSlivers(llvm::ArrayRef(u).slice(e * matrix, matrix), filters, channels, sliverRows,
                llvm::MutableArrayRef(packed).slice(e * matrix, matrix));
  return packed;
}

// WinogradBuffers::total for n tiles with V's panels rounded up to 64 tiles
// and the transforms' rows to 16 floats: no target's is larger.
bool onnxc::winogradTileRowFits(int64_t channels, int64_t filters, int64_t outW) {
  const int64_t n = (outW + 3) / 4 + 1, vectors = (n + 15) / 16 * 16;
  const int64_t panels = (n + 63) / 64 * 64;
  return 36 * channels * panels + 36 * filters * n + 49 * (vectors + 16) <= kWinogradScratchFloats;
}

namespace {

/// The fewest 4x4 output tiles per plane for which the Winograd path wins.
/// conv_winograd.h against the implicit GEMM (prepacked), same-run best of
/// 40, AVX-512, one thread, channels = filters: 16 @ 56x56 0.93, 32 @ 28x28
/// 0.75, 32 @ 56x56 0.72, 64 @ 14x14 (16 tiles) 0.92, 64 @ 28x28 0.54 of
/// the time; 128 @ 7x7 (4 tiles: GEMMs 4 columns wide) 2.34.
constexpr int64_t kMinTiles = 16;

bool isAll(std::optional<ArrayAttr> attr, int64_t value) {
  if (!attr)
    return true;
  return llvm::all_of(*attr, [&](Attribute a) {
    return llvm::cast<IntegerAttr>(a).getInt() == value;
  });
}

/// Transforms `conv`'s weights when it qualifies; false (IR unchanged) otherwise.
bool transform(ConvOp conv, int64_t sliverRows) {
  Value w = conv.getW();
  auto cst = w.getDefiningOp<ConstantOp>();
  auto type = llvm::dyn_cast<RankedTensorType>(w.getType());
  auto out = llvm::dyn_cast<RankedTensorType>(conv.getY().getType());
  if (!cst || !w.hasOneUse() || !type || !type.hasStaticShape() || type.getRank() != 4 ||
      !type.getElementType().isF32() || conv->hasAttr(kPrepackedRowsAttr) ||
      conv->hasAttr(kWinogradRowsAttr) || !out || out.getRank() != 4)
    return false;
  const int64_t filters = type.getDimSize(0), channels = type.getDimSize(1);
  if (conv.getGroup() != 1 || type.getDimSize(2) != 3 || type.getDimSize(3) != 3 ||
      !isAll(conv.getStrides(), 1) || !isAll(conv.getDilations(), 1))
    return false;
  const int64_t outH = out.getDimSize(2), outW = out.getDimSize(3);
  if (ShapedType::isDynamic(outH) || ShapedType::isDynamic(outW) ||
      (outH + 3) / 4 * ((outW + 3) / 4) < kMinTiles ||
      !winogradTileRowFits(channels, filters, outW))
    return false;
  auto g = constantValues(w);
  if (!g)
    return false;
  llvm::SmallVector<double> packed = winogradF43Weights(*g, filters, channels, sliverRows);
  OpBuilder builder(cst);
  auto uType = RankedTensorType::get({filters, channels, 6, 6}, type.getElementType());
  conv->setOperand(1, makeConstant(builder, cst.getLoc(), uType, packed));
  cst.erase();
  conv->setAttr(kWinogradRowsAttr, builder.getI64IntegerAttr(sliverRows));
  return true;
}

struct WinogradWeights : onnxc::impl::WinogradWeightsBase<WinogradWeights> {
  using WinogradWeightsBase::WinogradWeightsBase;
  void runOnOperation() override {
    if (sliverRows <= 0)
      return;
    getOperation().walk([&](ConvOp conv) { transform(conv, sliverRows); });
  }
};

} // namespace
