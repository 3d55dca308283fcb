/* main.c - runs the keyword-spotting model compiled by onnxc.
 *
 * Plain C: the generated header is C-compatible. The input is a synthetic
 * MFCC-like pattern, so the run is deterministic. */
#include "kws.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const labels[] = {"silence", "unknown", "yes", "no"};

int main(void) {
  static float mfcc[KWS_INPUT0_ELEMENTS];
  float scores[KWS_OUTPUT0_ELEMENTS], scores_ws[KWS_OUTPUT0_ELEMENTS];
  /* The workspace of the reentrant entry point: sized and aligned as the
     header says. */
  static _Alignas(KWS_WORKSPACE_ALIGNMENT) unsigned char workspace[KWS_WORKSPACE_BYTES + 1];

  for (int t = 0; t < 49; ++t)
    for (int c = 0; c < 10; ++c)
      mfcc[t * 10 + c] = sinf(0.3f * (float)t + 0.7f * (float)c) * (1.0f + 0.1f * (float)c);

  int status = kws_infer(mfcc, scores);
  if (status != KWS_STATUS_OK) {
    fprintf(stderr, "kws_infer: %s\n", kws_status_string(status));
    return 1;
  }
  status = kws_infer_ws(workspace, mfcc, scores_ws);
  if (status != KWS_STATUS_OK || memcmp(scores, scores_ws, sizeof scores) != 0) {
    fprintf(stderr, "kws_infer_ws disagrees with kws_infer (%s)\n", kws_status_string(status));
    return 1;
  }

  printf("model input \"%s\" [1,1,49,10], arena %d bytes\n", KWS_INPUT0_NAME,
         KWS_WORKSPACE_BYTES);
  int best = 0;
  for (int i = 0; i < KWS_OUTPUT0_ELEMENTS; ++i) {
    printf("  %-8s %.4f\n", labels[i], scores[i]);
    if (scores[i] > scores[best])
      best = i;
  }
  printf("top: %s\n", labels[best]);
  return 0;
}
