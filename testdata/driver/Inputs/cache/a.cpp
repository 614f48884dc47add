#include "lease.h"
int a() {
  int unused_a = 1;
  int shadowed = 2;
  { int shadowed = 3; return shadowed + from_header(); }
}
