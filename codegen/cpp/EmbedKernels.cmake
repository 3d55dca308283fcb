# Writes KernelSource.cpp: the kernel headers as one string constant, with
# their #include and #pragma once lines removed (the generated file includes
# the C headers once, outside the anonymous namespace the kernels live in).
# common.h goes first; the rest follow in name order.
file(GLOB headers "${KERNEL_DIR}/*.h")
list(SORT headers)
list(REMOVE_ITEM headers "${KERNEL_DIR}/common.h")
set(text "")
foreach(h "${KERNEL_DIR}/common.h" ${headers})
  file(READ "${h}" body)
  string(REGEX REPLACE "#include [^\n]*\n" "" body "${body}")
  string(REPLACE "#pragma once\n" "" body "${body}")
  string(APPEND text "${body}\n")
endforeach()
file(WRITE "${OUTPUT}.tmp"
  "// Generated from codegen/cpp/kernels by EmbedKernels.cmake.\n"
  "namespace onnxc::cpp {\nextern const char *const kKernelSource;\n"
  "const char *const kKernelSource = R\"onnxc_kernels(\n${text})onnxc_kernels\";\n}\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
