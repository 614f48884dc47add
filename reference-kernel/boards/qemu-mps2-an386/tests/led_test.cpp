/// The LED test: on, off, toggle and a refused index.
#include "boards/qemu-mps2-an386/tests/led_test.h"

#include "kernel/result.h"

namespace boards::qemu_mps2_an386::tests {

void LedTest::start(const TestReporter &reporter) const {
  bool passed = leds_.count() == 2;
  passed = passed && leds_.off(0).is_ok() && leds_.off(1).is_ok() &&
           !leds_.is_on(0) && !leds_.is_on(1);
  passed = passed && leds_.on(0).is_ok() && leds_.is_on(0) && !leds_.is_on(1);
  passed = passed && leds_.toggle(1).is_ok() && leds_.is_on(1);
  passed = passed && leds_.toggle(0).is_ok() && !leds_.is_on(0);
  passed = passed && leds_.off(1).is_ok() && !leds_.is_on(1);
  passed = passed &&
           leds_.on(2) == kernel::Result::failure(kernel::ErrorCode::invalid);
  reporter.finished(*this, passed, "an LED did not follow its commands");
}

} // namespace boards::qemu_mps2_an386::tests
