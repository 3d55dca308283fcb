//===- Target.h - the targets onnxc compiles for ----------------*- C++ -*-===//
#ifndef ONNXC_TARGETS_TARGET_H
#define ONNXC_TARGETS_TARGET_H

#include <string>
#include <vector>

namespace onnxc {

/// How to turn generated C++ into a static library for one target. The
/// descriptions are the table in Target.cpp.
struct Target {
  std::string name;
  std::string description;
  std::string cxx;                    ///< C++ compiler (overridden by $CXX on the host)
  std::vector<std::string> cxxFlags;  ///< flags for the generated code
  std::string ar;                     ///< archiver
};

/// The target called `name`, or null when there is none.
const Target *findTarget(const std::string &name);

/// Every known target, for --list-targets and error messages.
const std::vector<Target> &allTargets();

} // namespace onnxc

#endif
