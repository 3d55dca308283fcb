/* One model compiled twice: H and W symbolic up to 16 (conv_dyn) and fixed
   at 4 x 6 (conv_fix). At H = 4, W = 6 both must give the same output; H
   outside [1, 16] must be refused with CONV_DYN_STATUS_BAD_DIMENSION. */
#include "conv_dyn.h"
#include "conv_fix.h"

#include <math.h>
#include <stdio.h>

int main(void) {
  static float x[CONV_DYN_INPUT0_ELEMENTS], y_dyn[CONV_DYN_OUTPUT0_ELEMENTS],
      y_fix[CONV_FIX_OUTPUT0_ELEMENTS];
  for (int i = 0; i < 4 * 6; ++i)
    x[i] = (float)((i * 7) % 11) / 5.0f - 1.0f;
  int s_dyn = conv_dyn_infer(4, 6, x, y_dyn), s_fix = conv_fix_infer(x, y_fix);
  double diff = 0;
  for (int i = 0; i < CONV_FIX_OUTPUT0_ELEMENTS; ++i)
    diff = fmax(diff, fabs((double)y_dyn[i] - (double)y_fix[i]));
  printf("max H %d, max W %d\n", CONV_DYN_MAX_H, CONV_DYN_MAX_W);
  printf("4x6: status %d and %d, %d outputs, max abs difference %g\n", s_dyn, s_fix,
         CONV_FIX_OUTPUT0_ELEMENTS, diff);
  printf("H=17: %d (%s)\n", conv_dyn_infer(17, 6, x, y_dyn),
         conv_dyn_status_string(conv_dyn_infer(17, 6, x, y_dyn)));
  printf("W=0: %d\n", conv_dyn_infer(4, 0, x, y_dyn));
  printf("16x16: %d\n", conv_dyn_infer(16, 16, x, y_dyn));
  return 0;
}
