// RUN: %check-rule %s leash-lease-use-after-transfer,leash-lease-dropped
// What a lease can be moved into, and what the receiver gets: a converting
// constructor taking `U &&` (std::optional's), a field of a brace-initialized
// struct, a parameter converted on the way; the receiver holds what the
// source held (nothing when the source was empty, unknown after a use that
// was reported), so one defect gives one finding.
#include <leash/lease.h>
#include <leash/take_cell.h>

#include <cstdint>
#include <optional>
#include <utility>

using Bytes = leash::Lease<std::uint8_t>;
using Slot = std::optional<Bytes>;

struct Request {
  Bytes payload;
  int length;
};

leash::TakeCell<Bytes> idle;
void consume(Bytes buffer);
void consume_slot(Slot slot);
void send(Request request);
void look(const Bytes &buffer);

void into_optional(bool now) {
  Bytes buffer = idle.take();
  Slot slot(std::move(buffer));
  look(buffer);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: lease 'buffer' is used after its ownership was transferred; it owns no buffer here (reassign it first, or check is_empty()) [leash-lease-use-after-transfer]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: lease 'buffer' transferred here
  consume_slot(std::move(slot));
}

void into_a_struct_field() {
  Bytes buffer = idle.take();
  Request request{std::move(buffer), 4};
  look(buffer);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: lease 'buffer' is used after its ownership was transferred; it owns no buffer here (reassign it first, or check is_empty()) [leash-lease-use-after-transfer]
  // CHECK-MESSAGES: :[[@LINE-3]]:19: note: lease 'buffer' transferred here
  send(std::move(request));
}

void into_a_converted_parameter() {
  Bytes buffer = idle.take();
  consume_slot(std::move(buffer));
  look(buffer);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: lease 'buffer' is used after its ownership was transferred; it owns no buffer here (reassign it first, or check is_empty()) [leash-lease-use-after-transfer]
  // CHECK-MESSAGES: :[[@LINE-3]]:16: note: lease 'buffer' transferred here
}

// The receiver of a lease that may already be gone: the use is reported,
// and the receiver is not reported as lost on top of it.
void moved_twice(bool now) {
  Bytes buffer = idle.take();
  if (now)
    consume(std::move(buffer));
  Bytes other = std::move(buffer);
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: lease 'buffer' is used after its ownership was transferred on some path; it owns no buffer here (reassign it first, or check is_empty()) [leash-lease-use-after-transfer]
  // CHECK-MESSAGES: :[[@LINE-4]]:7: note: on the path where this condition is true
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: lease 'buffer' transferred here
}

// The receiver of a full lease owns it.
void received_and_lost() {
  Bytes buffer = idle.take();
  Slot slot = std::move(buffer);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: lease 'slot' still owns its buffer when it goes out of scope; the buffer is lost for good (hand it back or move it on before this point) [leash-lease-dropped]
// CHECK-MESSAGES: :[[@LINE-3]]:8: note: lease 'slot' got its buffer here

void field_received_and_lost() {
  Bytes buffer = idle.take();
  Request request{std::move(buffer), 4};
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: lease 'request.payload' still owns its buffer when it goes out of scope; the buffer is lost for good (hand it back or move it on before this point) [leash-lease-dropped]
// CHECK-MESSAGES: :[[@LINE-3]]:11: note: lease 'request.payload' got its buffer here

// Not reported below: every receiver hands the lease on, and a receiver
// of an empty lease holds nothing.
void optional_handed_on() {
  Bytes buffer = idle.take();
  Slot slot = std::move(buffer);
  consume_slot(std::move(slot));
}

void struct_handed_on() {
  Bytes buffer = idle.take();
  Request request{std::move(buffer), 4};
  send(std::move(request));
}

void converted_on_the_way() {
  Bytes buffer = idle.take();
  consume_slot(std::move(buffer));
}

void from_an_empty_lease() {
  Bytes empty;
  Bytes other = std::move(empty);
}

void from_a_lease_known_empty() {
  Bytes buffer = idle.take();
  if (buffer.is_empty()) {
    Bytes nothing = std::move(buffer);
    return;
  }
  idle.put(std::move(buffer));
}

void assigned_from_an_empty_lease() {
  Bytes empty;
  Bytes other = idle.take();
  consume(std::move(other));
  other = std::move(empty);
}

// Not reported: a parameter checked at the end of the function, with no
// else: the branch that leaves the function knows it holds nothing.
void checked_parameter(Bytes buffer) {
  if (!buffer.is_empty())
    idle.put(std::move(buffer));
}

void checked_optional_parameter(Slot slot) {
  if (slot.has_value())
    consume(std::move(slot).value());
}

void checked_optional_dereferenced(Slot slot) {
  if (slot)
    consume(*std::move(slot));
}

// Not reported: a loop that tests the result of an assignment.
void drain() {
  Bytes buffer;
  while (!(buffer = idle.take()).is_empty())
    consume(std::move(buffer));
}

// Reported: the same parameter kept on the path where it holds a buffer.
void unchecked_optional_parameter(Slot slot) {
  if (!slot.has_value())
    return;
  look(*slot);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: lease 'slot' still owns its buffer when the function ends; the buffer is lost for good (hand it back or move it on before this point) [leash-lease-dropped]
// CHECK-MESSAGES: :[[@LINE-6]]:40: note: lease 'slot' got its buffer here
