// driver.cpp - runs one generated model on raw tensor files.
//
//   driver IN0.bin IN1.bin ... -- OUT0.bin:BYTES OUT1.bin:BYTES ...
//
// Reads each input file into a 64-byte aligned buffer, calls the model
// through onnxc_test_call (defined per model by shim.cpp), and writes each
// output buffer to its file. Exit code: 0 ok, 2 usage/IO error, 3 the model
// returned a non-zero status. Plain C library only (no STL), so that it
// builds for every target: wasi-libc has no C++ library, and newlib's
// aligned_alloc does not link.
//
// Built with -DONNXC_DRIVER_TIMING (host only, bench/compare/run.py):
//   driver --time WARMUP RUNS IN... -- OUT...
// also calls the model WARMUP + RUNS more times after writing the outputs and
// prints {"ms": [one time per run], "max_rss_kb": peak resident set} on stdout.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern "C" int onnxc_test_call(void **args);
extern "C" const char *onnxc_test_status_string(int status);

#ifdef ONNXC_DRIVER_TIMING
#include <time.h>

static double nowMs() {
  timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec * 1e-6;
}

// VmHWM of /proc/self/status: getrusage's ru_maxrss would also count the
// memory of the process this one was exec'd from (the Python runner).
static long peakRssKb() {
  FILE *f = fopen("/proc/self/status", "r");
  char line[256];
  long kb = -1;
  while (f && fgets(line, sizeof line, f))
    if (!strncmp(line, "VmHWM:", 6))
      kb = atol(line + 6);
  if (f)
    fclose(f);
  return kb;
}

static int timeRuns(void **args, int warmup, int runs) {
  printf("{\"ms\": [");
  for (int i = 0; i < warmup + runs; ++i) {
    double start = nowMs();
    if (onnxc_test_call(args) != 0)
      return 3;
    if (i >= warmup)
      printf("%s%.4f", i > warmup ? ", " : "", nowMs() - start);
  }
  printf("], \"max_rss_kb\": %ld}\n", peakRssKb());
  return 0;
}
#endif

static const int kMaxArgs = 256;

static void *alignedBuffer(size_t bytes) {
  unsigned char *raw = static_cast<unsigned char *>(malloc(bytes + 64));
  if (!raw)
    return nullptr;
  return raw + (64 - reinterpret_cast<uintptr_t>(raw) % 64); // leaked: the process ends soon
}

int main(int argc, char **argv) {
  void *args[kMaxArgs];
  const char *outputPaths[kMaxArgs];
  size_t outputBytes[kMaxArgs];
  int numArgs = 0, numOutputs = 0;
  bool inOutputs = false;
  int first = 1;
#ifdef ONNXC_DRIVER_TIMING
  int warmup = 0, runs = 0;
  if (argc > 3 && !strcmp(argv[1], "--time")) {
    warmup = atoi(argv[2]);
    runs = atoi(argv[3]);
    first = 4;
  }
#endif
  for (int i = first; i < argc; ++i) {
    if (!strcmp(argv[i], "--")) {
      inOutputs = true;
      continue;
    }
    if (numArgs == kMaxArgs)
      return fprintf(stderr, "more than %d tensors\n", kMaxArgs), 2;
    if (inOutputs) {
      char *colon = strrchr(argv[i], ':');
      if (!colon)
        return fprintf(stderr, "bad output spec %s\n", argv[i]), 2;
      *colon = 0;
      size_t bytes = strtoull(colon + 1, nullptr, 10);
      void *buf = alignedBuffer(bytes);
      if (!buf)
        return fprintf(stderr, "out of memory for %s\n", argv[i]), 2;
      memset(buf, 0xCD, bytes); // garbage, so unwritten outputs show up
      args[numArgs++] = buf;
      outputPaths[numOutputs] = argv[i];
      outputBytes[numOutputs++] = bytes;
      continue;
    }
    FILE *f = fopen(argv[i], "rb");
    if (!f)
      return fprintf(stderr, "cannot open %s\n", argv[i]), 2;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    void *buf = alignedBuffer(size);
    if (!buf)
      return fprintf(stderr, "out of memory for %s\n", argv[i]), 2;
    if (size > 0 && fread(buf, 1, size, f) != (size_t)size)
      return fprintf(stderr, "cannot read %s\n", argv[i]), 2;
    fclose(f);
    args[numArgs++] = buf;
  }
  int status = onnxc_test_call(args);
  if (status != 0)
    return fprintf(stderr, "infer returned %d: %s\n", status, onnxc_test_status_string(status)), 3;
  for (int i = 0; i < numOutputs; ++i) {
    void *buf = args[numArgs - numOutputs + i];
    FILE *f = fopen(outputPaths[i], "wb");
    if (!f || fwrite(buf, 1, outputBytes[i], f) != outputBytes[i])
      return fprintf(stderr, "cannot write %s\n", outputPaths[i]), 2;
    fclose(f);
  }
#ifdef ONNXC_DRIVER_TIMING
  if (runs > 0)
    return timeRuns(args, warmup, runs);
#endif
  return 0;
}
