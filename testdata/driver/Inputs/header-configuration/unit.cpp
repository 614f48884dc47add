#include "include/own.h"
#include "vendor/ring.h"

int unit_peek(const int *p) { return p[3] + own_peek(p) + vendored_peek(p); }
