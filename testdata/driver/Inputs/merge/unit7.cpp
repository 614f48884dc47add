#include "shared.h"
int unit7() {
  int unused_7 = 7;
  return shared();
}
