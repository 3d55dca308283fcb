//===- ModelLoader.cpp - read and prepare an ONNX ModelProto -------------===//
#include "compiler/importer/ModelLoader.h"

#include "llvm/ADT/STLExtras.h"

#include <onnx/checker.h>
#include <onnx/shape_inference/implementation.h>
#include <onnx/version_converter/convert.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace onnxc {

/// Largest element count accepted for one tensor (2^32): more than any edge
/// device holds, small enough that byte sizes cannot overflow.
constexpr int64_t kMaxElements = int64_t(1) << 32;

static bool readFile(const fs::path &path, std::string &bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  bytes = ss.str();
  return !in.bad();
}

/// Replaces external data of `tensor` by its bytes, read from a file inside
/// `modelDir`. Locations that leave that folder are refused.
static bool inlineExternalData(onnx::TensorProto &tensor, const fs::path &modelDir,
                               std::string &error) {
  std::string location;
  int64_t offset = 0, length = -1;
  for (const auto &kv : tensor.external_data()) {
    try {
      if (kv.key() == "location")
        location = kv.value();
      else if (kv.key() == "offset")
        offset = std::stoll(kv.value());
      else if (kv.key() == "length")
        length = std::stoll(kv.value());
    } catch (const std::exception &) {
      error = "tensor '" + tensor.name() + "': bad external data " + kv.key();
      return false;
    }
  }
  std::string what = "tensor '" + tensor.name() + "': external data '" + location + "'";
  fs::path rel(location);
  if (location.empty() || rel.is_absolute()) {
    error = what + " must be a path relative to the model's folder";
    return false;
  }
  std::error_code ec;
  fs::path root = fs::canonical(modelDir, ec);
  fs::path file = fs::weakly_canonical(modelDir / rel, ec);
  auto [r, f] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
  if (ec || r != root.end()) {
    error = what + " is outside the model's folder";
    return false;
  }
  std::error_code sizeEc;
  int64_t size = fs::is_regular_file(file) ? (int64_t)fs::file_size(file, sizeEc) : -1;
  if (size < 0 || sizeEc) {
    error = what + " not found (looked for " + file.string() + ")";
    return false;
  }
  if (length < 0)
    length = size - offset;
  // offset + length may overflow: compare length with what is left instead.
  if (offset < 0 || length < 0 || offset > size || length > size - offset) {
    error = what + ": offset/length beyond the end of the file";
    return false;
  }
  std::ifstream in(file, std::ios::binary);
  std::string data(length, '\0');
  in.seekg(offset);
  if (!in.read(data.data(), length)) {
    error = what + ": read failed";
    return false;
  }
  tensor.set_raw_data(std::move(data));
  tensor.clear_external_data();
  tensor.set_data_location(onnx::TensorProto::DEFAULT);
  return true;
}

static bool checkDims(const std::string &what, const std::vector<int64_t> &dims,
                      std::string &error) {
  int64_t count = 1;
  for (int64_t d : dims) {
    if (d < 0 || (d > 0 && count > kMaxElements / d)) {
      error = what + " has an invalid or absurd shape (over 2^32 elements)";
      return false;
    }
    count *= d;
  }
  return true;
}

