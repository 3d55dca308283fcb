# onnxc_add_model(): compile an ONNX model with onnxc at build time into a
# static library target.
#
#   onnxc_add_model(NAME MODEL file.onnx
#                   [TARGET t]                      # onnxc --target (default x86-64)
#                   [SHAPES in=1x3x224x224 ...]     # onnxc --shape, one per input
#                   [MAX_DIMS batch=8 ...]          # onnxc --max-dim, one per symbolic dim
#                   [THREADS n]                     # onnxc --threads (default 1)
#                   [OPTIONS --flag ...]            # passed to onnxc as they are
#                   [SOURCE])                       # see below
#
# NAME is the model's C prefix (NAME_infer, NAME.h) and the name of the
# library target: target_link_libraries(app PRIVATE NAME) gives the app the
# header's directory and the library (plus libm, which generated code may
# call). onnxc runs again when the model file or the onnxc executable changes.
# THREADS above 1 also links Threads::Threads (the library's default
# NAME_parallel_for starts pthreads; see runtime_stub/README.md).
#
# SOURCE: onnxc writes the model as C++ (--emit=source) and this project's
# C++ compiler builds the library with the project's flags: for a toolchain
# onnxc has no --target for, or to choose the flags. CMake then links
# executables using it with the C++ compiler; where that toolchain has no C++
# runtime (arm-none-eabi + newlib-nano, wasi) give the executable
# LINKER_LANGUAGE C: the generated code needs no C++ runtime.
#
# The onnxc executable is the target onnxc::onnxc: the project's own onnxc
# when this file is included from the onnxc source tree (also through
# add_subdirectory), the installed one after find_package(onnxc).
include_guard(GLOBAL)

function(onnxc_add_model name)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "SOURCE" "MODEL;TARGET;THREADS" "SHAPES;MAX_DIMS;OPTIONS")
  set(where "onnxc_add_model(${name})")
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "${where}: unknown arguments: ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT ARG_MODEL)
    message(FATAL_ERROR "${where}: MODEL file.onnx is required")
  endif()
  if(NOT TARGET onnxc::onnxc)
    message(FATAL_ERROR "${where}: no onnxc::onnxc executable target: "
                        "call find_package(onnxc) or add_subdirectory(<onnxc source>) first")
  endif()

  get_filename_component(model "${ARG_MODEL}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  if(NOT EXISTS "${model}")
    message(FATAL_ERROR "${where}: model file ${model} does not exist")
  endif()

  set(dir "${CMAKE_CURRENT_BINARY_DIR}/onnxc/${name}")
  set(args "${model}" -o "${dir}" "--name=${name}")
  if(ARG_TARGET)
    if(ARG_TARGET MATCHES ",")
      message(FATAL_ERROR "${where}: TARGET takes one target (one library per call), not '${ARG_TARGET}'")
    endif()
    list(APPEND args "--target=${ARG_TARGET}")
  endif()
  foreach(shape IN LISTS ARG_SHAPES)
    list(APPEND args --shape "${shape}")
  endforeach()
  foreach(max_dim IN LISTS ARG_MAX_DIMS)
    list(APPEND args --max-dim "${max_dim}")
  endforeach()
  if(ARG_THREADS)
    if(NOT ARG_THREADS MATCHES "^[0-9]+$")
      message(FATAL_ERROR "${where}: THREADS takes a number of threads, not '${ARG_THREADS}'")
    endif()
    list(APPEND args "--threads=${ARG_THREADS}")
  endif()
  list(APPEND args ${ARG_OPTIONS})

  set(header "${dir}/${name}.h")
  file(MAKE_DIRECTORY "${dir}")
  if(ARG_SOURCE)
    if(NOT CMAKE_CXX_COMPILER_LOADED)
      message(FATAL_ERROR "${where}: SOURCE compiles C++: enable it with project(... LANGUAGES C CXX)")
    endif()
    set(source "${dir}/${name}.cpp")
    add_custom_command(
      OUTPUT "${source}" "${header}"
      COMMAND onnxc::onnxc ${args} --emit=source
      DEPENDS "${model}" onnxc::onnxc
      COMMENT "onnxc: compiling ${ARG_MODEL} into ${name}.cpp"
      VERBATIM)
    add_library(${name} STATIC "${source}" "${header}")
    target_include_directories(${name} PUBLIC "${dir}")
    set_target_properties(${name} PROPERTIES CXX_STANDARD 17 CXX_STANDARD_REQUIRED ON)
    # As onnxc's own targets compile generated code (targets/Target.cpp).
    target_compile_options(${name} PRIVATE
      "$<$<CXX_COMPILER_ID:GNU,Clang>:-fno-exceptions;-fno-rtti;-fno-threadsafe-statics;-fno-math-errno>")
  else()
    # onnxc writes lib<name>.a for every target.
    set(lib "${dir}/lib${name}.a")
    add_custom_command(
      OUTPUT "${lib}" "${header}"
      COMMAND onnxc::onnxc ${args}
      DEPENDS "${model}" onnxc::onnxc
      COMMENT "onnxc: compiling ${ARG_MODEL} into ${name}"
      VERBATIM)
    add_custom_target(${name}_onnxc DEPENDS "${lib}" "${header}")
    # An imported library checks at generate time that its include
    # directory exists (made above); onnxc fills it at build time.
    add_library(${name} STATIC IMPORTED GLOBAL)
    set_target_properties(${name} PROPERTIES
      IMPORTED_LOCATION "${lib}"
      INTERFACE_INCLUDE_DIRECTORIES "${dir}")
    add_dependencies(${name} ${name}_onnxc)
  endif()
  if(NOT WIN32)
    target_link_libraries(${name} INTERFACE m)
  endif()
  if(ARG_THREADS GREATER 1)
    find_package(Threads REQUIRED)
    target_link_libraries(${name} INTERFACE Threads::Threads)
  endif()
endfunction()
