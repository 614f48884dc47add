// RUN: %check-rule %s leash-cell-ref-escape
// The reference a TakeCell's or MapCell's map lends, or a pointer,
// reference or view derived from it, stored where it outlives the call, or
// returned as a pointer: found. Used within the call: not found.
#include <leash/leash.h>

#include <array>
#include <cstdint>
#include <span>
#include <utility>

void leash::violation_hook(Violation, const char *) noexcept {}

struct Frame {
  std::array<std::uint8_t, 4> bytes;
  unsigned length;
};

leash::MapCell<Frame> frame{Frame{}};
leash::TakeCell<std::uint8_t> byte_cell;
leash::OptionalCell<Frame *> last_frame;
Frame *saved_frame;
std::span<std::uint8_t> saved_view;

class LEASH_COMPONENT Driver {
public:
  void found() const {
    frame_.map([this](Frame &current) {
      cached_.set(&current);
      // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: reference lent by 'map' on 'frame_' escapes the call: stored in a cell [leash-cell-ref-escape]
      // CHECK-MESSAGES: :[[@LINE-3]]:12: note: cell mapped here
    });
    frame.map([](Frame &current) {
      saved_frame = &current;
      // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: reference lent by 'map' on 'frame' escapes the call: stored in 'saved_frame', which outlives the call [leash-cell-ref-escape]
      // CHECK-MESSAGES: :[[@LINE-3]]:11: note: cell mapped here
      std::span<std::uint8_t> view{current.bytes};
      saved_view = view;
      // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: reference lent by 'map' on 'frame' escapes the call: stored in 'saved_view', which outlives the call [leash-cell-ref-escape]
      // CHECK-MESSAGES: :33:11: note: cell mapped here
      static std::uint8_t *first = current.bytes.data();
      // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: reference lent by 'map' on 'frame' escapes the call: stored in static local 'first' [leash-cell-ref-escape]
      // CHECK-MESSAGES: :33:11: note: cell mapped here
      (void)first;
    });
    Frame *outer = nullptr;
    frame.map([&outer](Frame &current) {
      Frame *alias = &current;
      outer = alias;
      // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: reference lent by 'map' on 'frame' escapes the call: stored in 'outer', which outlives the call [leash-cell-ref-escape]
      // CHECK-MESSAGES: :[[@LINE-4]]:11: note: cell mapped here
    });
    std::optional<unsigned *> length = frame.map([](Frame &current) {
      return &current.length;
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: reference lent by 'map' on 'frame' escapes the call: returned from the callable [leash-cell-ref-escape]
      // CHECK-MESSAGES: :[[@LINE-3]]:46: note: cell mapped here
    });
    byte_cell.map([this](std::uint8_t &byte) {
      pointer_ = &byte;
      // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: reference lent by 'map' on 'byte_cell' escapes the call: stored in data member 'pointer_' [leash-cell-ref-escape]
      // CHECK-MESSAGES: :[[@LINE-3]]:15: note: cell mapped here
    });
    // Moved out of a local that aliases it: a move hands on what the local
    // held.
    frame.map([](Frame &current) {
      std::span<std::uint8_t> view{current.bytes};
      saved_view = std::move(view);
      // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: reference lent by 'map' on 'frame' escapes the call: stored in 'saved_view', which outlives the call [leash-cell-ref-escape]
      // CHECK-MESSAGES: :[[@LINE-4]]:11: note: cell mapped here
      Frame *alias = &current;
      saved_frame = std::move(alias);
      // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: reference lent by 'map' on 'frame' escapes the call: stored in 'saved_frame', which outlives the call [leash-cell-ref-escape]
      // CHECK-MESSAGES: :[[@LINE-8]]:11: note: cell mapped here
    });
    (void)outer;
    (void)length;
  }

  // Not found: copies of values, work within the call, locals that alias
  // but stay inside, another OptionalCell's copy, a returned copy.
  unsigned not_found() const {
    frame.map([](Frame &current) {
      Frame *alias = &current;
      alias->length = 3;
      std::span<std::uint8_t> view{current.bytes};
      view[0] = 1;
    });
    unsigned copied = 0;
    frame.map([&copied](Frame &current) { copied = current.length; });
    last_frame.map([](Frame *pointer) {
      saved_frame = pointer;
      return 0;
    });
    std::optional<unsigned> length =
        frame.map([](Frame &current) -> unsigned & { return current.length; });
    return copied + length.value_or(0);
  }

private:
  leash::MapCell<Frame> frame_{Frame{}};
  leash::OptionalCell<Frame *> cached_;
  mutable std::uint8_t *pointer_ = nullptr;
};
