/* stdio_main.c - main() of kws_app.c on a hosted platform (the host, WASI):
 * the input is the file named on the command line.
 * Usage: kws_app WINDOWS.f32 */
#include "kws_app.h"

#include <stdio.h>

static FILE *input;

size_t app_read(void *buf, size_t bytes) { return fread(buf, 1, bytes, input); }

void app_print(const char *s) { fputs(s, stdout); }

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s WINDOWS.f32\n", argv[0]);
    return 2;
  }
  input = fopen(argv[1], "rb");
  if (!input) {
    perror(argv[1]);
    return 1;
  }
  int status = kws_app_run();
  fclose(input);
  return status;
}
