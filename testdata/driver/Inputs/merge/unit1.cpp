#include "shared.h"
int unit1() {
  int unused_1 = 1;
  return shared();
}
