// A second unit that includes the same header.
#include "shared.h"

int other() { return 0; }
