// RUN: %check-rule %s leash-component-mutable-field
// Where writes are found: out-of-line definitions, lambdas (a lambda in a
// constructor is not the constructor), macros (reported at the macro's
// use), static member functions, static locals, templates (once, at the
// template).
#include <leash/annotations.h>
#include <leash/cell.h>

class LEASH_COMPONENT Counter {
public:
  Counter() {
    auto later = [this]() { total_ = 1; };
    // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: assignment to data member 'total_' of component 'Counter' outside a constructor; component state changes only through cells [leash-component-mutable-field]
    // CHECK-MESSAGES: :36:12: note: data member 'total_' declared here; make it a cell
    later();
  }
  void add(unsigned amount);
  static void clear(Counter &counter) {
    counter.total_ = 0;
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: assignment to data member 'total_' of component 'Counter' outside a constructor; component state changes only through cells [leash-component-mutable-field]
    // CHECK-MESSAGES: :36:12: note: data member 'total_' declared here; make it a cell
  }
#define BUMP(field) ++field
  void bump() {
    BUMP(total_);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: increment of data member 'total_' of component 'Counter' outside a constructor; component state changes only through cells [leash-component-mutable-field]
    // CHECK-MESSAGES: :36:12: note: data member 'total_' declared here; make it a cell
  }

  // Not found: a cell changes through const; a read in a macro.
#define READ(field) (field + 0)
  unsigned read() const {
    calls_.set(calls_.get() + 1);
    return READ(total_);
  }
  unsigned total_ = 0;

private:
  leash::Cell<unsigned> calls_;
};

void Counter::add(unsigned amount) {
  total_ += amount;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: assignment to data member 'total_' of component 'Counter' outside a constructor; component state changes only through cells [leash-component-mutable-field]
  // CHECK-MESSAGES: :36:12: note: data member 'total_' declared here; make it a cell
}

unsigned static_local() {
  static Counter counter;
  counter.total_ = 5;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: assignment to data member 'total_' of component 'Counter' outside a constructor; component state changes only through cells [leash-component-mutable-field]
  // CHECK-MESSAGES: :36:12: note: data member 'total_' declared here; make it a cell
  return counter.read();
}

template <typename T> class LEASH_COMPONENT Averager {
public:
  void sample(T value) {
    sum_ += value;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: assignment to data member 'sum_' of component 'Averager' outside a constructor; component state changes only through cells [leash-component-mutable-field]
    // CHECK-MESSAGES: :[[@LINE+8]]:5: note: data member 'sum_' declared here; make it a cell
    ++count_;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: increment of data member 'count_' of component 'Averager' outside a constructor; component state changes only through cells [leash-component-mutable-field]
    // CHECK-MESSAGES: :[[@LINE+6]]:12: note: data member 'count_' declared here; make it a cell
  }
  T average() const { return count_ == 0 ? T{} : sum_ / T(count_); }

private:
  T sum_{};
  unsigned count_ = 0;
};

void sample_twice() {
  static Averager<int> ints;
  static Averager<long> longs;
  ints.sample(1);
  longs.sample(2);
}
