//===- ShapeUtilsTest.cpp - broadcasting, axes and window geometry --------===//
//
// Expected values are worked out from the ONNX operator spec by hand.
//
//===----------------------------------------------------------------------===//
#include "compiler/dialect/ShapeUtils.h"

#include <gtest/gtest.h>

using namespace onnxc;
using Shape = llvm::SmallVector<int64_t>;

TEST(Broadcast, NumpyRules) {
  Shape out;
  ASSERT_TRUE(broadcastShapes({2, 1, 4}, {3, 1}, out));
  EXPECT_EQ(out, (Shape{2, 3, 4}));
  ASSERT_TRUE(broadcastShapes({}, {5}, out));
  EXPECT_EQ(out, (Shape{5}));
  ASSERT_TRUE(broadcastShapes({0, 1}, {1, 7}, out));
  EXPECT_EQ(out, (Shape{0, 7}));
  EXPECT_FALSE(broadcastShapes({2, 3}, {4, 3}, out));
  // 0 only broadcasts with 1 (or 0), never with another size.
  EXPECT_FALSE(broadcastShapes({0}, {3}, out));
  // Scalars with scalars; the order of the operands does not matter.
  ASSERT_TRUE(broadcastShapes({}, {}, out));
  EXPECT_EQ(out, (Shape{}));
  ASSERT_TRUE(broadcastShapes({3, 1}, {2, 1, 4}, out));
  EXPECT_EQ(out, (Shape{2, 3, 4}));
}

TEST(Axis, Normalize) {
  EXPECT_EQ(normalizeAxis(-1, 4), 3);
  EXPECT_EQ(normalizeAxis(0, 4), 0);
  EXPECT_EQ(normalizeAxis(-4, 4), 0);
  EXPECT_FALSE(normalizeAxis(4, 4).has_value());
  EXPECT_FALSE(normalizeAxis(-5, 4).has_value());
  // A scalar has no axis at all.
  EXPECT_FALSE(normalizeAxis(0, 0).has_value());
}

static WindowGeometry window(Shape in, Shape kernel, Shape strides, Shape pads,
                             llvm::StringRef autoPad, bool ceil = false, Shape dilations = {}) {
  WindowGeometry geo;
  std::optional<Shape> p = pads.empty() ? std::nullopt : std::optional<Shape>(pads);
  std::optional<Shape> d = dilations.empty() ? std::nullopt : std::optional<Shape>(dilations);
  EXPECT_EQ(computeWindow(in, kernel, strides, d, p, autoPad, ceil, geo), "");
  return geo;
}

TEST(Window, ExplicitPads) {
  // floor((32 + 1 + 2 - 3) / 2) + 1 = 17
  WindowGeometry g = window({32}, {3}, {2}, {1, 2}, "NOTSET");
  EXPECT_EQ(g.out, (Shape{17}));
  EXPECT_EQ(g.padBegin, (Shape{1}));
  EXPECT_EQ(g.padEnd, (Shape{2}));
}

TEST(Window, PadsListAllBeginsThenAllEnds) {
  // ONNX pads are [x1_begin, x2_begin, x1_end, x2_end]: [1, 0, 2, 0] pads
  // dim 0 by 1 + 2 and leaves dim 1 alone. 32 + 3 - 3 + 1 = 33; 32 - 3 + 1 = 30.
  WindowGeometry g = window({32, 32}, {3, 3}, {1, 1}, {1, 0, 2, 0}, "NOTSET");
  EXPECT_EQ(g.out, (Shape{33, 30}));
  EXPECT_EQ(g.padBegin, (Shape{1, 0}));
  EXPECT_EQ(g.padEnd, (Shape{2, 0}));
}

TEST(Window, SameUpperAndLower) {
  // in 5, k 4, s 1: out 5, total pad 3 -> upper puts the odd one at the end.
  WindowGeometry up = window({5}, {4}, {1}, {}, "SAME_UPPER");
  EXPECT_EQ(up.out, (Shape{5}));
  EXPECT_EQ(up.padBegin, (Shape{1}));
  EXPECT_EQ(up.padEnd, (Shape{2}));
  WindowGeometry low = window({5}, {4}, {1}, {}, "SAME_LOWER");
  EXPECT_EQ(low.padBegin, (Shape{2}));
  EXPECT_EQ(low.padEnd, (Shape{1}));
  // Stride 2 on 7: out ceil(7/2) = 4, total (4-1)*2 + 3 - 7 = 2.
  WindowGeometry s2 = window({7}, {3}, {2}, {}, "SAME_UPPER");
  EXPECT_EQ(s2.out, (Shape{4}));
  EXPECT_EQ(s2.padBegin, (Shape{1}));
  EXPECT_EQ(s2.padEnd, (Shape{1}));
  // Dilation counts in the padding: k 2, d 3 spans 4; in 10, s 1 -> out 10,
  // total 9 + 4 - 10 = 3.
  WindowGeometry dil = window({10}, {2}, {1}, {}, "SAME_UPPER", false, {3});
  EXPECT_EQ(dil.out, (Shape{10}));
  EXPECT_EQ(dil.padBegin, (Shape{1}));
  EXPECT_EQ(dil.padEnd, (Shape{2}));
  // A stride larger than the kernel needs no padding: in 8, k 1, s 3 ->
  // out 3, total max(0, 2*3 + 1 - 8) = 0.
  WindowGeometry none = window({8}, {1}, {3}, {}, "SAME_LOWER");
  EXPECT_EQ(none.out, (Shape{3}));
  EXPECT_EQ(none.padBegin, (Shape{0}));
  EXPECT_EQ(none.padEnd, (Shape{0}));
  // SAME ignores explicit pads and ceil_mode: out is ceil(in / stride).
  EXPECT_EQ(window({7}, {3}, {2}, {5, 5}, "SAME_UPPER", true).out, (Shape{4}));
}