/// Applies --shape overrides, sets --max-dim symbols to their maxima and
/// requires every other graph input dim to be static.
static bool fixInputShapes(onnx::GraphProto &graph, const ImportOptions &options,
                           InputDimSymbols &symbols, std::string &error) {
  std::set<std::string> usedSymbols;
  std::set<std::string> initializers;
  for (const auto &t : graph.initializer())
    initializers.insert(t.name());
  std::set<std::string> used;
  for (auto &input : *graph.mutable_input()) {
    if (initializers.count(input.name()))
      continue;
    if (!input.type().has_tensor_type()) {
      if (options.inputShapes.count(input.name())) {
        error = "--shape names '" + input.name() + "', which is not a tensor; use --sequence "
                "for a sequence";
        return false;
      }
      continue; // sequences and optionals: the importer reads --sequence and --absent
    }
    auto *shape = input.mutable_type()->mutable_tensor_type()->mutable_shape();
    auto it = options.inputShapes.find(input.name());
    if (it != options.inputShapes.end()) {
      used.insert(it->first);
      shape->clear_dim();
      for (int64_t d : it->second)
        shape->add_dim()->set_dim_value(d);
    }
    std::vector<int64_t> dims;
    std::vector<std::string> names;
    for (auto &d : *shape->mutable_dim()) {
      auto max = d.has_dim_param()
                     ? llvm::find_if(options.maxDims,
                                     [&](const auto &m) { return m.first == d.dim_param(); })
                     : options.maxDims.end();
      names.push_back(max != options.maxDims.end() ? max->first : "");
      if (max != options.maxDims.end()) {
        usedSymbols.insert(max->first);
        d.set_dim_value(max->second);
      }
      if (!d.has_dim_value()) {
        std::string sym = d.has_dim_param() ? "'" + d.dim_param() + "'" : "unknown";
        error = "input '" + input.name() + "' has a " + sym +
                " dimension; give it a size with --shape " + input.name() + "=AxBx..." +
                (d.has_dim_param() ? " or a maximum with --max-dim " + d.dim_param() + "=N"
                                   : "");
        return false;
      }
      dims.push_back(d.dim_value());
    }
    if (!checkDims("input '" + input.name() + "'", dims, error))
      return false;
    if (llvm::any_of(names, [](const std::string &n) { return !n.empty(); }))
      symbols[input.name()] = names;
  }
  for (const auto &[name, max] : options.maxDims)
    if (!usedSymbols.count(name)) {
      error = "--max-dim names '" + name + "', which is not a symbolic dimension (dim_param) "
              "of any input the model has" +
              (options.inputShapes.empty() ? "" : " without a --shape");
      return false;
    }
  for (const auto &[name, dims] : options.inputShapes)
    if (!used.count(name)) {
      error = "--shape names '" + name + "', which is not an input of the model";
      return false;
    }
  auto isCompositeInput = [&](const std::string &name) {
    for (const auto &input : graph.input())
      if (input.name() == name && !initializers.count(name))
        return !input.type().has_tensor_type();
    return false;
  };
  for (const auto &[name, shapes] : options.sequenceShapes)
    if (!isCompositeInput(name)) {
      error = "--sequence names '" + name + "', which is not a sequence input of the model";
      return false;
    }
  for (const auto &name : options.absentInputs)
    if (!isCompositeInput(name)) {
      error = "--absent names '" + name + "', which is not an optional input of the model";
      return false;
    }
  return true;
}

/// The version converter's IR knows only tensors: it drops the types of
/// sequence and optional graph inputs and outputs, which the importer needs.
static void restoreCompositeTypes(const onnx::GraphProto &original, onnx::GraphProto &converted) {
  auto restore = [](const auto &from, auto &to) {
    for (auto &vi : to)
      for (const auto &o : from)
        if (o.name() == vi.name() && !o.type().has_tensor_type() && o.has_type())
          *vi.mutable_type() = o.type();
  };
  restore(original.input(), *converted.mutable_input());
  restore(original.output(), *converted.mutable_output());
}

