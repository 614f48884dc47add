// Kernel code with one unsafe function.
#include <leash/annotations.h>

LEASH_UNSAFE("waits for an interrupt; touches no memory")
void sleep_until_interrupt() {}
