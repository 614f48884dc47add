// RUN: %check-rule %s leash-lease-dropped,leash-lease-use-after-transfer
// Transfers through lvalue references: a callee's summary (gives the lease
// away, maybe, or keeps it for the caller; recursion and callees without a
// body leave it owned), local references, is_empty() kept in a bool, a
// switch, a goto, and lambdas that capture the lease by reference (reading
// it is a use; moving it makes it unknown) or move it into a capture.
#include <leash/lease.h>
#include <leash/take_cell.h>

#include <cstdint>
#include <utility>

using Bytes = leash::Lease<std::uint8_t>;

leash::TakeCell<Bytes> idle;
void consume(Bytes buffer);
void external(Bytes &buffer);
bool ready();

void give(Bytes &buffer) { idle.put(std::move(buffer)); }
void maybe_give(Bytes &buffer) {
  if (ready())
    idle.put(std::move(buffer));
}
void fill(Bytes &buffer) { buffer[0] = 1; }
void keep(Bytes &) {}
void ping(Bytes &buffer, int n) {
  if (n > 0)
    ping(buffer, n - 1);
}

std::size_t after_give() {
  Bytes buffer = idle.take();
  give(buffer);
  return buffer.size();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: lease 'buffer' is used after its ownership was transferred; it owns no buffer here (reassign it first, or check is_empty()) [leash-lease-use-after-transfer]
  // CHECK-MESSAGES: :[[@LINE-3]]:8: note: lease 'buffer' transferred here
}

void after_maybe_give() {
  Bytes buffer = idle.take();
  maybe_give(buffer);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: lease 'buffer' may still own its buffer when it goes out of scope; the buffer is lost for good (hand it back or move it on before this point) [leash-lease-dropped]
// CHECK-MESSAGES: :[[@LINE-4]]:9: note: lease 'buffer' got its buffer here

void through_alias() {
  Bytes buffer = idle.take();
  Bytes &alias = buffer;
  consume(std::move(alias));
  consume(std::move(buffer));
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: lease 'buffer' is used after its ownership was transferred; it owns no buffer here (reassign it first, or check is_empty()) [leash-lease-use-after-transfer]
  // CHECK-MESSAGES: :[[@LINE-3]]:11: note: lease 'buffer' transferred here
}

void flag_inverted() {
  Bytes buffer = idle.take();
  const bool empty = buffer.is_empty();
  if (!empty)
    return;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: lease 'buffer' still owns its buffer when the function returns; the buffer is lost for good (hand it back or move it on before this point) [leash-lease-dropped]
    // CHECK-MESSAGES: :[[@LINE-5]]:9: note: lease 'buffer' got its buffer here
    // CHECK-MESSAGES: :[[@LINE-4]]:7: note: on the path where this condition is true
  idle.put(std::move(buffer));
}

void by_kind(int kind) {
  Bytes buffer = idle.take();
  switch (kind) {
  case 0:
    consume(std::move(buffer));
    break;
  case 1:
    idle.put(std::move(buffer));
    break;
  default:
    break;
  }
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: lease 'buffer' may still own its buffer when it goes out of scope; the buffer is lost for good (hand it back or move it on before this point) [leash-lease-dropped]
// CHECK-MESSAGES: :[[@LINE-13]]:9: note: lease 'buffer' got its buffer here

std::size_t reads_in_lambda() {
  Bytes buffer = idle.take();
  auto size = [&] { return buffer.size(); };
  return size();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lease 'buffer' still owns its buffer when the function returns; the buffer is lost for good (hand it back or move it on before this point) [leash-lease-dropped]
  // CHECK-MESSAGES: :[[@LINE-4]]:9: note: lease 'buffer' got its buffer here
}

void moved_into_capture() {
  Bytes buffer = idle.take();
  auto later = [owned = std::move(buffer)]() mutable { consume(std::move(owned)); };
  later();
  consume(std::move(buffer));
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: lease 'buffer' is used after its ownership was transferred; it owns no buffer here (reassign it first, or check is_empty()) [leash-lease-use-after-transfer]
  // CHECK-MESSAGES: :[[@LINE-4]]:25: note: lease 'buffer' transferred here
}

// Not reported below: each is handed on, checked or empty on every path.
void after_fill() {
  Bytes buffer = idle.take();
  fill(buffer);
  external(buffer);
  keep(buffer);
  idle.put(std::move(buffer));
}

void given() {
  Bytes buffer = idle.take();
  give(buffer);
}

void maybe_given_then_checked() {
  Bytes buffer = idle.take();
  maybe_give(buffer);
  if (!buffer.is_empty())
    idle.put(std::move(buffer));
}

void recursion() {
  Bytes buffer = idle.take();
  ping(buffer, 3);
  idle.put(std::move(buffer));
}

void flag_checked() {
  Bytes buffer = idle.take();
  const bool empty = buffer.is_empty();
  if (empty)
    return;
  idle.put(std::move(buffer));
}

void flag_full() {
  Bytes buffer = idle.take();
  bool full = !buffer.is_empty();
  if (full)
    consume(std::move(buffer));
}

void moved_in_lambda() {
  Bytes buffer = idle.take();
  auto send = [&] { consume(std::move(buffer)); };
  send();
}

void goto_handed_on(bool fail) {
  Bytes buffer = idle.take();
  if (fail)
    goto out;
  consume(std::move(buffer));
  return;
out:
  idle.put(std::move(buffer));
}
