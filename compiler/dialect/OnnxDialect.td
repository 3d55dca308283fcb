//===- OnnxDialect.td - the `onnx` dialect ----------------------*- tablegen -*-===//
//
// One op per ONNX operator, at the semantics of opset 17 (the newest that the
// onnx 1.12 library knows). Operands keep ONNX's positions; an absent optional
// input is a value of `none` type produced by `onnx.NoValue`. Attributes keep
// ONNX's names so that the importer can copy them over by name.
//
//===----------------------------------------------------------------------===//

#ifndef ONNXC_DIALECT_TD
#define ONNXC_DIALECT_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "compiler/dialect/ShapeInferenceInterface.td"

def ONNX_Dialect : Dialect {
  let name = "onnx";
  let summary = "ONNX operators at opset 17";
  let cppNamespace = "::onnxc";
  let hasConstantMaterializer = 1;
}

// Every ONNX op is pure and can refine its result types from its operands.
class ONNX_Op<string mnemonic, list<Trait> traits = []>
    : Op<ONNX_Dialect, mnemonic,
         traits # [Pure, DeclareOpInterfaceMethods<ShapeInferenceOpInterface>]>;

// ONNX INT attributes: signless i64 in the IR, read back as signed int64_t.
def OnnxIntAttr : SignlessIntegerAttrBase<I64, "64-bit integer attribute"> {
  let returnType = "int64_t";
  let convertFromStorage = "$_self.getValue().getSExtValue()";
}

def AnyTensorOrNone : AnyTypeOf<[AnyTensor, NoneType]>;
def FloatTensor : TensorOf<[AnyFloat]>;

#endif // ONNXC_DIALECT_TD
