/* startup.c - reset and fault handlers and the vector table of a Cortex-M
 * image for QEMU's mps2-an386 (Cortex-M4) and mps2-an500 (Cortex-M7) boards,
 * with mps2.ld.
 *
 * Reset turns the FPU on (the generated code is compiled for hard float),
 * copies .data from flash to RAM and enters newlib's _start (crt0 with
 * -specs=rdimon.specs: zeroes .bss, fetches argv over semihosting, runs
 * constructors, calls main, exits with main's status). A fault ends the run
 * through semihosting with a failure status instead of hanging.
 * Compiles as C and as C++. */
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

extern uint32_t __data_load__[], __data_start__[], __data_end__[], __stack_top__[];
void _start(void);

void onnxc_reset(void) {
  /* CPACR: full access to CP10 and CP11, the FPU. */
  *(volatile uint32_t *)0xE000ED88 |= 0xFu << 20;
  __asm volatile("dsb\n\tisb");
  for (uint32_t *from = __data_load__, *to = __data_start__; to < __data_end__;)
    *to++ = *from++;
  _start();
}

/* Semihosting SYS_EXIT (0x18) with ADP_Stopped_RunTimeErrorUnknown: QEMU
 * exits with status 1. */
static void onnxc_fault(void) {
  register uint32_t op __asm("r0") = 0x18;
  register uint32_t reason __asm("r1") = 0x20023;
  __asm volatile("bkpt 0xAB" : : "r"(op), "r"(reason));
  for (;;) {
  }
}

/* Initial stack pointer, then reset, NMI, HardFault, MemManage, BusFault,
 * UsageFault, four reserved, SVCall, DebugMon, reserved, PendSV, SysTick. */
__attribute__((section(".vectors"), used)) static void (*const onnxc_vectors[16])(void) = {
    (void (*)(void))__stack_top__, onnxc_reset, onnxc_fault, onnxc_fault, onnxc_fault,
    onnxc_fault, onnxc_fault, 0, 0, 0, 0, onnxc_fault, onnxc_fault, 0, onnxc_fault, onnxc_fault};

#ifdef __cplusplus
}
#endif
