// RUN: %check-rule %s leash-lease-use-after-transfer
// Lambdas, templates (reported once), macros (at their use), headers and
// out-of-line members.
#include "Inputs/relay.h"

// CHECK-MESSAGES: {{.*}}relay.h:13:10: warning: lease 'buffer' is used after its ownership was transferred; it owns no buffer here (reassign it first, or check is_empty()) [leash-lease-use-after-transfer]
// CHECK-MESSAGES: {{.*}}relay.h:12:3: note: lease 'buffer' transferred here

#include <leash/take_cell.h>

using Bytes = leash::Lease<std::uint8_t>;

leash::TakeCell<Bytes> idle;

template <typename T> std::size_t forward_twice(leash::Lease<T> buffer) {
  leash::Lease<T> first = std::move(buffer);
  leash::Lease<T> second = std::move(buffer);
  // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: lease 'buffer' is used after its ownership was transferred; it owns no buffer here (reassign it first, or check is_empty()) [leash-lease-use-after-transfer]
  // CHECK-MESSAGES: :[[@LINE-3]]:27: note: lease 'buffer' transferred here
  return first.size() + second.size();
}

// Not reported: a template that moves once, in every instantiation.
template <typename T> leash::Lease<T> pass_on(leash::Lease<T> buffer) {
  return buffer;
}

struct Driver {
  void start(Bytes buffer) const;
  void restart(Bytes buffer) const;
};

void Driver::start(Bytes buffer) const {
  idle.put(std::move(buffer));
  HAND_ON(buffer);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lease 'buffer' is used after its ownership was transferred; it owns no buffer here (reassign it first, or check is_empty()) [leash-lease-use-after-transfer]
  // CHECK-MESSAGES: :[[@LINE-3]]:12: note: lease 'buffer' transferred here
}

// Not reported: handed on once, by a macro, in an out-of-line member.
void Driver::restart(Bytes buffer) const { HAND_ON(buffer); }

void lambdas() {
  auto twice = [](Bytes buffer) {
    sink(std::move(buffer));
    return buffer.size();
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: lease 'buffer' is used after its ownership was transferred; it owns no buffer here (reassign it first, or check is_empty()) [leash-lease-use-after-transfer]
    // CHECK-MESSAGES: :[[@LINE-3]]:10: note: lease 'buffer' transferred here
  };
  // Not reported: a lambda that hands its lease on once.
  auto once = [](Bytes buffer) { idle.put(std::move(buffer)); };
  static_cast<void>(twice(idle.take()));
  once(idle.take());
}

std::uint8_t bytes[4];
std::uint16_t words[4];

int main() {
  static_cast<void>(forward_twice(Bytes::from(bytes)));
  static_cast<void>(
      forward_twice(leash::Lease<std::uint16_t>::from(words)));
  idle.put(pass_on(idle.take()));
  lambdas();
  return static_cast<int>(relay(idle.take()));
}
