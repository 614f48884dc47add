// RUN: %check-rule %s leash-component-mutable-field
// Inheritance: a component's state includes what it inherits, from a
// component base or from a plain one; a cell inside a struct inside a
// component is a cell, the struct's other members are not.
#include <leash/annotations.h>
#include <leash/cell.h>

class LEASH_COMPONENT Device {
public:
  void power_on() const { powered_.set(true); }

protected:
  unsigned errors_ = 0;
  leash::Cell<bool> powered_;
};

struct Statistics {
  unsigned sent = 0;
  leash::Cell<unsigned> received;
};

class Serial final : public Device, public Statistics {
public:
  void fail() { ++errors_; }
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: increment of data member 'errors_' of component 'Serial' outside a constructor; component state changes only through cells [leash-component-mutable-field]
  // CHECK-MESSAGES: :13:12: note: data member 'errors_' declared here; make it a cell
  void send() { sent = sent + 1; }
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: assignment to data member 'sent' of component 'Serial' outside a constructor; component state changes only through cells [leash-component-mutable-field]
  // CHECK-MESSAGES: :18:12: note: data member 'sent' declared here; make it a cell

  // Not found: cells, inherited or in a struct member.
  void receive() const {
    received.set(received.get() + 1);
    state_.retries.set(0);
    power_on();
  }

  void reset() { state_.timeouts = 0; }
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: assignment to data member 'state_' of component 'Serial' outside a constructor; component state changes only through cells [leash-component-mutable-field]
  // CHECK-MESSAGES: :47:9: note: data member 'state_' declared here; make it a cell

private:
  struct State {
    leash::Cell<unsigned> retries;
    unsigned timeouts = 0;
  };
  State state_;
};

// Not found: the same writes on a class that is not a component.
struct Plain : Statistics {
  void send() { sent = sent + 1; }
};
