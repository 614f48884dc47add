// Included by every unit: its findings must appear once in any merge.
#pragma once
inline int shared() {
  int unused_in_header = 1;
  return 0;
}
