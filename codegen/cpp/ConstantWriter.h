//===- ConstantWriter.h - weights as C++ array definitions ------*- C++ -*-===//
#ifndef ONNXC_CODEGEN_CPP_CONSTANTWRITER_H
#define ONNXC_CODEGEN_CPP_CONSTANTWRITER_H

#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/Support/raw_ostream.h"

namespace onnxc::cpp {

/// Writes `alignas(64) const T name[N] = {...};` with every value exact
/// (floats as hexadecimal literals). Returns false for unsupported dtypes.
bool writeConstantArray(llvm::raw_ostream &os, llvm::StringRef name,
                        mlir::DenseElementsAttr value);

} // namespace onnxc::cpp

#endif
