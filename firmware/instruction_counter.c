#include "instruction_counter.h"

#define SYST_CSR (*(volatile uint32_t*)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t*)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t*)0xE000E018u)
#define RELOAD 0xFFFFFFu

static volatile uint32_t wraps;

void systick_handler(void) {
  ++wraps;
}

void counter_start(void) {
  SYST_CSR = 0;
  SYST_RVR = RELOAD;
  SYST_CVR = 0; /* any write clears it: counting starts from RELOAD */
  wraps = 0;
  SYST_CSR = 7; /* processor clock, interrupt on wrap, enabled */
}

uint64_t counter_ticks(void) {
  uint32_t before, value;
  do { /* a wrap between the two reads would mix epochs */
    before = wraps;
    value = SYST_CVR;
  } while (before != wraps);
  return (uint64_t)before * (RELOAD + 1u) + (RELOAD - value);
}

void counter_known_loop(uint32_t iterations) {
  __asm volatile(
      "1: subs %0, %0, #1\n\t"
      "bne 1b"
      : "+r"(iterations)
      :
      : "cc");
}
