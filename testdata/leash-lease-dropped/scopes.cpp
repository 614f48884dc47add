// RUN: %check-rule %s leash-lease-dropped
// Where a buffer is lost: overwritten, at the end of a loop iteration, on a
// break, in a lambda, a template (reported once), a header, a macro, an
// out-of-line member. And what is not lost: moved into a constructor's
// member, handed down and returned, kept by a noreturn path.
#include "Inputs/drain.h"

// CHECK-MESSAGES: {{.*}}drain.h:11:3: warning: lease 'buffer' still owns its buffer when the function returns; the buffer is lost for good (hand it back or move it on before this point) [leash-lease-dropped]
// CHECK-MESSAGES: {{.*}}drain.h:10:30: note: lease 'buffer' got its buffer here

#include <leash/annotations.h>

#include <utility>

using Bytes = leash::Lease<std::uint8_t>;

leash::TakeCell<Bytes> idle;
leash::TakeCell<Bytes> spare;
void consume(Bytes buffer);
[[noreturn]] void panic(const char *why);

void overwrite() {
  Bytes buffer = idle.take();
  buffer = spare.take();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: lease 'buffer' still owns its buffer when it is overwritten; the buffer is lost for good (hand it back or move it on before this point) [leash-lease-dropped]
  // CHECK-MESSAGES: :[[@LINE-3]]:9: note: lease 'buffer' got its buffer here
  idle.put(std::move(buffer));
}

void per_iteration(int count) {
  for (int i = 0; i < count; ++i) {
    Bytes buffer = idle.take();
    if (buffer.is_empty())
      break;
    if (i == 2)
      break;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: lease 'buffer' still owns its buffer when it goes out of scope; the buffer is lost for good (hand it back or move it on before this point) [leash-lease-dropped]
    // CHECK-MESSAGES: :[[@LINE-6]]:11: note: lease 'buffer' got its buffer here
    consume(std::move(buffer));
  }
}

template <typename T> void lose(leash::Lease<T> buffer) { buffer.reset(); }
// CHECK-MESSAGES: :[[@LINE-1]]:75: warning: lease 'buffer' still owns its buffer when the function ends; the buffer is lost for good (hand it back or move it on before this point) [leash-lease-dropped]
// CHECK-MESSAGES: :[[@LINE-2]]:49: note: lease 'buffer' got its buffer here

struct Capsule {
  explicit Capsule(Bytes buffer);
  void restart() const;
  leash::TakeCell<Bytes> cell;
};

// Not reported: moved into a member by the constructor.
Capsule::Capsule(Bytes buffer) : cell(std::move(buffer)) {}

void Capsule::restart() const {
  Bytes buffer = cell.take();
  if (spare.is_none())
    panic("no spare"); // Not reported: the path does not return.
  Bytes copy_target = TAKE_OUT(spare);
  // CHECK-MESSAGES: :[[@LINE+3]]:1: warning: lease 'copy_target' still owns its buffer when it goes out of scope; the buffer is lost for good (hand it back or move it on before this point) [leash-lease-dropped]
  // CHECK-MESSAGES: :[[@LINE-2]]:9: note: lease 'copy_target' got its buffer here
  cell.put(std::move(buffer));
}

void lambdas() {
  auto forget = [] {
    Bytes buffer = idle.take();
    return buffer.size();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: lease 'buffer' still owns its buffer when the function returns; the buffer is lost for good (hand it back or move it on before this point) [leash-lease-dropped]
    // CHECK-MESSAGES: :[[@LINE-3]]:11: note: lease 'buffer' got its buffer here
  };
  // Not reported: a lambda that puts its lease back.
  auto keep = [] {
    Bytes buffer = idle.take();
    idle.put(std::move(buffer));
  };
  static_cast<void>(forget());
  keep();
}

// Not reported: a put inside map on the same cell is
// leash-cell-reentrant-map's finding, not a lost buffer here.
void reentrant() {
  idle.map([](Bytes &) { idle.put(spare.take()); });
}

std::uint8_t bytes[4];
std::uint16_t words[4];

int main() {
  lose(Bytes::from(bytes));
  lose(leash::Lease<std::uint16_t>::from(words));
  static const Capsule capsule{idle.take()};
  capsule.restart();
  overwrite();
  per_iteration(3);
  lambdas();
  reentrant();
  return static_cast<int>(drained_size(spare));
}
