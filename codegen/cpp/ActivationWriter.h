//===- ActivationWriter.h - activation formulas as C++ ------------*- C++ -*-===//
//
// One formula per activation, used both by the standalone elementwise op and
// by the epilogue of a kernel the activation was fused into.
//
//===----------------------------------------------------------------------===//
#ifndef ONNXC_CODEGEN_CPP_ACTIVATIONWRITER_H
#define ONNXC_CODEGEN_CPP_ACTIVATIONWRITER_H

#include "codegen/cpp/NodeWriter.h"
#include "passes/Activation.h"

namespace onnxc::cpp {

/// C++ expression over `x` computing `act` for elements of C++ type `type`
/// (empty when act.name is not an activation of Activation.h).
std::string activationExpr(const Activation &act, llvm::StringRef type);

/// The epilogue argument of `w.op`'s kernel call: a lambda applying the
/// activation fused into it, or `Identity{}`.
std::string epilogueArg(const NodeWriter &w);

} // namespace onnxc::cpp

#endif
