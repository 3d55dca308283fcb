/* firmware.c - main() of the Cortex-M4 image: kws_app.c on semihosting. The
 * input file is the second word of the semihosting command line
 * (`-semihosting-config enable=on,arg=firmware-kws.elf,arg=WINDOWS.f32`). */
#include "kws_app.h"
#include "semihosting.h"

#include <string.h>

static int input = -1;

size_t app_read(void *buf, size_t bytes) { return semihosting_read(input, buf, bytes); }

void app_print(const char *s) { semihosting_write(s); }

int main(void) {
  static char cmdline[256];
  char *path = NULL;
  if (semihosting_cmdline(cmdline, sizeof cmdline) == 0) {
    path = strchr(cmdline, ' ');
    if (path)
      ++path;
  }
  if (!path || !*path) {
    app_print("usage: firmware-kws.elf WINDOWS.f32 (semihosting arguments)\n");
    return 2;
  }
  input = semihosting_open(path);
  if (input < 0) {
    app_print("cannot open ");
    app_print(path);
    app_print("\n");
    return 1;
  }
  int status = kws_app_run();
  semihosting_close(input);
  return status;
}
