// shim.cpp - binds driver.cpp to one generated model. Compiled per model with
//   -include NAME.h -DONNXC_MODEL=NAME
// It calls NAME_infer with the driver's untyped buffers cast to the exact
// parameter types of the generated signature.
#include <utility>

#define ONNXC_CAT2(a, b) a##b
#define ONNXC_CAT(a, b) ONNXC_CAT2(a, b)

template <typename... P, std::size_t... I>
static int callWith(int (*fn)(P...), void **args, std::index_sequence<I...>) {
  return fn(static_cast<P>(args[I])...);
}

template <typename... P> static int call(int (*fn)(P...), void **args) {
  return callWith(fn, args, std::index_sequence_for<P...>{});
}

extern "C" int onnxc_test_call(void **args) {
  return call(&ONNXC_CAT(ONNXC_MODEL, _infer), args);
}

extern "C" const char *onnxc_test_status_string(int status) {
  return ONNXC_CAT(ONNXC_MODEL, _status_string)(status);
}
