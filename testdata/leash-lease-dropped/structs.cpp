// RUN: %check-rule %s leash-lease-dropped,leash-lease-use-after-transfer
// Leases held in struct fields (also nested, also designated-initialised):
// the struct's scope exit or its by-value parameter's end loses them;
// moving the struct or the field hands them on; lending the whole struct
// by non-const reference makes them unknown (not reported). Also a class
// built by its constructor, std::pair and an unnamed parameter; a class
// with its own destructor and structured bindings are not followed.
#include <leash/lease.h>
#include <leash/take_cell.h>

#include <cstddef>
#include <cstdint>
#include <utility>

using Bytes = leash::Lease<std::uint8_t>;

struct Request {
  Bytes payload;
  std::size_t length = 0;
};

struct Job {
  Request request;
  int id = 0;
};

leash::TakeCell<Bytes> idle;
void consume(Bytes buffer);
void send(Request request);
void inspect(Request &request);
bool ready();

void forgotten() {
  Request request{idle.take(), 4};
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: lease 'request.payload' still owns its buffer when it goes out of scope; the buffer is lost for good (hand it back or move it on before this point) [leash-lease-dropped]
// CHECK-MESSAGES: :[[@LINE-3]]:11: note: lease 'request.payload' got its buffer here

void completed(Request request) {
  if (request.length == 0)
    return;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: lease 'request.payload' still owns its buffer when the function returns; the buffer is lost for good (hand it back or move it on before this point) [leash-lease-dropped]
    // CHECK-MESSAGES: :[[@LINE-4]]:24: note: lease 'request.payload' got its buffer here
    // CHECK-MESSAGES: :[[@LINE-4]]:7: note: on the path where this condition is true
  idle.put(std::move(request.payload));
}

void filled_later() {
  Request request;
  request.payload = idle.take();
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: lease 'request.payload' still owns its buffer when it goes out of scope; the buffer is lost for good (hand it back or move it on before this point) [leash-lease-dropped]
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: lease 'request.payload' got its buffer here

void nested() {
  Job job{{idle.take(), 1}, 2};
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: lease 'job.request.payload' still owns its buffer when it goes out of scope; the buffer is lost for good (hand it back or move it on before this point) [leash-lease-dropped]
// CHECK-MESSAGES: :[[@LINE-3]]:7: note: lease 'job.request.payload' got its buffer here

void one_branch(bool now) {
  Request request{idle.take(), 8};
  if (now)
    send(std::move(request));
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: lease 'request.payload' may still own its buffer when it goes out of scope; the buffer is lost for good (hand it back or move it on before this point) [leash-lease-dropped]
// CHECK-MESSAGES: :[[@LINE-5]]:11: note: lease 'request.payload' got its buffer here

void field_overwritten() {
  Request request{idle.take(), 8};
  request.payload = idle.take();
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: lease 'request.payload' still owns its buffer when it is overwritten; the buffer is lost for good (hand it back or move it on before this point) [leash-lease-dropped]
  // CHECK-MESSAGES: :[[@LINE-3]]:11: note: lease 'request.payload' got its buffer here
  send(std::move(request));
}

std::size_t field_used_after() {
  Request request{idle.take(), 8};
  idle.put(std::move(request.payload));
  return request.payload.size();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: lease 'request.payload' is used after its ownership was transferred; it owns no buffer here (reassign it first, or check is_empty()) [leash-lease-use-after-transfer]
  // CHECK-MESSAGES: :[[@LINE-3]]:12: note: lease 'request.payload' transferred here
}

// Not reported below: each is handed on, checked or empty on every path.
void sent() {
  Request request{idle.take(), 4};
  send(std::move(request));
}

void field_handed_on() {
  Request request{idle.take(), 4};
  request.length = 2;
  idle.put(std::move(request.payload));
}

void empty_structs() {
  Request none;
  Request braces{};
  Job job{};
}

Request returned() {
  Request request{idle.take(), 4};
  return request;
}

void lent_whole() {
  Request request{idle.take(), 4};
  inspect(request);
}

void designated() {
  Request request{.payload = idle.take(), .length = 3};
  if (request.payload.is_empty())
    return;
  consume(std::move(request.payload));
}

struct Holder {
  explicit Holder(Bytes buffer) : buffer(std::move(buffer)) {}
  Bytes buffer;
};

void constructed() {
  Holder holder(idle.take());
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: lease 'holder.buffer' still owns its buffer when it goes out of scope; the buffer is lost for good (hand it back or move it on before this point) [leash-lease-dropped]
// CHECK-MESSAGES: :[[@LINE-3]]:10: note: lease 'holder.buffer' got its buffer here

void paired() {
  std::pair<Bytes, int> pair{idle.take(), 1};
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: lease 'pair.first' still owns its buffer when it goes out of scope; the buffer is lost for good (hand it back or move it on before this point) [leash-lease-dropped]
// CHECK-MESSAGES: :[[@LINE-3]]:25: note: lease 'pair.first' got its buffer here

void unnamed(Request) {}
// CHECK-MESSAGES: :[[@LINE-1]]:24: warning: lease '<parameter 1>.payload' still owns its buffer when the function ends; the buffer is lost for good (hand it back or move it on before this point) [leash-lease-dropped]
// CHECK-MESSAGES: :[[@LINE-2]]:21: note: lease '<parameter 1>.payload' got its buffer here

// Not reported: a class with its own destructor decides what happens to its
// leases; structured bindings are not followed.
struct Guard {
  ~Guard() { idle.put(std::move(buffer)); }
  Bytes buffer;
};

void guarded() {
  Guard guard{idle.take()};
}

void bound() {
  auto [payload, length] = Request{idle.take(), 2};
  idle.put(std::move(payload));
}
