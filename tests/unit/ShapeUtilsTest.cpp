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
}

TEST(Axis, Normalize) {
  EXPECT_EQ(normalizeAxis(-1, 4), 3);
  EXPECT_EQ(normalizeAxis(0, 4), 0);
  EXPECT_EQ(normalizeAxis(-4, 4), 0);
  EXPECT_FALSE(normalizeAxis(4, 4).has_value());
  EXPECT_FALSE(normalizeAxis(-5, 4).has_value());
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
}

TEST(Window, ValidIgnoresPadsAndDilationWidensTheKernel) {
  EXPECT_EQ(window({10}, {3}, {1}, {}, "VALID").out, (Shape{8}));
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
}
