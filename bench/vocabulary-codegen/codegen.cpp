/// Pairs of functions, vocabulary and raw C-style, to compare their code.
// Each vocabulary function does the same work as its raw twin; run.sh counts
// their instructions after arm-none-eabi-g++ -Os for a Cortex-M4.
#include "leash/cell.h"
#include "leash/lease.h"
#include "leash/map_cell.h"
#include "leash/optional_cell.h"
#include "leash/take_cell.h"

#include <cstddef>
#include <cstdint>

int counter;
constinit leash::TakeCell<int> take_cell{&counter};
int *raw_pointer = &counter;

constinit leash::Cell<int> cell;
int raw_value;

constinit leash::OptionalCell<int> optional_cell;
/// What an OptionalCell<int> replaces: a value and a flag.
struct RawOptional {
  int value;
  bool full;
};
RawOptional raw_optional;

constinit leash::MapCell<int> map_cell;
/// What a MapCell<int> replaces: a value, a flag, and a busy flag.
struct RawMapCell {
  int value;
  bool full;
  bool busy;
};
RawMapCell raw_map_cell;

std::uint8_t buffer[64];
leash::Lease<std::uint8_t> lease;
std::size_t raw_length;

extern "C" {

/// TakeCell::map incrementing the pointee.
void takecell_map() {
  take_cell.map([](int &value) { ++value; });
}

/// The same through a raw pointer with a null check.
void raw_pointer_map() {
  if (raw_pointer != nullptr) {
    ++*raw_pointer;
  }
}

/// Cell::get.
int cell_get() { return cell.get(); }

/// A plain global read.
int raw_get() { return raw_value; }

/// Cell::set.
void cell_set(int value) { cell.set(value); }

/// A plain global write.
void raw_set(int value) { raw_value = value; }

/// OptionalCell::map computing from the value, 0 when empty.
int optionalcell_map() {
  return optional_cell.map([](int value) { return value + 1; }).value_or(0);
}

/// The same on a value-and-flag struct.
int raw_optional_map() {
  return raw_optional.full ? raw_optional.value + 1 : 0;
}

/// MapCell::map incrementing the value in place.
void mapcell_map() {
  map_cell.map([](int &value) { ++value; });
}

/// The same with a full flag and a re-entrancy flag checked by hand.
void raw_mapcell_map() {
  if (raw_map_cell.full && !raw_map_cell.busy) {
    raw_map_cell.busy = true;
    ++raw_map_cell.value;
    raw_map_cell.busy = false;
  }
}

/// Lease::operator[] (bounds-checked against the window).
std::uint8_t lease_index(std::size_t index) { return lease[index]; }

/// A raw array read with the same bounds check, returning 0 when outside.
std::uint8_t raw_index(std::size_t index) {
  return index < raw_length ? buffer[index] : 0;
}

} // extern "C"
