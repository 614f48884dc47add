// RUN: %check-rule %s leash-lease-use-after-transfer
// A project's own lease and cell, whose members have other names and say
// their roles with LEASH_ROLE (../Inputs/user_vocabulary.h): a lease used
// after a transfer is found, and a transfer checked with the lease's
// emptiness test (`empty()`, the role "test_empty") is not, as with the
// vocabulary's `is_empty()` in paths.cpp.
#include "../Inputs/user_vocabulary.h"

#include <cstddef>
#include <cstdint>
#include <utility>

using Bytes = project::Buffer<std::uint8_t>;

[[nodiscard]] Bytes transmit(Bytes buffer, std::size_t length);
void consume(Bytes buffer);
void look(const Bytes &buffer);
project::Slot<Bytes> idle;

// Put into a cell, then used.
std::size_t after_give(Bytes buffer) {
  idle.give(std::move(buffer));
  return buffer.length();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: lease 'buffer' is used after its ownership was transferred; it owns no buffer here (reassign it first, or check is_empty()) [leash-lease-use-after-transfer]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: lease 'buffer' transferred here
}

// Moved into the driver on one branch only, then used.
void one_branch(bool now) {
  Bytes buffer = idle.reclaim();
  if (now)
    consume(std::move(buffer));
  look(buffer);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: lease 'buffer' is used after its ownership was transferred on some path; it owns no buffer here (reassign it first, or check is_empty()) [leash-lease-use-after-transfer]
  // CHECK-MESSAGES: :[[@LINE-4]]:7: note: on the path where this condition is true
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: lease 'buffer' transferred here
  idle.give(std::move(buffer));
}

// Not reported: the worked example's client, with the project's names.
void send(std::size_t length) {
  Bytes buffer = idle.reclaim();
  if (buffer.empty())
    return;
  Bytes refused = transmit(std::move(buffer), length);
  if (!refused.empty())
    idle.give(std::move(refused));
}

// Not reported: a conditional transfer followed by a check of emptiness;
// the test itself is not a use, and a flag that mirrors it refines too.
void conditional(bool now) {
  Bytes buffer = idle.reclaim();
  if (now)
    consume(std::move(buffer));
  if (!buffer.empty())
    idle.give(std::move(buffer));
}

void mirrored(bool now) {
  Bytes buffer = idle.reclaim();
  if (now)
    consume(std::move(buffer));
  const bool gone = buffer.empty();
  if (!gone)
    idle.give(std::move(buffer));
}
