// Includes the header by its plain name.
#include "shared.h"
int plain(int *p) { return second(p); }
