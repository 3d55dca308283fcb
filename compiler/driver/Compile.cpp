//===- Compile.cpp - write generated files and build the library ----------===//
#include "compiler/driver/Compile.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

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
    error = "cannot find '" + args[0] + "' in PATH";
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

/// Builds DIR/libNAME.a (or copies the source) for one target inside
/// `scratch`; appends the finished files and their names (relative to the
/// output folder) to `results`.
static bool buildForTarget(const Target &target, const cpp::EmittedModel &model,
                           const std::string &name, StringRef scratch, StringRef subdir,
                           bool buildLib,
                           std::vector<std::pair<std::string, std::string>> &results,
                           std::string &error) {
  std::string dir = (scratch + (subdir.empty() ? "" : "/" + subdir)).str();
  if (std::error_code ec = sys::fs::create_directories(dir)) {
    error = "cannot create " + dir + ": " + ec.message();
    return false;
  }
  std::string prefix = subdir.empty() ? "" : (subdir + "/").str();
  std::string header = dir + "/" + name + ".h";
  std::string source = dir + "/" + name + target.sourceSuffix;
  if (!writeFile(header, model.header, error) || !writeFile(source, model.source, error))
    return false;
  results.push_back({header, prefix + name + ".h"});
  if (!buildLib) {
    results.push_back({source, prefix + name + target.sourceSuffix});
    return true;
  }
  std::string object = dir + "/" + name + ".o";
  std::string library = dir + "/lib" + name + ".a";
  std::vector<std::string> compile = {target.compiler()};
  compile.insert(compile.end(), target.cxxFlags.begin(), target.cxxFlags.end());
  compile.insert(compile.end(), {"-c", source, "-o", object});
  std::string log = dir + "/log.txt";
  if (!run(compile, log, error) || !run({target.ar.program, "rcs", library, object}, log, error))
    return false;
  results.push_back({library, prefix + "lib" + name + ".a"});
  return true;
}

bool writeOutputs(const std::vector<TargetOutput> &targets, const std::string &name,
                  const std::string &outDir, bool buildLib,
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

  // One target writes into DIR itself, several into DIR/<target>/ each.
  std::vector<std::pair<std::string, std::string>> results;
  for (const TargetOutput &t : targets)
    if (!buildForTarget(*t.target, *t.model, name, scratch, targets.size() > 1 ? t.target->name : "",
                        buildLib, results, error))
      return false;
  for (auto &[from, to] : results) {
    std::string dest = outDir + "/" + to;
    std::error_code ec = sys::fs::create_directories(sys::path::parent_path(dest));
    if (!ec)
      ec = sys::fs::rename(from, dest);
    if (ec) {
      error = "cannot move " + to + " into " + outDir + ": " + ec.message();
      return false;
    }
  }
  return true;
}

} // namespace onnxc
