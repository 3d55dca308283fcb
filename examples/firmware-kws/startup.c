/* startup.c - reset and fault handlers and the vector table of the
 * Cortex-M4 image: enables the FPU, sets up .data/.bss, runs main() and
 * hands its status to semihosting_exit(). Symbols come from mps2-an386.ld. */
#include "semihosting.h"

#include <stdint.h>
#include <string.h>

extern uint32_t __data_load[], __data_start[], __data_end[], __bss_start[], __bss_end[];
extern uint32_t __stack_top[];
extern void (*__init_array_start[])(void);
extern void (*__init_array_end[])(void);
int main(void);

/* Separate from Reset_Handler so that no floating-point instruction can be
   scheduled before the FPU is on. */
__attribute__((noinline, noreturn)) static void start(void) {
  memcpy(__data_start, __data_load, (size_t)((char *)__data_end - (char *)__data_start));
  memset(__bss_start, 0, (size_t)((char *)__bss_end - (char *)__bss_start));
  for (void (**init)(void) = __init_array_start; init != __init_array_end; ++init)
    (*init)();
  semihosting_exit(main());
}

__attribute__((noreturn)) void Reset_Handler(void) {
  /* CPACR: full access to CP10/CP11, the FPU; the image is built for hard float. */
  *(volatile uint32_t *)0xE000ED88 |= 0xFu << 20;
  __asm__ volatile("dsb\n\tisb" ::: "memory");
  start();
}

__attribute__((noreturn)) static void Fault_Handler(void) {
  semihosting_write("firmware-kws: fault\n");
  semihosting_exit(1);
}

/* The initial stack pointer, then the handlers of the Cortex-M exceptions;
   the image enables no interrupts. */
__attribute__((section(".vectors"), used)) static void (*const vectors[16])(void) = {
    (void (*)(void))__stack_top, Reset_Handler,
    Fault_Handler, /* NMI */
    Fault_Handler, /* HardFault */
    Fault_Handler, /* MemManage */
    Fault_Handler, /* BusFault */
    Fault_Handler, /* UsageFault */
    0, 0, 0, 0,
    Fault_Handler, /* SVCall */
    Fault_Handler, /* DebugMonitor */
    0,
    Fault_Handler, /* PendSV */
    Fault_Handler, /* SysTick */
};
