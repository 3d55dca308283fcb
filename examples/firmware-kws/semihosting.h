/* semihosting.h - the Arm semihosting calls the firmware uses: console
 * output, the command line, reading a host file, and exiting QEMU. */
#ifndef SEMIHOSTING_H
#define SEMIHOSTING_H

#include <stddef.h>

void semihosting_write(const char *s);
/* Copies the command line (`-semihosting-config arg=...`, space-separated)
   into buf; 0 on success. */
int semihosting_cmdline(char *buf, size_t size);
/* Opens a host file for binary reading; a handle, or -1. */
int semihosting_open(const char *path);
/* Reads up to `bytes` bytes; returns how many were read. */
size_t semihosting_read(int handle, void *buf, size_t bytes);
void semihosting_close(int handle);
/* Ends the simulation: QEMU exits with 0 for status 0, else 1. */
__attribute__((noreturn)) void semihosting_exit(int status);

#endif
