// A function too large for a LeaseFlowBudget of 40, in a header that both
// units include: what is said about it is said once per run.
#include <leash/lease.h>
#include <leash/take_cell.h>

#include <cstdint>
#include <utility>

using Bytes = leash::Lease<std::uint8_t>;

extern leash::TakeCell<Bytes> idle;
void consume(Bytes buffer);

inline void large_in_header(int a, int b, int c, int d) {
  Bytes first = idle.take();
  Bytes second = idle.take();
  Bytes third = idle.take();
  if (a) consume(std::move(first));
  if (b) consume(std::move(second));
  if (c) consume(std::move(third));
  if (d) consume(std::move(first));
  if (a && b) consume(std::move(second));
}
