/* kws_app.c - scores each window of embeddings with the compiled model.
 * No printf: on the firmware newlib's float formatting would need a heap. */
#include "kws_app.h"

#include "kws.h"

#include <stdint.h>
#include <string.h>

/* Appends the string s (without its NUL) to p; returns the new end. */
static char *put_str(char *p, const char *s) {
  while (*s)
    *p++ = *s++;
  return p;
}

/* Appends the decimal digits of v to p; returns the new end. */
static char *put_uint(char *p, uint32_t v) {
  char digits[10];
  int n = 0;
  do {
    digits[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  while (n)
    *p++ = digits[--n];
  return p;
}

/* Appends x with 7 decimals (|x| < 400, as scores are), then its exact bits
   in hex, which is what the test compares. */
static char *put_score(char *p, float x) {
  uint32_t bits;
  memcpy(&bits, &x, sizeof bits);
  if (x < 0) {
    *p++ = '-';
    x = -x;
  }
  uint32_t fixed = (uint32_t)(x * 1e7f + 0.5f);
  p = put_uint(p, fixed / 10000000u);
  *p++ = '.';
  for (uint32_t scale = 1000000u; scale; scale /= 10)
    *p++ = (char)('0' + fixed / scale % 10);
  p = put_str(p, " (0x");
  for (int shift = 28; shift >= 0; shift -= 4)
    *p++ = "0123456789abcdef"[(bits >> shift) & 0xf];
  *p++ = ')';
  return p;
}

int kws_app_run(void) {
  static float window[KWS_INPUT0_ELEMENTS];
  float score[KWS_OUTPUT0_ELEMENTS];
  char line[64];
  uint32_t count = 0;

  *put_str(put_uint(put_str(line, "kws: workspace "), KWS_WORKSPACE_BYTES), " bytes\n") = 0;
  app_print(line);
  for (;;) {
    size_t got = app_read(window, sizeof window);
    if (got == 0)
      break;
    if (got != sizeof window) {
      app_print("kws: the input ends inside a window\n");
      return 1;
    }
    int status = kws_infer(window, score);
    if (status != KWS_STATUS_OK) {
      app_print("kws_infer: ");
      app_print(kws_status_string(status));
      app_print("\n");
      return 1;
    }
    char *p = put_str(put_uint(put_str(line, "window "), count++), ": ");
    *put_str(put_score(p, score[0]), "\n") = 0;
    app_print(line);
  }
  *put_str(put_uint(put_str(line, "done: "), count), " windows\n") = 0;
  app_print(line);
  return 0;
}
