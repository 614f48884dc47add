// A board helper in a header that makes a component on the stack.
#include <leash/annotations.h>
#include <leash/cell.h>

class LEASH_COMPONENT Led {
public:
  void on() const { lit_.set(true); }

private:
  leash::Cell<bool> lit_;
};

inline void blink_once() {
  Led led;
  led.on();
}
