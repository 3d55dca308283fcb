//===- TensorConverter.cpp - ONNX TensorProto -> MLIR attribute ----------===//
#include "compiler/importer/TensorConverter.h"
#include "compiler/dialect/DataType.h"

#include "mlir/IR/BuiltinTypes.h"

#include <cstring>

using namespace mlir;

namespace onnxc {

/// Packs typed protobuf values of type `From` into a little-endian byte buffer
/// of `To`s.
template <typename To, typename Repeated>
static std::vector<char> pack(const Repeated &values) {
  std::vector<char> bytes(values.size() * sizeof(To));
  for (int i = 0; i < values.size(); ++i) {
    To v = static_cast<To>(values.Get(i));
    std::memcpy(bytes.data() + i * sizeof(To), &v, sizeof(To));
  }
  return bytes;
}

/// The element bytes held in the typed fields, converted to the element width.
static std::vector<char> typedFieldBytes(const onnx::TensorProto &t, Type elem) {
  unsigned width = elem.getIntOrFloatBitWidth();
  if (elem.isF32())
    return pack<float>(t.float_data());
  if (elem.isF64())
    return pack<double>(t.double_data());
  if (elem.isInteger(64) && !elem.isUnsignedInteger())
    return pack<int64_t>(t.int64_data());
  if (elem.isUnsignedInteger(64) || elem.isUnsignedInteger(32))
    return width == 64 ? pack<uint64_t>(t.uint64_data()) : pack<uint32_t>(t.uint64_data());
  // int32, int16, int8, uint16, uint8, bool, float16 and bfloat16 (as bits)
  // are all stored in int32_data.
  switch (width) {
  case 32: return pack<int32_t>(t.int32_data());
  case 16: return pack<int16_t>(t.int32_data());
  default: return pack<int8_t>(t.int32_data());
  }
}

DenseElementsAttr convertTensor(MLIRContext *ctx, const onnx::TensorProto &t,
                                std::string &error) {
  std::string what = "tensor '" + t.name() + "'";
  Type elem = elementTypeFromOnnx(ctx, t.data_type());
  if (!elem) {
    error = what + " has unsupported dtype " + onnxDtypeName(t.data_type());
    return {};
  }
  int64_t count = 1;
  for (int64_t d : t.dims())
    count *= d;
  auto type = RankedTensorType::get(llvm::SmallVector<int64_t>(t.dims().begin(), t.dims().end()), elem);
  unsigned bytesPerElem = elem.isInteger(1) ? 1 : elem.getIntOrFloatBitWidth() / 8;
  std::vector<char> bytes = t.has_raw_data()
                                ? std::vector<char>(t.raw_data().begin(), t.raw_data().end())
                                : typedFieldBytes(t, elem);
  if ((int64_t)bytes.size() != count * bytesPerElem) {
    error = what + " holds " + std::to_string(bytes.size()) + " bytes of data but its shape needs " +
            std::to_string(count * bytesPerElem);
    return {};
  }
  if (elem.isInteger(1)) {
    // MLIR packs booleans into bits; go through the bool API.
    llvm::SmallVector<bool> bits;
    for (char c : bytes)
      bits.push_back(c != 0);
    return DenseElementsAttr::get(type, llvm::ArrayRef<bool>(bits));
  }
  return DenseElementsAttr::getFromRawBuffer(type, llvm::ArrayRef<char>(bytes));
}

} // namespace onnxc
