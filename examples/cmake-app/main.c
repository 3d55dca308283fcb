/* main.c - examples/cmake-app: runs the keyword-spotting model that
 * onnxc_add_model() compiled, on the MFCC features of a raw float32 file
 * (49 frames x 10 coefficients, little-endian), or on silence (all zeros)
 * when no file is given, and prints the class scores. */
#include "kws.h"

#include <stdio.h>

static const char *const labels[] = {"silence", "unknown", "yes", "no"};

/* Reads exactly n floats from path; 0 on success. */
static int read_features(const char *path, float *features, size_t n) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    perror(path);
    return 1;
  }
  size_t got = fread(features, sizeof *features, n, f);
  int extra = fgetc(f) != EOF;
  fclose(f);
  if (got != n || extra) {
    fprintf(stderr, "%s: expected %zu float32 values\n", path, n);
    return 1;
  }
  return 0;
}

int main(int argc, char **argv) {
  static float features[KWS_INPUT0_ELEMENTS];
  float scores[KWS_OUTPUT0_ELEMENTS];
  if (argc > 2) {
    fprintf(stderr, "usage: %s [FEATURES.f32]\n", argv[0]);
    return 2;
  }
  if (argc == 2 && read_features(argv[1], features, KWS_INPUT0_ELEMENTS) != 0)
    return 1;

  int status = kws_infer(features, scores);
  if (status != KWS_STATUS_OK) {
    fprintf(stderr, "kws_infer: %s\n", kws_status_string(status));
    return 1;
  }
  int best = 0;
  for (int i = 0; i < KWS_OUTPUT0_ELEMENTS; ++i) {
    printf("%-8s %.7g\n", labels[i], scores[i]);
    if (scores[i] > scores[best])
      best = i;
  }
  printf("top: %s\n", labels[best]);
  return 0;
}
