/* kws_app.h - the keyword-spotting application of examples/firmware-kws and
 * examples/wasm (and its host build): it reads windows of openWakeWord
 * embeddings from an input stream, runs the compiled model on each and prints
 * its score. The platform (semihosting on the Cortex-M4, stdio on the host
 * and WASI) supplies the two hooks. */
#ifndef KWS_APP_H
#define KWS_APP_H

#include <stddef.h>

/* Platform hooks. Reads up to `bytes` bytes of input; returns how many were
   read (0 at the end of the input). */
size_t app_read(void *buf, size_t bytes);
/* Writes a NUL-terminated string to the console. */
void app_print(const char *s);

/* Scores every window of the input; 0 on success. */
int kws_app_run(void);

#endif
