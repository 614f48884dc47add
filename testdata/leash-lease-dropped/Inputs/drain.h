// A header whose inline helper takes a lease out of a cell and forgets it.
#include <leash/lease.h>
#include <leash/take_cell.h>

#include <cstdint>

#define TAKE_OUT(cell) (cell).take()

inline std::size_t drained_size(const leash::TakeCell<leash::Lease<std::uint8_t>> &cell) {
  leash::Lease<std::uint8_t> buffer = TAKE_OUT(cell);
  return buffer.size();
}
