//===- Compile.cpp - write generated files and build the library ----------===//
#include "compiler/driver/Compile.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>

using namespace llvm;

namespace onnxc {

static bool writeFile(const Twine &path, StringRef text, std::string &error) {
  std::error_code ec;
  raw_fd_ostream os(path.str(), ec);
  if (!ec)
    os << text;
  os.close();
  if (ec || os.has_error()) {
    error = "cannot write " + path.str();
    return false;
  }
  return true;
}

/// Runs `args` (args[0] looked up in PATH); on failure `error` gets the
/// command and the start of its stderr.
static bool run(std::vector<std::string> args, StringRef logPath, std::string &error) {
  auto program = sys::findProgramByName(args[0]);
  if (!program) {
    error = "cannot find '" + args[0] + "' (install a C++ toolchain, e.g. g++)";
    return false;
  }
  SmallVector<StringRef> argv(args.begin(), args.end());
  std::optional<StringRef> redirects[] = {std::nullopt, StringRef(logPath), StringRef(logPath)};
  std::string execError;
  int rc = sys::ExecuteAndWait(*program, argv, std::nullopt, redirects, 0, 0, &execError);
  if (rc == 0)
    return true;
  std::string log;
  if (auto buf = MemoryBuffer::getFile(logPath))
    log = (*buf)->getBuffer().take_front(4000).str();
  error = "'" + join(args, " ") + "' failed" + (execError.empty() ? "" : ": " + execError) +
          "\n" + log;
  return false;
}

bool writeOutputs(const Target &target, const cpp::EmittedModel &model,
                  const std::string &name, const std::string &outDir, bool buildLib,
                  std::string &error) {
  if (std::error_code ec = sys::fs::create_directories(outDir)) {
    error = "cannot create " + outDir + ": " + ec.message();
    return false;
  }
  // createUniqueDirectory puts relative prefixes in the temp folder.
  SmallString<256> prefix(outDir + "/.onnxc-" + name), scratch;
  sys::fs::make_absolute(prefix);
  if (sys::fs::createUniqueDirectory(prefix, scratch)) {
    error = "cannot create a scratch folder in " + outDir;
    return false;
  }
  auto cleanup = make_scope_exit([&] { sys::fs::remove_directories(scratch); });

  std::string header = (scratch + "/" + name + ".h").str();
  std::string source = (scratch + "/" + name + ".cpp").str();
  std::string object = (scratch + "/" + name + ".o").str();
  std::string library = (scratch + "/lib" + name + ".a").str();
  if (!writeFile(header, model.header, error) || !writeFile(source, model.source, error))
    return false;

  std::vector<std::pair<std::string, std::string>> results = {{header, name + ".h"}};
  if (buildLib) {
    std::string cxx = target.cxx;
    if (target.name == "x86-64" && std::getenv("CXX"))
      cxx = std::getenv("CXX");
    std::vector<std::string> compile = {cxx};
    compile.insert(compile.end(), target.cxxFlags.begin(), target.cxxFlags.end());
    compile.insert(compile.end(), {"-c", source, "-o", object});
    std::string log = (scratch + "/log.txt").str();
    if (!run(compile, log, error) || !run({target.ar, "rcs", library, object}, log, error))
      return false;
    results.push_back({library, "lib" + name + ".a"});
  } else {
    results.push_back({source, name + ".cpp"});
  }
  for (auto &[from, to] : results)
    if (std::error_code ec = sys::fs::rename(from, outDir + "/" + to)) {
      error = "cannot move " + to + " into " + outDir + ": " + ec.message();
      return false;
    }
  return true;
}

} // namespace onnxc
