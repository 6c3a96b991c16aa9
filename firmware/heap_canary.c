/* Must fail to link: the linker script refuses any firmware that pulls in malloc. */
#include <stdlib.h>

int main(void) {
  void* volatile block = malloc(16);
  free(block);
  return 0;
}
