// RUN: %check-rule %s leash-lease-access-in-flight
// A lease held directly in an in-flight member (of a class that is not a
// component): moving a lease in or out and is_empty() are allowed; element
// access, iteration, the raw address and windowing touch the buffer.
#include <leash/annotations.h>
#include <leash/lease.h>

#include <cstdint>
#include <utility>

using Bytes = leash::Lease<std::uint8_t>;

void consume(Bytes buffer);

class Engine {
public:
  void start(Bytes buffer) {
    if (!in_flight_.is_empty()) {
      consume(std::move(buffer));
      return;
    }
    in_flight_ = std::move(buffer);
  }
  void finish() { consume(std::move(in_flight_)); }
  Bytes cancel() { return static_cast<Bytes &&>(in_flight_); }

  std::uint8_t element() { return in_flight_[0]; }
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: use of 'operator[]' on in-flight member 'in_flight_' touches a buffer that the hardware owns; while the transfer runs only moving it in or out and is_empty are allowed [leash-lease-access-in-flight]
  // CHECK-MESSAGES: :[[@LINE+31]]:25: note: in-flight member declared here
  int sum() {
    int total = 0;
    for (std::uint8_t byte : in_flight_)
      // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: iteration on in-flight member 'in_flight_' touches a buffer that the hardware owns; while the transfer runs only moving it in or out and is_empty are allowed [leash-lease-access-in-flight]
      // CHECK-MESSAGES: :[[@LINE+26]]:25: note: in-flight member declared here
      total += byte;
    return total;
  }
  LEASH_UNSAFE("the address goes to the DMA register")
  std::uintptr_t address() {
    return reinterpret_cast<std::uintptr_t>(in_flight_.raw_data());
    // CHECK-MESSAGES: :[[@LINE-1]]:45: warning: call to 'raw_data' on in-flight member 'in_flight_' touches a buffer that the hardware owns; while the transfer runs only moving it in or out and is_empty are allowed [leash-lease-access-in-flight]
    // CHECK-MESSAGES: :[[@LINE+18]]:25: note: in-flight member declared here
  }
  void narrow() {
    in_flight_.slice(0, 1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: call to 'slice' on in-flight member 'in_flight_' touches a buffer that the hardware owns; while the transfer runs only moving it in or out and is_empty are allowed [leash-lease-access-in-flight]
    // CHECK-MESSAGES: :[[@LINE+13]]:25: note: in-flight member declared here
  }

  // Not reported: an ordinary lease member, used freely.
  std::uint8_t staged_element() { return staged_[0]; }
  int staged_sum() {
    int total = 0;
    for (std::uint8_t byte : staged_)
      total += byte;
    return total;
  }

private:
  LEASH_IN_FLIGHT Bytes in_flight_;
  Bytes staged_;
};

int main() {
  static Engine engine;
  engine.finish();
  consume(engine.cancel());
  engine.narrow();
  return engine.element() + engine.sum() + static_cast<int>(engine.address()) +
         engine.staged_element() + engine.staged_sum();
}
