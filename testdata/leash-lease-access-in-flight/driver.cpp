// RUN: %check-rule %s leash-lease-access-in-flight
// A DMA driver keeps the lease in a LEASH_IN_FLIGHT cell while the transfer
// runs: it may take it out, put one in, and ask whether one is there, but
// never look inside.
#include <leash/annotations.h>
#include <leash/lease.h>
#include <leash/take_cell.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>

using Bytes = leash::Lease<std::uint8_t>;

struct Client {
  virtual void transmitted(Bytes buffer) const = 0;
};

class LEASH_COMPONENT DmaUart {
public:
  [[nodiscard]] Bytes transmit(Bytes buffer) const {
    if (in_flight_.is_some())
      return buffer;
    Bytes previous = in_flight_.replace(std::move(buffer));
    static_cast<void>(previous.is_empty());
    return previous;
  }

  void handle_interrupt() const {
    if (in_flight_.is_none())
      return;
    client_->transmitted(in_flight_.take());
  }

  void abort() const {
    Bytes buffer = in_flight_.take();
    in_flight_.put(std::move(buffer));
  }

  // Reading the buffer while the DMA engine owns it.
  std::uint8_t first_byte() const {
    return in_flight_
        // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: call to 'map' on in-flight member 'in_flight_' touches a buffer that the hardware owns; while the transfer runs only take, put, replace, is_some and is_none are allowed [leash-lease-access-in-flight]
        // CHECK-MESSAGES: :[[@LINE+20]]:42: note: in-flight member declared here
        .map([](Bytes &buffer) { return buffer[0]; })
        .value_or(0);
  }

  std::size_t size() const {
    return in_flight_.map_or(std::size_t{0},
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: call to 'map_or' on in-flight member 'in_flight_' touches a buffer that the hardware owns; while the transfer runs only take, put, replace, is_some and is_none are allowed [leash-lease-access-in-flight]
    // CHECK-MESSAGES: :[[@LINE+12]]:42: note: in-flight member declared here
                             [](Bytes &buffer) { return buffer.size(); });
  }

  // Not reported: an ordinary cell, mapped while no transfer runs.
  std::uint8_t staged_byte() const {
    return staged_.map([](Bytes &buffer) { return buffer[0]; }).value_or(0);
  }

private:
  const Client *client_ = nullptr;
  leash::TakeCell<Bytes> staged_;
  LEASH_IN_FLIGHT leash::TakeCell<Bytes> in_flight_;
};

int main() {
  static const DmaUart uart;
  static_cast<void>(uart.first_byte() + uart.size() + uart.staged_byte());
  uart.abort();
  uart.handle_interrupt();
  return 0;
}
