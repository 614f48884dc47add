/// hello: says hello three times, a little apart, and exits.
#include "alarm.h"
#include "console.h"

int main() {
  for (unsigned round = 1; round <= 3; ++round) {
    (user::console::Line() << "hello from a process, round " << round).write();
    user::alarm::sleep_ms(20);
  }
  return 0;
}
