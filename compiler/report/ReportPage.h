//===- ReportPage.h - the compile report as a web page -----------*- C++ -*-===//
#ifndef ONNXC_COMPILER_REPORT_REPORTPAGE_H
#define ONNXC_COMPILER_REPORT_REPORTPAGE_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace onnxc {

/// A self-contained HTML page (no network, no external files) showing the
/// report `json`: summary figures, node count per pass, and the graph before
/// and after optimization drawn as SVG by the page's own script.
std::string reportPage(llvm::StringRef json);

} // namespace onnxc

#endif
