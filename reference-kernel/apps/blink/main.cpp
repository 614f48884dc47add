/// blink: toggles LED 0 every 30 ms, five times, saying so, and exits.
#include "alarm.h"
#include "console.h"
#include "led.h"

int main() {
  if (user::led::count() == 0) {
    user::console::write_line("blink: no LEDs");
    return 1;
  }
  for (unsigned toggle = 1; toggle <= 5; ++toggle) {
    user::led::toggle(0);
    (user::console::Line() << "blink " << toggle).write();
    user::alarm::sleep_ms(30);
  }
  return 0;
}
