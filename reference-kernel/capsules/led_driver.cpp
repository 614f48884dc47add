/// The LED driver: numbered access, with range checks.
#include "capsules/led_driver.h"

#include <cstddef>

namespace capsules {
namespace {

/// The result of an operation on LED `led`, which may be missing.
kernel::Result result_for(const kernel::hil::led::Led *led) {
  return led == nullptr ? kernel::Result::failure(kernel::ErrorCode::invalid)
                        : kernel::Result::ok();
}

} // namespace

kernel::Result LedDriver::on(std::size_t index) const {
  const kernel::hil::led::Led *target = led(index);
  if (target != nullptr) {
    target->on();
  }
  return result_for(target);
}

kernel::Result LedDriver::off(std::size_t index) const {
  const kernel::hil::led::Led *target = led(index);
  if (target != nullptr) {
    target->off();
  }
  return result_for(target);
}

kernel::Result LedDriver::toggle(std::size_t index) const {
  const kernel::hil::led::Led *target = led(index);
  if (target != nullptr) {
    target->toggle();
  }
  return result_for(target);
}

bool LedDriver::is_on(std::size_t index) const {
  const kernel::hil::led::Led *target = led(index);
  return target != nullptr && target->is_on();
}

const kernel::hil::led::Led *LedDriver::led(std::size_t index) const {
  return index < leds_.size() ? leds_[index] : nullptr;
}

} // namespace capsules
