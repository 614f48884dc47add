// RUN: %check-rule %s leash-cell-ref-escape
// A value read out of the mapped object (a pointer member, a copy of a view
// member, what a pointer member points to) is not derived from the lent
// reference: storing it is no escape. The reference itself, its address,
// and pointers, references or views into the object still are.
#include <leash/leash.h>

#include <array>
#include <cstdint>
#include <span>
#include <utility>

void leash::violation_hook(Violation, const char *) noexcept {}

struct Peer {
  unsigned id;
};

struct Channel {
  Peer *peer;
  std::span<std::uint8_t> window;
  std::uint8_t bytes[4];
  std::array<std::uint8_t, 4> more;
};

leash::MapCell<Channel> channel{Channel{}};
leash::TakeCell<Channel> taken;
Peer *saved_peer;
unsigned *saved_id;
std::span<std::uint8_t> saved_window;
std::uint8_t *saved_byte;
Channel *saved_channel;

class LEASH_COMPONENT Router {
public:
  // Not found: what the object holds, copied out.
  void copies() const {
    channel.map([](Channel &current) {
      saved_peer = current.peer;
      saved_window = current.window;
      saved_id = &current.peer->id;
      saved_byte = current.window.data();
      Peer *local = current.peer;
      saved_peer = local;
      // Moved out: a move hands on the value, which points elsewhere.
      saved_peer = std::move(current.peer);
      saved_window = std::move(current.window);
      Peer *moved = current.peer;
      saved_peer = std::move(moved);
    });
    channel.map([this](Channel &current) {
      peer_.set(current.peer);
      last_ = current.peer;
    });
    Peer *outer = nullptr;
    taken.map([&outer](Channel &current) { outer = current.peer; });
    (void)channel.map([](Channel &current) { return current.peer; });
    (void)outer;
  }

  // Found: the parameter, its address, and what is derived from it.
  void escapes() const {
    channel.map([](Channel &current) {
      saved_channel = &current;
      // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: reference lent by 'map' on 'channel' escapes the call: stored in 'saved_channel', which outlives the call [leash-cell-ref-escape]
      // CHECK-MESSAGES: :[[@LINE-3]]:13: note: cell mapped here
      saved_byte = current.bytes;
      // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: reference lent by 'map' on 'channel' escapes the call: stored in 'saved_byte', which outlives the call [leash-cell-ref-escape]
      // CHECK-MESSAGES: :[[@LINE-6]]:13: note: cell mapped here
      saved_byte = &current.more[1];
      // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: reference lent by 'map' on 'channel' escapes the call: stored in 'saved_byte', which outlives the call [leash-cell-ref-escape]
      // CHECK-MESSAGES: :[[@LINE-9]]:13: note: cell mapped here
      saved_byte = current.more.begin();
      // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: reference lent by 'map' on 'channel' escapes the call: stored in 'saved_byte', which outlives the call [leash-cell-ref-escape]
      // CHECK-MESSAGES: :[[@LINE-12]]:13: note: cell mapped here
      saved_window = std::span<std::uint8_t>(current.more);
      // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: reference lent by 'map' on 'channel' escapes the call: stored in 'saved_window', which outlives the call [leash-cell-ref-escape]
      // CHECK-MESSAGES: :[[@LINE-15]]:13: note: cell mapped here
      Peer **where = &current.peer;
      static Peer **kept = where;
      // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: reference lent by 'map' on 'channel' escapes the call: stored in static local 'kept' [leash-cell-ref-escape]
      // CHECK-MESSAGES: :[[@LINE-19]]:13: note: cell mapped here
      (void)kept;
    });
    taken.map([this](Channel &current) {
      channel_.set(&current);
      // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: reference lent by 'map' on 'taken' escapes the call: stored in a cell [leash-cell-ref-escape]
      // CHECK-MESSAGES: :[[@LINE-3]]:11: note: cell mapped here
      std::span<std::uint8_t> view{current.more};
      std::span<std::uint8_t> copy = view;
      saved_window = copy;
      // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: reference lent by 'map' on 'taken' escapes the call: stored in 'saved_window', which outlives the call [leash-cell-ref-escape]
      // CHECK-MESSAGES: :[[@LINE-8]]:11: note: cell mapped here
    });
  }

private:
  leash::OptionalCell<Peer *> peer_;
  leash::OptionalCell<Channel *> channel_;
  mutable Peer *last_ = nullptr;
};
