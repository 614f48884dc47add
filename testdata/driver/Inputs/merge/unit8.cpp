#include "shared.h"
int unit8() {
  int unused_8 = 8;
  return shared();
}
