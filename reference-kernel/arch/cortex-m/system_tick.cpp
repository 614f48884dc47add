/// The SysTick driver: start, stop and read the core's down-counter.
#include "arch/cortex-m/system_tick.h"

#include "arch/cortex-m/target_check.h"

#include <leash/annotations.h>

#include <cstddef>
#include <cstdint>

namespace arch::cortex_m {
namespace {

static_assert(offsetof(SystemTickRegisters, calibration) == 0xC);

/// Where SysTick's registers are on every ARMv7-M core.
constexpr std::uintptr_t system_tick_base_address = 0xE000E010;

} // namespace

SystemTickRegisters &system_tick_registers() {
  return registers::block_at<SystemTickRegisters>(system_tick_base_address);
}

void SystemTick::start_free_running(std::uint32_t reload) const {
  registers_.control_status.write(SystemTickControl::enable.clear());
  registers_.reload_value.set(reload & maximum_reload);
  registers_.current_value.set(0); // Any write clears; the next tick reloads.
  registers_.control_status.write(SystemTickControl::processor_clock.set() |
                                  SystemTickControl::enable.set());
}

void SystemTick::start_countdown(std::uint32_t reload) const {
  registers_.control_status.write(SystemTickControl::enable.clear());
  registers_.reload_value.set(reload & maximum_reload);
  registers_.current_value.set(0);
  registers_.control_status.write(SystemTickControl::processor_clock.set() |
                                  SystemTickControl::tick_interrupt.set() |
                                  SystemTickControl::enable.set());
}

void SystemTick::stop() const {
  registers_.control_status.write(SystemTickControl::enable.clear());
}

std::uint32_t SystemTick::current_value() const {
  return registers_.current_value.get();
}

bool SystemTick::counted_to_zero_since_last_call() const {
  return registers_.control_status.is_set(SystemTickControl::counted_to_zero);
}

} // namespace arch::cortex_m