TEST(Window, ValidIgnoresPadsAndDilationWidensTheKernel) {
  EXPECT_EQ(window({10}, {3}, {1}, {}, "VALID").out, (Shape{8}));
  // VALID: ceil((10 - 3 + 1) / 2) = 4 windows, with the pads ignored.
  WindowGeometry v = window({10}, {3}, {2}, {4, 4}, "VALID");
  EXPECT_EQ(v.out, (Shape{4}));
  EXPECT_EQ(v.padBegin, (Shape{0}));
  EXPECT_EQ(v.padEnd, (Shape{0}));
  // dilation 2 makes a 3-tap kernel span 5: floor((10 - 5) / 1) + 1 = 6.
  EXPECT_EQ(window({10}, {3}, {1}, {}, "NOTSET", false, {2}).out, (Shape{6}));
}

TEST(Window, CeilMode) {
  // 6, k 3, s 2: floor 2 windows, ceil 3 (the last one overhangs by 1).
  EXPECT_EQ(window({6}, {3}, {2}, {}, "NOTSET", false).out, (Shape{2}));
  EXPECT_EQ(window({6}, {3}, {2}, {}, "NOTSET", true).out, (Shape{3}));
  // 5, k 2, s 2, pad end 1: 3 windows; the third starts at 4, inside the
  // input, so it stays.
  EXPECT_EQ(window({5}, {2}, {2}, {0, 1}, "NOTSET", true).out, (Shape{3}));
  // 4, k 2, s 2, pad end 1: ceil((4+1-2)/2)+1 = 3, but a window starting at
  // 4 would lie entirely in the padding, so it is dropped.
  EXPECT_EQ(window({4}, {2}, {2}, {0, 1}, "NOTSET", true).out, (Shape{2}));
}

TEST(Window, Errors) {
  WindowGeometry geo;
  EXPECT_NE(computeWindow({4}, {5}, std::nullopt, std::nullopt, std::nullopt, "NOTSET", false, geo), "");
  EXPECT_NE(computeWindow({4}, {2}, Shape{0}, std::nullopt, std::nullopt, "NOTSET", false, geo), "");
  EXPECT_NE(computeWindow({4}, {2}, std::nullopt, std::nullopt, std::nullopt, "WRONG", false, geo), "");
  // Kernel rank differs from the spatial rank; pads of the wrong length.
  EXPECT_NE(computeWindow({4, 4}, {2}, std::nullopt, std::nullopt, std::nullopt, "NOTSET", false, geo), "");
  EXPECT_NE(computeWindow({4, 4}, {2, 2}, std::nullopt, std::nullopt, Shape{1, 1}, "NOTSET", false, geo), "");
  EXPECT_NE(computeWindow({4}, {2}, std::nullopt, Shape{0}, std::nullopt, "NOTSET", false, geo), "");
}

// Shape-15's start/end: negative values count from the end, then both clamp
// to [0, rank]; an end before the start gives an empty range.
TEST(ShapeOp, Range) {
  using Range = std::pair<int64_t, int64_t>;
  EXPECT_EQ(shapeOpRange(3, std::nullopt, std::nullopt), (Range{0, 3}));
  EXPECT_EQ(shapeOpRange(3, 1, std::nullopt), (Range{1, 3}));
  EXPECT_EQ(shapeOpRange(3, -1, std::nullopt), (Range{2, 3}));
  EXPECT_EQ(shapeOpRange(3, std::nullopt, -1), (Range{0, 2}));
  EXPECT_EQ(shapeOpRange(3, -10, 10), (Range{0, 3}));
  EXPECT_EQ(shapeOpRange(3, 5, std::nullopt), (Range{3, 3}));
  EXPECT_EQ(shapeOpRange(3, 2, 1), (Range{2, 2}));
}
