/* ARM semihosting: the firmware's console and file access through the
 * debugger, here QEMU (-semihosting). */
#ifndef NEURITE_SEMIHOST_H
#define NEURITE_SEMIHOST_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

void semihost_write(const char* text);
void semihost_write_bytes(const char* bytes, size_t count);
/* The command line QEMU passes (-append); 0 when it does not fit. */
int semihost_command_line(char* buffer, size_t size);
/* Reads a whole host file into buffer; returns its size, or -1. */
long semihost_read_file(const char* path, uint8_t* buffer, size_t capacity);
__attribute__((noreturn)) void semihost_exit(int status);

#ifdef __cplusplus
}
#endif

#endif
