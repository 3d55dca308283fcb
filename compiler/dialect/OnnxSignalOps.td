//===- OnnxSignalOps.td - windows, MelWeightMatrix, DFT, STFT -*- tablegen -*-===//
//
// Signal processing ops of opset 17. Sizes given as input values (window
// size, dft_length, frame_step...) fix the result shape: constants are read
// here, otherwise the model's declared type is used and the generated code
// checks the values against it. verify() and inferShapes() live in
// SignalOps.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef ONNXC_SIGNAL_OPS_TD
#define ONNXC_SIGNAL_OPS_TD

class ONNX_WindowOp<string mnemonic> : ONNX_Op<mnemonic> {
  let summary = "a cosine-sum window of `size` points (periodic or symmetric)";
  let arguments = (ins AnyTensor:$size, DefaultValuedAttr<OnnxIntAttr, "1">:$output_datatype,
                   DefaultValuedAttr<OnnxIntAttr, "1">:$periodic);
  let results = (outs AnyTensor:$output);
  let hasVerifier = 1;
  let extraClassDefinition = [{
    ::mlir::LogicalResult $cppClass::verify() { return ::onnxc::verifyWindowOp(*this); }
    ::mlir::LogicalResult $cppClass::inferShapes(
        ::llvm::SmallVectorImpl<::mlir::Type> &results) {
      return ::onnxc::inferWindowOp(*this, results);
    }
  }];
}
def ONNX_HannWindowOp : ONNX_WindowOp<"HannWindow">;
def ONNX_HammingWindowOp : ONNX_WindowOp<"HammingWindow">;
def ONNX_BlackmanWindowOp : ONNX_WindowOp<"BlackmanWindow">;

def ONNX_MelWeightMatrixOp : ONNX_Op<"MelWeightMatrix"> {
  let summary = "[dft_length / 2 + 1, num_mel_bins] triangular mel filter bank";
  let arguments = (ins AnyTensor:$num_mel_bins, AnyTensor:$dft_length, AnyTensor:$sample_rate,
                   AnyTensor:$lower_edge_hertz, AnyTensor:$upper_edge_hertz,
                   DefaultValuedAttr<OnnxIntAttr, "1">:$output_datatype);
  let results = (outs AnyTensor:$output);
  let hasVerifier = 1;
}

def ONNX_DFTOp : ONNX_Op<"DFT"> {
  let summary = "discrete Fourier transform along axis of a real [..., 1] or complex [..., 2] input";
  let arguments = (ins AnyTensor:$input, AnyTensorOrNone:$dft_length,
                   DefaultValuedAttr<OnnxIntAttr, "1">:$axis,
                   DefaultValuedAttr<OnnxIntAttr, "0">:$inverse,
                   DefaultValuedAttr<OnnxIntAttr, "0">:$onesided);
  let results = (outs AnyTensor:$output);
  let hasVerifier = 1;
}

def ONNX_STFTOp : ONNX_Op<"STFT"> {
  let summary = "short-time Fourier transform: DFTs of (windowed) frames of the signal";
  let arguments = (ins AnyTensor:$signal, AnyTensor:$frame_step, AnyTensorOrNone:$window,
                   AnyTensorOrNone:$frame_length,
                   DefaultValuedAttr<OnnxIntAttr, "1">:$onesided);
  let results = (outs AnyTensor:$output);
  let hasVerifier = 1;
}

#endif // ONNXC_SIGNAL_OPS_TD
