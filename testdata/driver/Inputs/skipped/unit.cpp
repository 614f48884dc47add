// A unit with a function too large for a LeaseFlowBudget of 40, and one
// small enough to be analysed (it has no finding).
#include "large.h"

void large_in_unit(int a, int b, int c, int d) {
  Bytes first = idle.take();
  Bytes second = idle.take();
  Bytes third = idle.take();
  if (a) consume(std::move(first));
  if (b) consume(std::move(second));
  if (c) consume(std::move(third));
  if (d) consume(std::move(first));
  if (a && b) consume(std::move(second));
}

void small() {
  Bytes buffer = idle.take();
  consume(std::move(buffer));
}
