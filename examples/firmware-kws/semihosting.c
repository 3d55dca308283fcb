/* semihosting.c - Arm semihosting (the `bkpt 0xab` interface, operation in
 * r0, argument block in r1), as QEMU's -semihosting implements it. */
#include "semihosting.h"

#include <string.h>

enum {
  SYS_OPEN = 0x01,
  SYS_CLOSE = 0x02,
  SYS_WRITE0 = 0x04,
  SYS_READ = 0x06,
  SYS_GET_CMDLINE = 0x15,
  SYS_EXIT = 0x18,
  OPEN_MODE_RB = 1,                       /* fopen mode "rb" */
  ADP_STOPPED_APPLICATION_EXIT = 0x20026, /* SYS_EXIT reasons */
  ADP_STOPPED_RUNTIME_ERROR = 0x20023,
};

static int call(int op, const void *arg) {
  register int r0 __asm__("r0") = op;
  register const void *r1 __asm__("r1") = arg;
  __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

void semihosting_write(const char *s) { call(SYS_WRITE0, s); }

int semihosting_cmdline(char *buf, size_t size) {
  struct { char *buf; size_t size; } block = {buf, size};
  return call(SYS_GET_CMDLINE, &block);
}

int semihosting_open(const char *path) {
  struct { const char *path; int mode; size_t length; } block = {path, OPEN_MODE_RB, strlen(path)};
  return call(SYS_OPEN, &block);
}

size_t semihosting_read(int handle, void *buf, size_t bytes) {
  struct { int handle; void *buf; size_t bytes; } block = {handle, buf, bytes};
  int not_read = call(SYS_READ, &block); /* the count of bytes NOT read */
  return not_read < 0 ? 0 : bytes - (size_t)not_read;
}

void semihosting_close(int handle) { call(SYS_CLOSE, &handle); }

void semihosting_exit(int status) {
  /* On 32-bit Arm the argument is the reason code itself, not a block. */
  call(SYS_EXIT, (const void *)(status == 0 ? ADP_STOPPED_APPLICATION_EXIT
                                            : ADP_STOPPED_RUNTIME_ERROR));
  for (;;) {
  }
}
