//===- Target.cpp - the targets onnxc compiles for ------------------------===//
#include "targets/Target.h"

namespace onnxc {

// Flags every target shares: the generated code needs no exceptions, RTTI or
// thread-safe statics (so `nm -u` shows only libc/libm).
static std::vector<std::string> commonFlags(std::vector<std::string> extra) {
  std::vector<std::string> flags = {"-std=c++17", "-O2", "-fno-exceptions", "-fno-rtti",
                                    "-fno-threadsafe-statics", "-fno-math-errno"};
  flags.insert(flags.end(), extra.begin(), extra.end());
  return flags;
}

const std::vector<Target> &allTargets() {
  static const std::vector<Target> targets = {
      {"x86-64", "the host x86-64 CPU, with all of its ISA extensions (-march=native)",
       "c++", commonFlags({"-march=native", "-fPIC"}), "ar"},
  };
  return targets;
}

const Target *findTarget(const std::string &name) {
  for (const Target &t : allTargets())
    if (t.name == name)
      return &t;
  return nullptr;
}

} // namespace onnxc
