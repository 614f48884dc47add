// RUN: %check-rule %s leash-lease-use-after-transfer
// A lease used after its ownership went away, on every path or on some
// path; and the patterns that stay silent: the worked example, a chain of
// calls, reassignment, and a conditional transfer checked with is_empty().
#include <leash/annotations.h>
#include <leash/lease.h>
#include <leash/take_cell.h>

#include <cstddef>
#include <cstdint>
#include <utility>

using Bytes = leash::Lease<std::uint8_t>;

[[nodiscard]] Bytes transmit(Bytes buffer, std::size_t length);
void consume(Bytes buffer);
void keep(Bytes &&buffer);
void look(const Bytes &buffer);
leash::TakeCell<Bytes> idle;

// Moved into the driver on one branch only. The notes follow the path: the
// branch taken, then the transfer. Only the first use after the transfer
// is reported: the put that follows is the same defect.
void one_branch(bool now) {
  Bytes buffer = idle.take();
  if (now)
    consume(std::move(buffer));
  buffer.reset();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lease 'buffer' is used after its ownership was transferred on some path; it owns no buffer here (reassign it first, or check is_empty()) [leash-lease-use-after-transfer]
  // CHECK-MESSAGES: :[[@LINE-4]]:7: note: on the path where this condition is true
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: lease 'buffer' transferred here
  idle.put(std::move(buffer));
}

// Moved in one case of a switch, used after it.
void one_case(int command) {
  Bytes buffer = idle.take();
  switch (command) {
  case 0:
    idle.put(std::move(buffer));
    return;
  case 1:
    consume(std::move(buffer));
    break;
  default:
    break;
  }
  look(buffer);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: lease 'buffer' is used after its ownership was transferred on some path; it owns no buffer here (reassign it first, or check is_empty()) [leash-lease-use-after-transfer]
  // CHECK-MESSAGES: :[[@LINE-8]]:3: note: on the path through this case
  // CHECK-MESSAGES: :[[@LINE-8]]:13: note: lease 'buffer' transferred here
  idle.put(std::move(buffer));
}

// Put into a cell, then used.
std::size_t after_put(Bytes buffer) {
  idle.put(std::move(buffer));
  return buffer.size();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: lease 'buffer' is used after its ownership was transferred; it owns no buffer here (reassign it first, or check is_empty()) [leash-lease-use-after-transfer]
  // CHECK-MESSAGES: :[[@LINE-3]]:12: note: lease 'buffer' transferred here
}

// Moved into another lease, and into an rvalue-reference parameter.
void into_lease_and_rvalue(Bytes first, Bytes second) {
  Bytes other = std::move(first);
  look(first);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: lease 'first' is used after its ownership was transferred; it owns no buffer here (reassign it first, or check is_empty()) [leash-lease-use-after-transfer]
  // CHECK-MESSAGES: :[[@LINE-3]]:17: note: lease 'first' transferred here
  keep(std::move(second));
  second.slice(0, 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lease 'second' is used after its ownership was transferred; it owns no buffer here (reassign it first, or check is_empty()) [leash-lease-use-after-transfer]
  // CHECK-MESSAGES: :[[@LINE-3]]:8: note: lease 'second' transferred here
  consume(std::move(other));
}

// Transferred in one iteration, used in the next.
void in_loop(int count) {
  Bytes buffer = idle.take();
  for (int i = 0; i < count; ++i)
    consume(std::move(buffer));
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: lease 'buffer' is used after its ownership was transferred on some path; it owns no buffer here (reassign it first, or check is_empty()) [leash-lease-use-after-transfer]
  // CHECK-MESSAGES: :[[@LINE-3]]:19: note: on the path where this condition is true
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: lease 'buffer' transferred here
}

// Not reported: the worked example's client.
void send(std::size_t length) {
  Bytes buffer = idle.take();
  if (buffer.is_empty())
    return;
  buffer.reset();
  Bytes refused = transmit(std::move(buffer), length);
  if (!refused.is_empty())
    idle.put(std::move(refused));
}

// Not reported: a lease passed down a chain of calls and returned.
Bytes third(Bytes buffer) { return buffer; }
Bytes second_hop(Bytes buffer) { return third(std::move(buffer)); }
Bytes first_hop(Bytes buffer) {
  Bytes back = second_hop(std::move(buffer));
  return back;
}

// Not reported: reassignment after transfer.
void reassign() {
  Bytes buffer = idle.take();
  consume(std::move(buffer));
  buffer = idle.take();
  buffer.reset();
  idle.put(std::move(buffer));
}

// Not reported: a conditional transfer followed by a check of emptiness;
// is_empty() itself is not a use.
void conditional(bool now) {
  Bytes buffer = idle.take();
  if (now)
    consume(std::move(buffer));
  if (!buffer.is_empty())
    idle.put(std::move(buffer));
}

// Not reported: std::move into a const reference moves nothing.
void not_moved() {
  Bytes buffer = idle.take();
  look(std::move(buffer));
  idle.put(std::move(buffer));
}
