/// The System Control Block registers that configure fault handling.
#include "arch/cortex-m/system_control.h"

#include "arch/cortex-m/target_check.h"
#include "libraries/registers/registers.h"

#include <leash/annotations.h>

#include <cstddef>
#include <cstdint>

namespace arch::cortex_m {
namespace {

/// The fields of CCR, the configuration and control register.
struct ConfigurationControl {
  /// A field of CCR.
  using Field = registers::Field<std::uint32_t, ConfigurationControl>;
  /// DIV_0_TRP: integer division by zero raises a UsageFault.
  static constexpr Field divide_by_zero_trap{4, 1};
};

/// The fields of SHCSR, the system handler control and state register.
struct SystemHandlerControl {
  /// A field of SHCSR.
  using Field = registers::Field<std::uint32_t, SystemHandlerControl>;
  /// SVCALLPENDED: an SVCall is pending.
  static constexpr Field supervisor_call_pended{15, 1};
  /// MEMFAULTENA: MemManage faults are taken as MemManage.
  static constexpr Field memory_management_fault_enable{16, 1};
  /// BUSFAULTENA: bus faults are taken as BusFault.
  static constexpr Field bus_fault_enable{17, 1};
  /// USGFAULTENA: usage faults are taken as UsageFault.
  static constexpr Field usage_fault_enable{18, 1};
};

/// The System Control Block registers from CCR to SHCSR (ARMv7-M
/// Architecture Reference Manual, B3.2.2), from 0xE000ED14.
struct SystemControlRegisters {
  /// 0xE000ED14 CCR.
  registers::ReadWrite<std::uint32_t, ConfigurationControl>
      configuration_control;
  /// 0xE000ED18 to 0xE000ED23 SHPR1 to SHPR3: system handler priorities.
  registers::ReadWrite<std::uint32_t> system_handler_priority[3];
  /// 0xE000ED24 SHCSR.
  registers::ReadWrite<std::uint32_t, SystemHandlerControl>
      system_handler_control;
};

static_assert(offsetof(SystemControlRegisters, system_handler_control) == 0x10);

/// Where the block starts on every ARMv7-M core.
constexpr std::uintptr_t system_control_base_address = 0xE000ED14;

/// The block.
LEASH_UNSAFE("0xE000ED14 is the architected address of these registers, "
             "present on every ARMv7-M core")
SystemControlRegisters &system_control() {
  return registers::block_at<SystemControlRegisters>(
      system_control_base_address);
}

} // namespace

void enable_fault_exceptions() {
  system_control().configuration_control.modify(
      ConfigurationControl::divide_by_zero_trap.set());
  system_control().system_handler_control.modify(
      SystemHandlerControl::memory_management_fault_enable.set() |
      SystemHandlerControl::bus_fault_enable.set() |
      SystemHandlerControl::usage_fault_enable.set());
}

void discard_pending_supervisor_call() {
  system_control().system_handler_control.modify(
      SystemHandlerControl::supervisor_call_pended.clear());
}

} // namespace arch::cortex_m
