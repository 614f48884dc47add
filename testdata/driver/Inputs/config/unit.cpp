// One unsafe operation, one silenced with NOLINT.
#include "shared.h"

int first(int *p) { return *(p + 1); }
int silenced(int *p) { return *(p + 2); } // NOLINT(leash-unsafe-unmarked)
