// Included by a.cpp only: an edit here must analyse a.cpp again, not b.cpp.
#pragma once
inline int from_header() {
  int unused_in_header = 1;
  return 0;
}
