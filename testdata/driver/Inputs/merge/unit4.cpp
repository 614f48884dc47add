#include "shared.h"
int unit4() {
  int unused_4 = 4;
  return shared();
}
