// Includes the header through a symbolic link to its folder.
#include "shared.h"
int linked(int *p) { return second(p); }
