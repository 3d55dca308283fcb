//===- NnChecks.h - operand helpers shared by the NN op emitters -*- C++ -*-===//
#ifndef ONNXC_CODEGEN_CPP_EMITTERS_NNCHECKS_H
#define ONNXC_CODEGEN_CPP_EMITTERS_NNCHECKS_H

#include "codegen/cpp/NodeWriter.h"

namespace onnxc::cpp {

/// Operand i, or a typed null pointer (kernels deduce their element type from
/// every pointer argument, so a bare nullptr would not do).
std::string optionalIn(const NodeWriter &w, unsigned i, const std::string &type);

/// Fails unless result 0 and the present operands among the first `operands`
/// share one element type (the kernels take a single T), which must be float
/// or double when `floatOnly` (ops that average or scale), and not bool.
mlir::LogicalResult requireType(const NodeWriter &w, unsigned operands, bool floatOnly);

} // namespace onnxc::cpp

#endif
