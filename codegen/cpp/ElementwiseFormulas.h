//===- ElementwiseFormulas.h - per-element formulas of simple ops -*- C++ -*-===//
//
// One formula per op type for the ops without attributes, shared by the
// standalone node (emitters/ElementwiseEmitters.cpp) and a fused loop
// (emitters/FusedEmitter.cpp), so the two always compute alike.
//
//===----------------------------------------------------------------------===//
#ifndef ONNXC_CODEGEN_CPP_ELEMENTWISEFORMULAS_H
#define ONNXC_CODEGEN_CPP_ELEMENTWISEFORMULAS_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace onnxc::cpp {

/// C++ expression over `x` for a unary op type ("Exp"), or empty.
std::string unaryFormula(llvm::StringRef opType);

/// C++ expression over `a` and `b` for a binary op type ("Add"), or empty.
std::string binaryFormula(llvm::StringRef opType);

} // namespace onnxc::cpp

#endif
