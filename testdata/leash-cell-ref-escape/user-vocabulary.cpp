// RUN: %check-rule %s leash-cell-ref-escape
// A project's own cells, whose members have other names and say their roles
// with LEASH_ROLE (../Inputs/user_vocabulary.h): the reference lent by
// `with` (role "lend") and `lend`, stored where it outlives the call or in
// another cell by `write` (role "put"), is found as in escapes.cpp; uses
// within the call are not.
#include "../Inputs/user_vocabulary.h"

#include <array>
#include <cstdint>

struct Frame {
  std::array<std::uint8_t, 4> bytes;
  unsigned length;
};

project::Guarded<Frame> frame{Frame{}};
Frame *saved_frame;

class LEASH_COMPONENT Driver {
public:
  void found() const {
    frame_.with([this](Frame &current) {
      cached_.write(&current);
      // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: reference lent by 'with' on 'frame_' escapes the call: stored in a cell [leash-cell-ref-escape]
      // CHECK-MESSAGES: :[[@LINE-3]]:12: note: cell mapped here
    });
    frame.with([](Frame &current) {
      saved_frame = &current;
      // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: reference lent by 'with' on 'frame' escapes the call: stored in 'saved_frame', which outlives the call [leash-cell-ref-escape]
      // CHECK-MESSAGES: :[[@LINE-3]]:11: note: cell mapped here
      static std::uint8_t *first = current.bytes.data();
      // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: reference lent by 'with' on 'frame' escapes the call: stored in static local 'first' [leash-cell-ref-escape]
      // CHECK-MESSAGES: :[[@LINE-6]]:11: note: cell mapped here
      (void)first;
    });
    Frame *outer = nullptr;
    frame.with([&outer](Frame &current) {
      Frame *alias = &current;
      outer = alias;
      // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: reference lent by 'with' on 'frame' escapes the call: stored in 'outer', which outlives the call [leash-cell-ref-escape]
      // CHECK-MESSAGES: :[[@LINE-4]]:11: note: cell mapped here
    });
    byte_cell_.lend([this](project::Buffer<std::uint8_t> &bytes) {
      pointer_ = &bytes[0];
      // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: reference lent by 'lend' on 'byte_cell_' escapes the call: stored in data member 'pointer_' [leash-cell-ref-escape]
      // CHECK-MESSAGES: :[[@LINE-3]]:16: note: cell mapped here
    });
    (void)outer;
  }

  // Not found: copies of values, work within the call, locals that alias
  // but stay inside, a copy written to another cell.
  unsigned not_found() const {
    frame.with([](Frame &current) {
      Frame *alias = &current;
      alias->length = 3;
    });
    unsigned copied = 0;
    frame.with([&copied](Frame &current) { copied = current.length; });
    frame.with([this](Frame &current) { length_.write(current.length); });
    return copied + length_.read();
  }

private:
  project::Guarded<Frame> frame_{Frame{}};
  project::Value<Frame *> cached_;
  project::Value<unsigned> length_;
  project::Slot<project::Buffer<std::uint8_t>> byte_cell_;
  mutable std::uint8_t *pointer_ = nullptr;
};
