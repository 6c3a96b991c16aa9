#include "semihost.h"

#include <string.h>

enum {
  SYS_OPEN = 0x01,
  SYS_CLOSE = 0x02,
  SYS_WRITE = 0x05,
  SYS_READ = 0x06,
  SYS_FLEN = 0x0C,
  SYS_GET_CMDLINE = 0x15,
  SYS_EXIT = 0x18,
  STDOUT_HANDLE_NAME_MODE = 4 /* "w" on ":tt" opens the console */
};

static long semihost_call(long operation, void* argument) {
  register long r0 __asm("r0") = operation;
  register void* r1 __asm("r1") = argument;
  __asm volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

static long console = -1;

static long open_file(const char* path, long mode) {
  uintptr_t block[3] = {(uintptr_t)path, (uintptr_t)mode, (uintptr_t)strlen(path)};
  return semihost_call(SYS_OPEN, block);
}

void semihost_write_bytes(const char* bytes, size_t count) {
  if (console < 0) console = open_file(":tt", STDOUT_HANDLE_NAME_MODE);
  uintptr_t block[3] = {(uintptr_t)console, (uintptr_t)bytes, (uintptr_t)count};
  semihost_call(SYS_WRITE, block);
}

void semihost_write(const char* text) {
  semihost_write_bytes(text, strlen(text));
}

int semihost_command_line(char* buffer, size_t size) {
  uintptr_t block[2] = {(uintptr_t)buffer, (uintptr_t)size};
  return semihost_call(SYS_GET_CMDLINE, block) == 0;
}

long semihost_read_file(const char* path, uint8_t* buffer, size_t capacity) {
  const long handle = open_file(path, 1 /* "rb" */);
  if (handle < 0) return -1;
  const long length = semihost_call(SYS_FLEN, (void*)&(uintptr_t){(uintptr_t)handle});
  long result = -1;
  if (length >= 0 && (size_t)length <= capacity) {
    uintptr_t block[3] = {(uintptr_t)handle, (uintptr_t)buffer, (uintptr_t)length};
    if (semihost_call(SYS_READ, block) == 0) result = length; /* returns the bytes NOT read */
  }
  uintptr_t close_block[1] = {(uintptr_t)handle};
  semihost_call(SYS_CLOSE, close_block);
  return result;
}

void semihost_exit(int status) {
  /* ADP_Stopped_ApplicationExit ends QEMU with status 0; RunTimeErrorUnknown with 1. */
  semihost_call(SYS_EXIT, (void*)(uintptr_t)(status == 0 ? 0x20026u : 0x20023u));
  for (;;) {
  }
}
