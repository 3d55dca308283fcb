//===- ConstantWriter.cpp - weights as C++ array definitions --------------===//
#include "codegen/cpp/ConstantWriter.h"
#include "codegen/cpp/NodeWriter.h"

#include "mlir/IR/BuiltinTypes.h"

#include <cmath>
#include <cstdio>

using namespace mlir;

namespace onnxc::cpp {

static void writeFloat(llvm::raw_ostream &os, double v, bool isFloat) {
  if (std::isnan(v)) {
    os << (std::signbit(v) ? "-NAN" : "NAN");
  } else if (std::isinf(v)) {
    os << (v < 0 ? "-INFINITY" : "INFINITY");
  } else {
    char buf[64];
    std::snprintf(buf, sizeof(buf), "%a", v);
    os << buf << (isFloat ? "f" : "");
  }
}

static void writeInt(llvm::raw_ostream &os, const llvm::APInt &v, IntegerType t) {
  if (t.getWidth() == 1) {
    os << (v.isZero() ? "false" : "true");
  } else if (t.isUnsigned()) {
    os << v.getZExtValue() << (t.getWidth() == 64 ? "ULL" : "u");
  } else if (t.getWidth() == 64 && v.isMinSignedValue()) {
    os << "(-9223372036854775807LL - 1)";
  } else if (t.getWidth() == 32 && v.isMinSignedValue()) {
    os << "(-2147483647 - 1)";
  } else {
    os << v.getSExtValue() << (t.getWidth() == 64 ? "LL" : "");
  }
}

bool writeConstantArray(llvm::raw_ostream &os, llvm::StringRef name,
                        DenseElementsAttr value) {
  Type elem = value.getElementType();
  std::string type = cppType(elem);
  if (type.empty())
    return false;
  int64_t n = value.getNumElements();
  // C++ has no zero-length arrays; such a tensor is never read.
  os << "alignas(64) const " << type << " " << name << "[" << std::max<int64_t>(n, 1)
     << "] = {";
  int64_t i = 0;
  auto sep = [&] { os << (i % 8 == 0 ? "\n  " : " "); };
  if (!halfKind(elem).empty()) { // float16/bfloat16: their bits (cppType uint16_t)
    for (const llvm::APFloat &v : value.getValues<llvm::APFloat>()) {
      sep();
      os << v.bitcastToAPInt().getZExtValue() << "u,";
      ++i;
    }
  } else if (auto f = llvm::dyn_cast<FloatType>(elem)) {
    for (const llvm::APFloat &v : value.getValues<llvm::APFloat>()) {
      sep();
      writeFloat(os, v.convertToDouble(), f.isF32());
      os << ",";
      ++i;
    }
  } else {
    auto it = llvm::cast<IntegerType>(elem);
    for (const llvm::APInt &v : value.getValues<llvm::APInt>()) {
      sep();
      writeInt(os, v, it);
      os << ",";
      ++i;
    }
  }
  if (n == 0)
    os << "0";
  os << "\n};\n";
  return true;
}

} // namespace onnxc::cpp
