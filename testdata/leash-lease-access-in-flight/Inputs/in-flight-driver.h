// A driver header whose inline member reads its in-flight buffer.
#include <leash/annotations.h>
#include <leash/lease.h>
#include <leash/take_cell.h>

#include <cstdint>

#define PEEK_FIRST(cell)                                                       \
  (cell).map([](leash::Lease<std::uint8_t> &b) { return b[0]; }).value_or(0)

struct HeaderDriver {
  std::uint8_t peek() const { return PEEK_FIRST(in_flight); }
  bool busy() const { return in_flight.is_some(); }
  LEASH_IN_FLIGHT leash::TakeCell<leash::Lease<std::uint8_t>> in_flight;
};