/// Before opset 7, PRelu's slope of shape [C] applied per channel (axis 1),
/// as PyTorch exported it; numpy broadcasting from opset 7 on aligns it with
/// the last axis instead. A constant slope of X's channel count becomes
/// [C, 1, ..., 1] so that the converted model keeps the old meaning.
static void reshapeLegacyPreluSlopes(onnx::GraphProto &graph) {
  auto rankAndChannels = [&](const std::string &name) -> std::pair<int, int64_t> {
    auto find = [&](const auto &infos) -> std::pair<int, int64_t> {
      for (const auto &vi : infos)
        if (vi.name() == name && vi.type().tensor_type().has_shape()) {
          const auto &shape = vi.type().tensor_type().shape();
          int rank = shape.dim_size();
          return {rank, rank >= 2 && shape.dim(1).has_dim_value() ? shape.dim(1).dim_value() : -1};
        }
      return {-1, -1};
    };
    auto found = find(graph.input());
    return found.first >= 0 ? found : find(graph.value_info());
  };
  for (const auto &node : graph.node()) {
    if (node.op_type() != "PRelu" || node.input_size() != 2)
      continue;
    auto [rank, channels] = rankAndChannels(node.input(0));
    for (auto &t : *graph.mutable_initializer()) {
      if (t.name() != node.input(1) || rank < 3 || t.dims_size() != 1 || t.dims(0) != channels ||
          channels < 2)
        continue;
      for (int i = 2; i < rank; ++i)
        t.add_dims(1);
      // Old models also list initializers as graph inputs.
      for (auto &input : *graph.mutable_input())
        if (input.name() == t.name() && input.type().tensor_type().has_shape())
          for (int i = 2; i < rank; ++i)
            input.mutable_type()->mutable_tensor_type()->mutable_shape()->add_dim()->set_dim_value(1);
    }
  }
}

bool loadModel(const std::string &path, const ImportOptions &options,
               onnx::ModelProto &model, int64_t &opset, InputDimSymbols &symbols,
               std::string &error) {
  std::string bytes;
  if (!readFile(path, bytes)) {
    error = "cannot read the file";
    return false;
  }
  if (!model.ParseFromString(bytes)) {
    error = "not a valid ONNX model (protobuf parse failed)";
    return false;
  }
  if (!model.has_graph()) {
    error = "the model has no graph";
    return false;
  }
  fs::path dir = fs::path(path).parent_path();
  if (dir.empty())
    dir = ".";
  for (auto &t : *model.mutable_graph()->mutable_initializer()) {
    if (t.data_location() == onnx::TensorProto::EXTERNAL &&
        !inlineExternalData(t, dir, error))
      return false;
    if (!checkDims("initializer '" + t.name() + "'",
                   std::vector<int64_t>(t.dims().begin(), t.dims().end()), error))
      return false;
  }
  try {
    onnx::checker::check_model(model);
  } catch (const std::exception &e) {
    error = std::string("the ONNX checker rejects the model: ") + e.what();
    return false;
  }
  if (!fixInputShapes(*model.mutable_graph(), options, symbols, error))
    return false;

  opset = -1;
  for (const auto &o : model.opset_import())
    if (o.domain().empty() || o.domain() == "ai.onnx")
      opset = o.version();
  if (opset > kTargetOpset) {
    error = "opset " + std::to_string(opset) + " is newer than onnxc supports (" +
            std::to_string(kTargetOpset) + ")";
    return false;
  }
  try {
    // Some adapters need operand shapes; infer them (leniently) first.
    if (opset > 0 && opset < kTargetOpset) {
      onnx::shape_inference::InferShapes(model);
      if (opset < 7)
        reshapeLegacyPreluSlopes(*model.mutable_graph());
      onnx::GraphProto original = model.graph();
      model = onnx::version_conversion::ConvertVersion(model, kTargetOpset);
      restoreCompositeTypes(original, *model.mutable_graph());
    }
  } catch (const std::exception &e) {
    error = "cannot convert opset " + std::to_string(opset) + " to " +
            std::to_string(kTargetOpset) + ": " + e.what();
    return false;
  }
  try {
    onnx::ShapeInferenceOptions inferOptions(/*check_type=*/true, /*error_mode=*/1,
                                             /*enable_data_propagation=*/true);
    onnx::shape_inference::InferShapes(model, onnx::OpSchemaRegistry::Instance(),
                                       inferOptions);
  } catch (const std::exception &e) {
    error = std::string("shape inference failed: ") + e.what();
    return false;
  }
  return true;
}

} // namespace onnxc
