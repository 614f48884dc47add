/// Signal: the one-bit value of every nRF52840 task and event register.
#ifndef CHIPS_NRF52840_SIGNAL_H
#define CHIPS_NRF52840_SIGNAL_H

#include "libraries/registers/registers.h"

#include <cstdint>

namespace chips::nrf52840 {

/// The value of a task or an event register, the same in every peripheral
/// of the chip: tasks are triggered by writing 1; an event register reads 1
/// once the event happened and is cleared by writing 0.
struct Signal {
  /// A field of a task or event register.
  using Field = registers::Field<std::uint32_t, Signal>;
  /// Written 1: trigger the task. Read 1: the event happened (write the
  /// register 0 to clear it).
  static constexpr Field active{0, 1};
};

} // namespace chips::nrf52840

#endif // CHIPS_NRF52840_SIGNAL_H
