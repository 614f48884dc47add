// RUN: %check-rule %s leash-component-mutable-ref
// Member functions of a component are const: reported once per function, at
// its first declaration (not again at the out-of-line definition).
#include <leash/annotations.h>
#include <leash/cell.h>

class LEASH_COMPONENT Timer {
public:
  // Not found: constructors, the destructor, assignment, static members,
  // const members, deleted members.
  Timer() = default;
  explicit Timer(unsigned start) : ticks_(start) {}
  ~Timer() = default;
  Timer(const Timer &) = delete;
  Timer &operator=(const Timer &) = delete;
  Timer(Timer &&) = delete;
  Timer &operator=(Timer &&) = delete;
  static unsigned frequency_hz() { return 1000; }
  unsigned now() const { return ticks_.get(); }
  void tick() const;
  void reset_for_test() = delete;

  // Found.
  void restart();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: non-const member function 'restart' on component 'Timer'; components are shared, so their member functions are const and change state through cells [leash-component-mutable-ref]
  // CHECK-MESSAGES: :7:23: note: component 'Timer' declared here
  unsigned elapsed() noexcept { return ticks_.get(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: non-const member function 'elapsed' on component 'Timer'; components are shared, so their member functions are const and change state through cells [leash-component-mutable-ref]
  // CHECK-MESSAGES: :7:23: note: component 'Timer' declared here
  explicit operator bool() { return ticks_.get() != 0; }
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: non-const member function 'operator bool' on component 'Timer'; components are shared, so their member functions are const and change state through cells [leash-component-mutable-ref]
  // CHECK-MESSAGES: :7:23: note: component 'Timer' declared here

private:
  leash::Cell<unsigned> ticks_;
};

// Out-of-line definitions: the declaration above carries the finding.
void Timer::restart() { ticks_.set(0); }
void Timer::tick() const { ticks_.set(ticks_.get() + 1); }

// A mutable lambda inside a component's member is not a member of the
// component.
struct LEASH_COMPONENT Counter {
  unsigned count_twice() const {
    auto twice = [n = 0U]() mutable { return n += 2; };
    return twice();
  }
};

// Members of a nested class are not members of the component.
class LEASH_COMPONENT Outer {
public:
  struct Scratch {
    void clear() { value = 0; }
    unsigned value = 0;
  };
};
