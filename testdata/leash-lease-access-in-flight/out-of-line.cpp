// RUN: %check-rule %s leash-lease-access-in-flight
// Members defined out of line, and accesses through another object of the
// class.
#include <leash/annotations.h>
#include <leash/lease.h>
#include <leash/map_cell.h>
#include <leash/take_cell.h>

#include <cstdint>
#include <utility>

using Bytes = leash::Lease<std::uint8_t>;

class LEASH_COMPONENT Radio {
public:
  std::uint8_t header() const;
  void rearm(const Radio &other) const;
  bool busy() const;

private:
  LEASH_IN_FLIGHT leash::TakeCell<Bytes> packet_;
  LEASH_IN_FLIGHT leash::MapCell<Bytes> frame_;
};

std::uint8_t Radio::header() const {
  return packet_.map([](Bytes &packet) { return packet[0]; }).value_or(0);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: call to 'map' on in-flight member 'packet_' touches a buffer that the hardware owns; while the transfer runs only take, put, replace, is_some and is_none are allowed [leash-lease-access-in-flight]
  // CHECK-MESSAGES: :[[@LINE-7]]:42: note: in-flight member declared here
}

void Radio::rearm(const Radio &other) const {
  other.frame_.map([](Bytes &frame) { frame.reset(); });
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: call to 'map' on in-flight member 'frame_' touches a buffer that the hardware owns; while the transfer runs only is_some, is_none, take, put and replace are allowed [leash-lease-access-in-flight]
  // CHECK-MESSAGES: :[[@LINE-12]]:41: note: in-flight member declared here
  // Not reported: moving leases between in-flight cells.
  packet_.put(other.packet_.take());
  std::optional<Bytes> frame = other.frame_.take();
  if (frame)
    frame_.put(std::move(*frame));
}

bool Radio::busy() const { return packet_.is_some() || frame_.is_some(); }

int main() {
  static const Radio radio;
  radio.rearm(radio);
  return radio.header() + radio.busy();
}
