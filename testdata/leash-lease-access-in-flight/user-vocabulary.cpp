// RUN: %check-rule %s leash-lease-access-in-flight
// A project's own cell and lease, whose members have other names and say
// their roles with LEASH_ROLE (../Inputs/user_vocabulary.h), in in-flight
// members: moving a lease in or out (`give`, `reclaim`, `exchange`) and
// asking whether one is there (`holding`, `vacant`, the lease's `empty`)
// are allowed, as in driver.cpp and lease-member.cpp; lending the buffer
// (`lend`, `lend_or`) and element access are not.
#include "../Inputs/user_vocabulary.h"

#include <cstddef>
#include <cstdint>
#include <utility>

using Bytes = project::Buffer<std::uint8_t>;

struct Client {
  virtual void transmitted(Bytes buffer) const = 0;
};

void consume(Bytes buffer);

class LEASH_COMPONENT DmaUart {
public:
  [[nodiscard]] Bytes transmit(Bytes buffer) const {
    if (in_flight_.holding())
      return buffer;
    Bytes previous = in_flight_.exchange(std::move(buffer));
    static_cast<void>(previous.empty());
    return previous;
  }

  void handle_interrupt() const {
    if (in_flight_.vacant())
      return;
    client_->transmitted(in_flight_.reclaim());
  }

  void abort() const {
    Bytes buffer = in_flight_.reclaim();
    in_flight_.give(std::move(buffer));
  }

  // Reading the buffer while the DMA engine owns it.
  void first_byte() const {
    in_flight_.lend([](Bytes &buffer) { buffer[0] = 0; });
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: call to 'lend' on in-flight member 'in_flight_' touches a buffer that the hardware owns; while the transfer runs only reclaim, give, exchange, holding and vacant are allowed [leash-lease-access-in-flight]
    // CHECK-MESSAGES: :[[@LINE+18]]:40: note: in-flight member declared here
  }

  std::size_t size() const {
    return in_flight_.lend_or(std::size_t{0},
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: call to 'lend_or' on in-flight member 'in_flight_' touches a buffer that the hardware owns; while the transfer runs only reclaim, give, exchange, holding and vacant are allowed [leash-lease-access-in-flight]
    // CHECK-MESSAGES: :[[@LINE+12]]:40: note: in-flight member declared here
                              [](Bytes &buffer) { return buffer.length(); });
  }

  // Not reported: an ordinary cell, lent while no transfer runs.
  void staged_byte() const {
    staged_.lend([](Bytes &buffer) { buffer[0] = 0; });
  }

private:
  const Client *client_ = nullptr;
  project::Slot<Bytes> staged_;
  LEASH_IN_FLIGHT project::Slot<Bytes> in_flight_;
};

// A lease held directly in an in-flight member.
class Engine {
public:
  void start(Bytes buffer) {
    if (!in_flight_.empty()) {
      consume(std::move(buffer));
      return;
    }
    in_flight_ = std::move(buffer);
  }
  void finish() { consume(std::move(in_flight_)); }

  std::uint8_t element() { return in_flight_[0]; }
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: use of 'operator[]' on in-flight member 'in_flight_' touches a buffer that the hardware owns; while the transfer runs only moving it in or out and empty are allowed [leash-lease-access-in-flight]
  // CHECK-MESSAGES: :[[@LINE+9]]:25: note: in-flight member declared here
  std::size_t length() { return in_flight_.length(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: call to 'length' on in-flight member 'in_flight_' touches a buffer that the hardware owns; while the transfer runs only moving it in or out and empty are allowed [leash-lease-access-in-flight]
  // CHECK-MESSAGES: :[[@LINE+6]]:25: note: in-flight member declared here

  // Not reported: an ordinary lease member, used freely.
  std::uint8_t staged_element() { return staged_[0]; }

private:
  LEASH_IN_FLIGHT Bytes in_flight_;
  Bytes staged_;
};
