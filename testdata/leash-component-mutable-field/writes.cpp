// RUN: %check-rule %s leash-component-mutable-field
// Writes to a component's non-cell data members, in every form, outside its
// constructors; and the uses that are not writes.
#include <leash/annotations.h>
#include <leash/cell.h>

#include <array>
#include <utility>

struct Registers {
  unsigned control;
  void enable() { control = 1; }
};

class LEASH_COMPONENT Uart {
public:
  explicit Uart(Registers &registers) : registers_(registers) {
    // Not found: the constructor sets up the object it constructs.
    baud_ = 9600;
    this->buffer_.fill(0);
    ++writes_;
  }

  // Found: writes in a non-const member function.
  void reset() {
    baud_ = 0;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: assignment to data member 'baud_' of component 'Uart' outside a constructor; component state changes only through cells [leash-component-mutable-field]
    // CHECK-MESSAGES: :68:12: note: data member 'baud_' declared here; make it a cell
    writes_ += 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: assignment to data member 'writes_' of component 'Uart' outside a constructor; component state changes only through cells [leash-component-mutable-field]
    // CHECK-MESSAGES: :71:12: note: data member 'writes_' declared here; make it a cell
    buffer_.fill(0);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: non-const member call on data member 'buffer_' of component 'Uart' outside a constructor; component state changes only through cells [leash-component-mutable-field]
    // CHECK-MESSAGES: :69:27: note: data member 'buffer_' declared here; make it a cell
    history_[1]++;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: increment of data member 'history_' of component 'Uart' outside a constructor; component state changes only through cells [leash-component-mutable-field]
    // CHECK-MESSAGES: :70:12: note: data member 'history_' declared here; make it a cell
    unsigned *cursor = &history_[0];
    // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: non-const address of data member 'history_' of component 'Uart' outside a constructor; component state changes only through cells [leash-component-mutable-field]
    // CHECK-MESSAGES: :70:12: note: data member 'history_' declared here; make it a cell
    unsigned &alias = writes_;
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: non-const reference to data member 'writes_' of component 'Uart' outside a constructor; component state changes only through cells [leash-component-mutable-field]
    // CHECK-MESSAGES: :71:12: note: data member 'writes_' declared here; make it a cell
    buffer_.at(2) = 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: assignment to data member 'buffer_' of component 'Uart' outside a constructor; component state changes only through cells [leash-component-mutable-field]
    // CHECK-MESSAGES: :69:27: note: data member 'buffer_' declared here; make it a cell
    (void)cursor;
    (void)alias;
  }

  // Not found: reads, writes through reference and pointer members, cells.
  unsigned status() const {
    registers_.enable();
    registers_.control = 3;
    *scratch_ = baud_;
    unsigned sum = writes_ + buffer_[0];
    for (unsigned each : history_)
      sum += each;
    ticks_.set(sum);
    return buffer_.size();
  }

  unsigned read_in_non_const() { return history_[0] + buffer_.size(); }

private:
  Registers &registers_;
  unsigned *scratch_ = nullptr;
  unsigned baud_ = 0;
  std::array<unsigned, 4> buffer_{};
  unsigned history_[4] = {};
  unsigned writes_ = 0;
  leash::Cell<unsigned> ticks_;

  friend void configure(Uart &uart);
};

// Found: writes from outside the class, through a non-const reference.
void configure(Uart &uart) {
  uart.baud_ = 115200;
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: assignment to data member 'baud_' of component 'Uart' outside a constructor; component state changes only through cells [leash-component-mutable-field]
  // CHECK-MESSAGES: :68:12: note: data member 'baud_' declared here; make it a cell
  unsigned taken = std::move(uart.writes_);
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: non-const reference to data member 'writes_' of component 'Uart' outside a constructor; component state changes only through cells [leash-component-mutable-field]
  // CHECK-MESSAGES: :71:12: note: data member 'writes_' declared here; make it a cell
  (void)taken;
}

// Not found: a class that is not a component changes its members freely.
struct Buffer {
  void clear() {
    size = 0;
    bytes.fill(0);
  }
  unsigned size = 0;
  std::array<unsigned char, 8> bytes{};
};
