/* Deterministic instruction counts on QEMU: with -icount shift=S every guest
 * instruction advances the virtual clock by 2^S ns, and SysTick counts that
 * clock (25 MHz processor clock on mps2-an386). Counts are calibrated against
 * a loop of known length, so the conversion is measured, not assumed. */
#ifndef NEURITE_INSTRUCTION_COUNTER_H
#define NEURITE_INSTRUCTION_COUNTER_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

void counter_start(void);
/* SysTick ticks since counter_start() (24-bit wraps counted by the interrupt). */
uint64_t counter_ticks(void);
/* Runs exactly `iterations` x 2 instructions (subs, bne): the calibration loop. */
void counter_known_loop(uint32_t iterations);

#ifdef __cplusplus
}
#endif

#endif
