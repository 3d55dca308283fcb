# wasm32-wasi.cmake - CMake toolchain file for WebAssembly with WASI:
# clang-19 --target=wasm32-wasi, Debian's wasi-libc (found by clang itself),
# llvm-ar (GNU ar cannot index wasm objects). CMake 3.25 has no WASI
# platform: Generic (kws-app names its module .wasm itself).
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR wasm32)
set(CMAKE_C_COMPILER clang-19)
set(CMAKE_C_COMPILER_TARGET wasm32-wasi)
set(CMAKE_CXX_COMPILER clang++-19)
set(CMAKE_CXX_COMPILER_TARGET wasm32-wasi)
set(CMAKE_AR llvm-ar-19 CACHE FILEPATH "")
set(CMAKE_RANLIB llvm-ranlib-19 CACHE FILEPATH "")
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(CMAKE_CXX_FLAGS_INIT "-fno-exceptions -fno-rtti")
# wasi-libc's objects carry debug info; the module does not need it.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-Wl,--strip-debug")
