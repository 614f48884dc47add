// A helper in a header that keeps what a cell lends.
#include <leash/map_cell.h>

inline int *kept = nullptr;

inline void keep_first(const leash::MapCell<int> &cell) {
  cell.map([](int &value) { kept = &value; });
}
