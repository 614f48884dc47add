// RUN: %check-rule %s leash-lease-dropped,leash-lease-use-after-transfer
// A closure that captured a lease by move runs with it when it is called:
// called after it was moved on (on every path, or on some), its lease is
// used after its ownership was transferred. Reported once per call, at the
// call, with a note at the move.
#include <leash/lease.h>
#include <leash/take_cell.h>

#include <cstdint>
#include <utility>

using Bytes = leash::Lease<std::uint8_t>;

leash::TakeCell<Bytes> idle;
leash::TakeCell<Bytes> spare;
void consume(Bytes buffer);
void look(const Bytes &buffer);
template <typename Work> void run_now(Work work) { work(); }
template <typename Work> void run_lent(Work &&work) { work(); }
template <typename Work> void defer(Work &&work) { run_lent(work); }

// Found.
void mutable_called_after_moved_on() {
  Bytes buffer = idle.take();
  auto send = [held = std::move(buffer)]() mutable {
    idle.put(std::move(held));
  };
  run_now(std::move(send));
  send();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lease 'send.held' is used after its ownership was transferred; it owns no buffer here (reassign it first, or check is_empty()) [leash-lease-use-after-transfer]
  // CHECK-MESSAGES: :[[@LINE-3]]:11: note: lease 'send.held' transferred here
}

void const_called_after_moved_on() {
  Bytes buffer = idle.take();
  auto show = [held = std::move(buffer)]() { look(held); };
  defer(std::move(show));
  show();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lease 'show.held' is used after its ownership was transferred; it owns no buffer here (reassign it first, or check is_empty()) [leash-lease-use-after-transfer]
  // CHECK-MESSAGES: :[[@LINE-3]]:9: note: lease 'show.held' transferred here
}

void two_captures_one_finding() {
  Bytes first = idle.take();
  Bytes second = spare.take();
  auto send = [a = std::move(first), b = std::move(second)]() mutable {
    idle.put(std::move(a));
    spare.put(std::move(b));
  };
  run_now(std::move(send));
  send();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lease 'send.a' is used after its ownership was transferred; it owns no buffer here (reassign it first, or check is_empty()) [leash-lease-use-after-transfer]
  // CHECK-MESSAGES: :[[@LINE-3]]:11: note: lease 'send.a' transferred here
  send();
}

void called_after_moved_on_some_path(bool later) {
  Bytes buffer = idle.take();
  auto send = [held = std::move(buffer)]() mutable {
    idle.put(std::move(held));
  };
  if (later)
    run_now(std::move(send));
  send();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lease 'send.held' is used after its ownership was transferred on some path; it owns no buffer here (reassign it first, or check is_empty()) [leash-lease-use-after-transfer]
  // CHECK-MESSAGES: :[[@LINE-4]]:7: note: on the path where this condition is true
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: lease 'send.held' transferred here
}

// Not found: called before it is moved on, lent rather than moved, or
// moved on one path and called on the other.
void called_then_moved_on() {
  Bytes buffer = idle.take();
  auto show = [held = std::move(buffer)]() { look(held); };
  show();
  defer(std::move(show));
}

void lent_then_called() {
  Bytes buffer = idle.take();
  auto send = [held = std::move(buffer)]() mutable {
    idle.put(std::move(held));
  };
  run_lent(send);
  send();
}

void moved_or_called(bool later) {
  Bytes buffer = idle.take();
  auto send = [held = std::move(buffer)]() mutable {
    idle.put(std::move(held));
  };
  if (later)
    run_now(std::move(send));
  else
    send();
}
