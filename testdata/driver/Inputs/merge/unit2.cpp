#include "shared.h"
int unit2() {
  int unused_2 = 2;
  return shared();
}
