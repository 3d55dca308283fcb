# Writes KernelSource.cpp: the kernel headers as one string constant.
# Each header comes after the headers it #includes (depth-first from the
# #include "x.h" lines, in name order otherwise), with its #include and
# #pragma once lines removed: the generated file includes the C headers once,
# outside the anonymous namespace the kernels live in. VAR names the string
# constant (kKernelSource unless given); PATTERN the files to embed (*.h
# unless given).
if(NOT VAR)
  set(VAR kKernelSource)
endif()
if(NOT PATTERN)
  set(PATTERN "*.h")
endif()
get_filename_component(KERNEL_DIR "${KERNEL_DIR}" ABSOLUTE)
file(GLOB headers "${KERNEL_DIR}/${PATTERN}")
list(SORT headers)
set(text "")
set(done "")

function(embed header)
  list(FIND done "${header}" seen)
  if(NOT seen EQUAL -1)
    return()
  endif()
  list(APPEND done "${header}")
  set(done "${done}" PARENT_SCOPE)
  file(READ "${header}" body)
  string(REGEX MATCHALL "#include \"[^\"]+\"" deps "${body}")
  foreach(dep IN LISTS deps)
    string(REGEX REPLACE "#include \"([^\"]+)\"" "\\1" dep "${dep}")
    embed("${KERNEL_DIR}/${dep}")
  endforeach()
  string(REGEX REPLACE "#include [^\n]*\n" "" body "${body}")
  string(REPLACE "#pragma once\n" "" body "${body}")
  string(APPEND text "${body}\n")
  set(text "${text}" PARENT_SCOPE)
  set(done "${done}" PARENT_SCOPE)
endfunction()

foreach(h ${headers})
  embed("${h}")
endforeach()
file(WRITE "${OUTPUT}.tmp"
  "// Generated from codegen/cpp/kernels by EmbedKernels.cmake.\n"
  "namespace onnxc::cpp {\nextern const char *const ${VAR};\n"
  "const char *const ${VAR} = R\"onnxc_kernels(\n${text})onnxc_kernels\";\n}\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
