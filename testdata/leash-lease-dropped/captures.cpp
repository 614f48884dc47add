// RUN: %check-rule %s leash-lease-dropped,leash-lease-use-after-transfer
// A lease moved into a lambda's init-capture belongs to the closure: lost
// when the closure goes out of scope still holding it (never called, or
// called only through a const call operator that cannot move it on), and
// handed on when the closure is moved, lent, or called mutably.
#include <leash/lease.h>
#include <leash/take_cell.h>

#include <cstdint>
#include <utility>

using Bytes = leash::Lease<std::uint8_t>;

leash::TakeCell<Bytes> idle;
void consume(Bytes buffer);
void look(const Bytes &buffer);
template <typename Work> void run_now(Work work) { work(); }
template <typename Work> void run_lent(Work &&work) { work(); }

void kept_by_a_const_lambda() {
  Bytes buffer = idle.take();
  auto show = [held = std::move(buffer)]() { look(held); };
  show();
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: lease 'show.held' still owns its buffer when it goes out of scope; the buffer is lost for good (hand it back or move it on before this point) [leash-lease-dropped]
// CHECK-MESSAGES: :[[@LINE-4]]:8: note: lease 'show.held' got its buffer here

void never_called() {
  Bytes buffer = idle.take();
  auto send = [held = std::move(buffer)]() mutable {
    consume(std::move(held));
  };
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: lease 'send.held' still owns its buffer when it goes out of scope; the buffer is lost for good (hand it back or move it on before this point) [leash-lease-dropped]
// CHECK-MESSAGES: :[[@LINE-5]]:8: note: lease 'send.held' got its buffer here

void early_return_before_the_call(bool ready) {
  Bytes buffer = idle.take();
  auto send = [held = std::move(buffer)]() mutable {
    consume(std::move(held));
  };
  if (!ready)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: lease 'send.held' still owns its buffer when the function returns; the buffer is lost for good (hand it back or move it on before this point) [leash-lease-dropped]
  // CHECK-MESSAGES: :[[@LINE-6]]:8: note: lease 'send.held' got its buffer here
  // CHECK-MESSAGES: :[[@LINE-4]]:7: note: on the path where this condition is true
  send();
}

void captured_and_used(bool now) {
  Bytes buffer = idle.take();
  auto send = [held = std::move(buffer)]() mutable {
    consume(std::move(held));
  };
  look(buffer);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: lease 'buffer' is used after its ownership was transferred; it owns no buffer here (reassign it first, or check is_empty()) [leash-lease-use-after-transfer]
  // CHECK-MESSAGES: :[[@LINE-5]]:23: note: lease 'buffer' transferred here
  if (now)
    send();
  else
    run_now(std::move(send));
}

// Not reported below: the closure hands its lease on, or is handed on.
void called_mutably() {
  Bytes buffer = idle.take();
  auto send = [held = std::move(buffer)]() mutable {
    consume(std::move(held));
  };
  send();
}

void closure_moved_on() {
  Bytes buffer = idle.take();
  auto send = [held = std::move(buffer)]() mutable {
    idle.put(std::move(held));
  };
  run_now(std::move(send));
}

void closure_lent() {
  Bytes buffer = idle.take();
  auto send = [held = std::move(buffer)]() mutable {
    idle.put(std::move(held));
  };
  run_lent(send);
}

void captured_by_reference_and_moved() {
  Bytes buffer = idle.take();
  auto send = [&buffer]() { consume(std::move(buffer)); };
  send();
}

void empty_capture() {
  auto show = [held = Bytes()]() { look(held); };
  show();
}

void capture_of_a_checked_lease() {
  Bytes buffer = idle.take();
  if (buffer.is_empty())
    return;
  auto send = [held = std::move(buffer)]() mutable {
    idle.put(std::move(held));
  };
  send();
}
