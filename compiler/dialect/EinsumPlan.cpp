//===- EinsumPlan.cpp - Einsum subscripts as one strided loop nest --------===//
#include "compiler/dialect/EinsumPlan.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

#include <algorithm>

using namespace llvm;

namespace onnxc {
namespace {

constexpr char kEllipsis = '*';

/// A term's labels with its ellipsis as one kEllipsis; an error message
/// when it is not letters and at most one "...".
std::string parseTerm(StringRef text, std::string &labels) {
  labels.clear();
  for (size_t i = 0; i < text.size(); ++i) {
    if (isAlpha(text[i])) {
      labels += text[i];
    } else if (text.substr(i).starts_with("...") && labels.find(kEllipsis) == std::string::npos) {
      labels += kEllipsis;
      i += 2;
    } else {
      return "subscripts '" + text.str() + "' are not letters and at most one '...'";
    }
  }
  return "";
}

/// Splits the equation (spaces removed) into its input terms and output term.
std::string splitEquation(StringRef equation, SmallVectorImpl<std::string> &inputs,
                          std::string &output, bool &explicitOutput) {
  std::string compact;
  for (char c : equation)
    if (c != ' ')
      compact += c;
  StringRef lhs = compact, rhs;
  size_t arrow = lhs.find("->");
  explicitOutput = arrow != StringRef::npos;
  if (explicitOutput) {
    rhs = lhs.substr(arrow + 2);
    lhs = lhs.substr(0, arrow);
  }
  SmallVector<StringRef> terms;
  lhs.split(terms, ',');
  for (StringRef t : terms) {
    if (std::string err = parseTerm(t, inputs.emplace_back()); !err.empty())
      return err;
  }
  return parseTerm(rhs, output);
}

} // namespace

int64_t einsumOperandCount(StringRef equation) {
  SmallVector<std::string> inputs;
  std::string output;
  bool explicitOutput;
  if (!splitEquation(equation, inputs, output, explicitOutput).empty())
    return -1;
  return inputs.size();
}

std::string planEinsum(StringRef equation, ArrayRef<SmallVector<int64_t>> inputs,
                       EinsumPlan &plan) {
  SmallVector<std::string> terms;
  std::string outTerm;
  bool explicitOutput;
  if (std::string err = splitEquation(equation, terms, outTerm, explicitOutput); !err.empty())
    return err;
  if (terms.size() != inputs.size())
    return "the equation names " + std::to_string(terms.size()) + " operands, the op has " +
           std::to_string(inputs.size());

  // Label ids: ellipsis dims 0..E-1 (right-aligned across operands), then
  // E + the letter.
  int64_t ellipsisRank = 0;
  SmallVector<int64_t> ellipsisDims;
  for (auto [term, shape] : llvm::zip(terms, inputs)) {
    int64_t letters = term.size() - llvm::count(term, kEllipsis);
    int64_t extra = (int64_t)shape.size() - letters;
    if (extra < 0 || (extra > 0 && term.find(kEllipsis) == std::string::npos))
      return "subscripts '" + term + "' do not match an operand of rank " +
             std::to_string(shape.size());
    ellipsisDims.push_back(extra);
    ellipsisRank = std::max(ellipsisRank, extra);
  }
  auto letterId = [&](char c) { return ellipsisRank + (unsigned char)c; };
  SmallVector<int64_t> size(ellipsisRank + 256, -1), seen(ellipsisRank + 256, 0);
  SmallVector<SmallVector<int64_t>> ids(inputs.size());
  for (size_t k = 0; k < inputs.size(); ++k) {
    for (char c : terms[k]) {
      if (c != kEllipsis) {
        ids[k].push_back(letterId(c));
        continue;
      }
      for (int64_t j = ellipsisRank - ellipsisDims[k]; j < ellipsisRank; ++j)
        ids[k].push_back(j);
    }
    for (auto [id, dim] : llvm::zip(ids[k], inputs[k])) {
      ++seen[id];
      bool broadcasts = id < ellipsisRank && (dim == 1 || size[id] == 1);
      if (size[id] >= 0 && size[id] != dim && !broadcasts)
        return "a subscript stands for dims of sizes " + std::to_string(size[id]) + " and " +
               std::to_string(dim);
      if (size[id] < 0 || size[id] == 1)
        size[id] = dim;
    }
  }

  SmallVector<int64_t> order; // loop dims: the output's, then the summed ones
  if (explicitOutput) {
    for (char c : outTerm) {
      if (c == kEllipsis) {
        for (int64_t j = 0; j < ellipsisRank; ++j)
          order.push_back(j);
        continue;
      }
      if (!seen[letterId(c)] || llvm::is_contained(order, letterId(c)))
        return std::string("output subscript '") + c + "' is not an input subscript or repeats";
      order.push_back(letterId(c));
    }
  } else {
    for (int64_t j = 0; j < ellipsisRank; ++j)
      order.push_back(j);
    for (int c = 0; c < 256; ++c)
      if (seen[letterId(c)] == 1)
        order.push_back(letterId(c));
  }
  plan.outputRank = order.size();
  for (int64_t id = 0; id < (int64_t)size.size(); ++id)
    if (seen[id] && !llvm::is_contained(order, id))
      order.push_back(id);

  plan.loops.clear();
  for (int64_t id : order)
    plan.loops.push_back(size[id]);
  plan.strides.assign(inputs.size(), SmallVector<int64_t>(order.size(), 0));
  for (size_t k = 0; k < inputs.size(); ++k) {
    int64_t stride = 1;
    for (int64_t p = (int64_t)inputs[k].size() - 1; p >= 0; --p) {
      int64_t loop = llvm::find(order, ids[k][p]) - order.begin();
      if (inputs[k][p] == plan.loops[loop])
        plan.strides[k][loop] += stride;
      stride *= inputs[k][p];
    }
  }
  return "";
}

} // namespace onnxc
