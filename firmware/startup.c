/* Reset and exception vectors for the Cortex-M4 of mps2-an386: enable the
 * FPU, copy .data, clear .bss, run constructors, call main, report the exit
 * status to the host through semihosting. */
#include <stdint.h>
#include <string.h>

#include "semihost.h"

extern uint32_t __data_load[], __data_start[], __data_end[];
extern uint32_t __bss_start[], __bss_end[], __stack_top[];
extern void (*__init_array_start[])(void);
extern void (*__init_array_end[])(void);

int main(void);
void reset_handler(void);
void systick_handler(void);

static void fault_handler(void) {
  semihost_write("firmware: hard fault\n");
  semihost_exit(1);
}

static void default_handler(void) {
  semihost_write("firmware: unexpected exception\n");
  semihost_exit(1);
}

/* Weak so that a program without a timer needs no handler. */
__attribute__((weak)) void systick_handler(void) {}

#define CPACR (*(volatile uint32_t*)0xE000ED88u)

__attribute__((section(".vectors"), used)) static void (*const vectors[16])(void) = {
    (void (*)(void))__stack_top, /* initial stack pointer */
    reset_handler,
    default_handler, /* NMI */
    fault_handler,   /* HardFault */
    fault_handler,   /* MemManage */
    fault_handler,   /* BusFault */
    fault_handler,   /* UsageFault */
    0,
    0,
    0,
    0,
    default_handler, /* SVCall */
    default_handler, /* DebugMonitor */
    0,
    default_handler, /* PendSV */
    systick_handler,
};

void reset_handler(void) {
  CPACR |= 0xFu << 20; /* CP10 and CP11: full access to the FPU */
  __asm volatile("dsb\n\tisb" ::: "memory");
  memcpy(__data_start, __data_load, (size_t)((uint8_t*)__data_end - (uint8_t*)__data_start));
  memset(__bss_start, 0, (size_t)((uint8_t*)__bss_end - (uint8_t*)__bss_start));
  for (void (**init)(void) = __init_array_start; init != __init_array_end; ++init) (*init)();
  semihost_exit(main());
}
