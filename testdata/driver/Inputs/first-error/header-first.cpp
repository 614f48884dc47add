// The first error is in a header this file includes first; the file's own
// error comes later, but its path sorts first.
#include "z/late.h"

int main_error( {
