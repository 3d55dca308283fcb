// shim.cpp - binds driver.cpp to one generated model. Compiled per model with
//   -include NAME.h -DONNXC_MODEL=NAME
// It calls NAME_infer with the driver's untyped buffers cast to the exact
// parameter types of the generated signature. No STL (see driver.cpp).
#define ONNXC_CAT2(a, b) a##b
#define ONNXC_CAT(a, b) ONNXC_CAT2(a, b)

template <int... I> struct Indices {};
template <int N, int... I> struct MakeIndices : MakeIndices<N - 1, N - 1, I...> {};
template <int... I> struct MakeIndices<0, I...> {
  using type = Indices<I...>;
};

// A buffer passes as the pointer it is; a symbolic dimension (--max-dim:
// an int64_t parameter) is read from the 8-byte file the driver loaded.
template <typename P> struct Arg {
  static P get(void *a) { return static_cast<P>(a); }
};
template <> struct Arg<long long> {
  static long long get(void *a) { return *static_cast<long long *>(a); }
};
template <> struct Arg<long> {
  static long get(void *a) { return *static_cast<long *>(a); }
};

template <typename... P, int... I>
static int callWith(int (*fn)(P...), void **args, Indices<I...>) {
  return fn(Arg<P>::get(args[I])...);
}

template <typename... P> static int call(int (*fn)(P...), void **args) {
  return callWith(fn, args, typename MakeIndices<sizeof...(P)>::type{});
}

extern "C" int onnxc_test_call(void **args) {
  return call(&ONNXC_CAT(ONNXC_MODEL, _infer), args);
}

extern "C" const char *onnxc_test_status_string(int status) {
  return ONNXC_CAT(ONNXC_MODEL, _status_string)(status);
}
