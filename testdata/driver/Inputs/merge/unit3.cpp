#include "shared.h"
int unit3() {
  int unused_3 = 3;
  return shared();
}
