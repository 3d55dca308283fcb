//===- OnnxNormOps.td - normalization, global max pooling, dropout -*- tablegen -*-===//
//
// Included from OnnxOps.td; verify() and inferShapes() are in NormOps.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef ONNXC_NORM_OPS_TD
#define ONNXC_NORM_OPS_TD

def ONNX_LayerNormalizationOp : ONNX_Op<"LayerNormalization"> {
  let summary = "normalizes over the dims from `axis` on; Mean and InvStdDev optional";
  let arguments = (ins AnyTensor:$X, AnyTensor:$Scale, AnyTensorOrNone:$B,
                   DefaultValuedAttr<OnnxIntAttr, "-1">:$axis,
                   DefaultValuedAttr<F32Attr, "1e-05f">:$epsilon,
                   DefaultValuedAttr<OnnxIntAttr, "1">:$stash_type);
  // stats: Mean then InvStdDev, as many as the node names.
  let results = (outs AnyTensor:$Y, Variadic<AnyTensor>:$stats);
  let hasVerifier = 1;
}

def ONNX_InstanceNormalizationOp : ONNX_Op<"InstanceNormalization"> {
  let summary = "normalizes each (n, c) plane, then scale[c] * y + B[c]";
  let arguments = (ins AnyTensor:$input, AnyTensor:$scale, AnyTensor:$B,
                   DefaultValuedAttr<F32Attr, "1e-05f">:$epsilon);
  let results = (outs AnyTensor:$output);
  let hasVerifier = 1;
}

def ONNX_MeanVarianceNormalizationOp : ONNX_Op<"MeanVarianceNormalization"> {
  let summary = "(X - mean) / (std + 1e-9), moments over `axes` (ONNX's function body)";
  let arguments = (ins AnyTensor:$X, OptionalAttr<I64ArrayAttr>:$axes);
  let results = (outs AnyTensor:$Y);
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The axes attribute, or the spec's default [0, 2, 3].
    ::llvm::SmallVector<int64_t> getAxesOrDefault() {
      ::llvm::SmallVector<int64_t> axes = {0, 2, 3};
      if (auto a = getAxes()) {
        axes.clear();
        for (auto v : a->getAsValueRange<::mlir::IntegerAttr>())
          axes.push_back(v.getSExtValue());
      }
      return axes;
    }
  }];
}

def ONNX_LRNOp : ONNX_Op<"LRN"> {
  let summary = "local response normalization across channels";
  let arguments = (ins AnyTensor:$X,
                   DefaultValuedAttr<F32Attr, "0.0001f">:$alpha,
                   DefaultValuedAttr<F32Attr, "0.75f">:$beta,
                   DefaultValuedAttr<F32Attr, "1.0f">:$bias,
                   OnnxIntAttr:$size);
  let results = (outs AnyTensor:$Y);
  let hasVerifier = 1;
}

def ONNX_GlobalMaxPoolOp : ONNX_Op<"GlobalMaxPool"> {
  let arguments = (ins AnyTensor:$X);
  let results = (outs AnyTensor:$Y);
  let hasVerifier = 1;
}

def ONNX_DropoutOp : ONNX_Op<"Dropout"> {
  let summary = "identity at inference (and for training with ratio 0); mask all true";
  let arguments = (ins AnyTensor:$data, AnyTensorOrNone:$ratio,
                   AnyTensorOrNone:$training_mode, OptionalAttr<OnnxIntAttr>:$seed);
  let results = (outs AnyTensor:$output, Optional<AnyTensor>:$mask);
  let hasVerifier = 1;
}

#endif // ONNXC_NORM_OPS_TD
