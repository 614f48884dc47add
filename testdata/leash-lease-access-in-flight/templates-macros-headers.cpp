// RUN: %check-rule %s leash-lease-access-in-flight
// A use in a class template is reported once however many times it is
// instantiated; a use in a header is reported in the header; one inside a
// macro expansion at the macro's use. A project's own cell type counts.
#include "Inputs/in-flight-driver.h"

// CHECK-MESSAGES: {{.*}}in-flight-driver.h:12:38: warning: call to 'map' on in-flight member 'in_flight' touches a buffer that the hardware owns; while the transfer runs only take, put, replace, is_some and is_none are allowed [leash-lease-access-in-flight]
// CHECK-MESSAGES: {{.*}}in-flight-driver.h:14:63: note: in-flight member declared here

#include <utility>

/// A project's own cell: a slot with a peek that reads the buffer.
template <typename T> class LEASH_CELL("take") Slot {
public:
  LEASH_ROLE("take") T take() const { return std::move(value_); }
  LEASH_ROLE("put") void put(T value) const { value_ = std::move(value); }
  LEASH_ROLE("test_full") bool is_some() const { return !value_.is_empty(); }
  const T &peek() const { return value_; }

private:
  mutable T value_;
};

template <typename T> struct Channel {
  T first() const {
    return slot_.peek()[0];
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: call to 'peek' on in-flight member 'slot_' touches a buffer that the hardware owns; while the transfer runs only take, put and is_some are allowed [leash-lease-access-in-flight]
    // CHECK-MESSAGES: :[[@LINE+7]]:41: note: in-flight member declared here
  }
  // Not reported: the cell's own take and put, in every instantiation.
  void cycle() const {
    leash::Lease<T> lease = slot_.take();
    slot_.put(std::move(lease));
  }
  LEASH_IN_FLIGHT Slot<leash::Lease<T>> slot_;
};

int main() {
  static const HeaderDriver driver;
  static const Channel<std::uint8_t> bytes;
  static const Channel<std::uint16_t> words;
  bytes.cycle();
  words.cycle();
  return driver.peek() + driver.busy() + bytes.first() + words.first();
}
