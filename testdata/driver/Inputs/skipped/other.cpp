// Another unit that includes the header with the large function.
#include "large.h"

void use_header(int a) { large_in_header(a, a, a, a); }
