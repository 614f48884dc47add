// RUN: %check-rule %s leash-lease-access-in-flight
// Handing the in-flight member to other code is an access too: by
// reference, by address, through a reference variable, or inside a lambda.
#include <leash/annotations.h>
#include <leash/lease.h>
#include <leash/take_cell.h>

#include <cstdint>
#include <utility>

using Bytes = leash::Lease<std::uint8_t>;
using BufferCell = leash::TakeCell<Bytes>;

std::uint8_t peek(const BufferCell &cell);
bool is_full(const BufferCell &cell) { return cell.is_some(); }

class Spi {
public:
  std::uint8_t by_reference() const {
    return peek(rx_);
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: passing it by reference to 'peek' on in-flight member 'rx_' touches a buffer that the hardware owns; while the transfer runs only take, put, replace, is_some and is_none are allowed [leash-lease-access-in-flight]
    // CHECK-MESSAGES: :[[@LINE+33]]:30: note: in-flight member declared here
  }
  const BufferCell *by_address() const {
    return &rx_;
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: taking its address on in-flight member 'rx_' touches a buffer that the hardware owns; while the transfer runs only take, put, replace, is_some and is_none are allowed [leash-lease-access-in-flight]
    // CHECK-MESSAGES: :[[@LINE+28]]:30: note: in-flight member declared here
  }
  bool through_reference() const {
    const BufferCell &alias = rx_;
    // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: binding a reference to it on in-flight member 'rx_' touches a buffer that the hardware owns; while the transfer runs only take, put, replace, is_some and is_none are allowed [leash-lease-access-in-flight]
    // CHECK-MESSAGES: :[[@LINE+23]]:30: note: in-flight member declared here
    return alias.is_some();
  }
  std::uint8_t in_lambda() const {
    auto read = [this] {
      return rx_.map([](Bytes &buffer) { return buffer[1]; }).value_or(0);
      // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: call to 'map' on in-flight member 'rx_' touches a buffer that the hardware owns; while the transfer runs only take, put, replace, is_some and is_none are allowed [leash-lease-access-in-flight]
      // CHECK-MESSAGES: :[[@LINE+16]]:30: note: in-flight member declared here
    };
    return read();
  }

  // Not reported: the allowed members, also inside a lambda.
  void restart() const {
    auto again = [this] {
      Bytes buffer = rx_.take();
      if (!buffer.is_empty())
        rx_.put(std::move(buffer));
    };
    again();
  }

private:
  LEASH_IN_FLIGHT BufferCell rx_;
};

int main() {
  static const Spi spi;
  spi.restart();
  return spi.by_reference() + (spi.by_address() != nullptr) +
         spi.through_reference() + spi.in_lambda();
}
