#include "shared.h"
int unit5() {
  int unused_5 = 5;
  return shared();
}
