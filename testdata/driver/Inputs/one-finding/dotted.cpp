// Includes the header through a `..`.
#include "sub/../shared.h"
int dotted(int *p) { return second(p); }
