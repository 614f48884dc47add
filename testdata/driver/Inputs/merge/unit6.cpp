#include "shared.h"
int unit6() {
  int unused_6 = 6;
  return shared();
}
