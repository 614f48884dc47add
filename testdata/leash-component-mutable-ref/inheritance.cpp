// RUN: %check-rule %s leash-component-mutable-ref
// A class derived from a component is a component; an interface that is
// not a component, implemented by a component, makes its overrides
// reported (without a fix-it: adding const would stop them overriding).
#include <leash/annotations.h>
#include <leash/cell.h>

class LEASH_COMPONENT Alarm {
public:
  virtual void arm(unsigned ticks) const = 0;

protected:
  ~Alarm() = default;
};

class HardwareAlarm final : public Alarm {
public:
  void arm(unsigned ticks) const override { armed_at_.set(ticks); }
  void disarm();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: non-const member function 'disarm' on component 'HardwareAlarm'; components are shared, so their member functions are const and change state through cells [leash-component-mutable-ref]
  // CHECK-MESSAGES: :16:7: note: component 'HardwareAlarm' declared here

private:
  leash::Cell<unsigned> armed_at_;
};

void rearm(HardwareAlarm *alarm);
// CHECK-MESSAGES: :[[@LINE-1]]:27: warning: non-const pointer to component 'HardwareAlarm' in parameter 'alarm'; components are shared, so use them through const [leash-component-mutable-ref]
// CHECK-MESSAGES: :16:7: note: component 'HardwareAlarm' declared here

class Client {
public:
  virtual void fired() = 0;

protected:
  ~Client() = default;
};

class LEASH_COMPONENT Blinker final : public Client {
public:
  void fired() override {}
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: non-const member function 'fired' on component 'Blinker'; components are shared, so their member functions are const and change state through cells [leash-component-mutable-ref]
  // CHECK-MESSAGES: :39:23: note: component 'Blinker' declared here
};

// Not found: the non-component interface itself, and const access through
// the base.
void rearm_through_base(const Alarm &alarm) { alarm.arm(10); }
void notify(Client &client) { client.fired(); }
