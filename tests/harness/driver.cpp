// driver.cpp - runs one generated model on raw tensor files.
//
//   driver IN0.bin IN1.bin ... -- OUT0.bin:BYTES OUT1.bin:BYTES ...
//
// Reads each input file into a 64-byte aligned buffer, calls the model
// through onnxc_test_call (defined per model by shim.cpp), and writes each
// output buffer to its file. Exit code: 0 ok, 2 usage/IO error, 3 the model
// returned a non-zero status.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

extern "C" int onnxc_test_call(void **args);
extern "C" const char *onnxc_test_status_string(int status);

static void *alignedBuffer(size_t bytes) {
  size_t rounded = (bytes + 63) / 64 * 64;
  return std::aligned_alloc(64, rounded ? rounded : 64);
}

int main(int argc, char **argv) {
  std::vector<void *> args;
  std::vector<std::pair<const char *, size_t>> outputs;
  bool inOutputs = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--")) {
      inOutputs = true;
      continue;
    }
    if (inOutputs) {
      char *colon = std::strrchr(argv[i], ':');
      if (!colon)
        return std::fprintf(stderr, "bad output spec %s\n", argv[i]), 2;
      *colon = 0;
      size_t bytes = std::strtoull(colon + 1, nullptr, 10);
      void *buf = alignedBuffer(bytes);
      std::memset(buf, 0xCD, bytes); // garbage, so unwritten outputs show up
      args.push_back(buf);
      outputs.push_back({argv[i], bytes});
      continue;
    }
    FILE *f = std::fopen(argv[i], "rb");
    if (!f)
      return std::fprintf(stderr, "cannot open %s\n", argv[i]), 2;
    std::fseek(f, 0, SEEK_END);
    long size = std::ftell(f);
    std::fseek(f, 0, SEEK_SET);
    void *buf = alignedBuffer(size);
    if (size > 0 && std::fread(buf, 1, size, f) != (size_t)size)
      return std::fprintf(stderr, "cannot read %s\n", argv[i]), 2;
    std::fclose(f);
    args.push_back(buf);
  }
  int status = onnxc_test_call(args.data());
  if (status != 0)
    return std::fprintf(stderr, "infer returned %d: %s\n", status,
                        onnxc_test_status_string(status)),
           3;
  for (size_t i = 0; i < outputs.size(); ++i) {
    void *buf = args[args.size() - outputs.size() + i];
    FILE *f = std::fopen(outputs[i].first, "wb");
    if (!f || std::fwrite(buf, 1, outputs[i].second, f) != outputs[i].second)
      return std::fprintf(stderr, "cannot write %s\n", outputs[i].first), 2;
    std::fclose(f);
  }
  return 0;
}
