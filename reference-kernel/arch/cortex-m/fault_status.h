/// A snapshot of the core's fault status and fault address registers.
#ifndef ARCH_CORTEX_M_FAULT_STATUS_H
#define ARCH_CORTEX_M_FAULT_STATUS_H

#include <cstdint>
#include <string_view>

namespace arch::cortex_m {

/// What the core recorded about the most recent faults (ARMv7-M Architecture
/// Reference Manual, B3.2.15 to B3.2.18).
struct FaultStatus {
  /// CFSR: which MemManage, BusFault and UsageFault conditions occurred.
  std::uint32_t configurable_fault_status;
  /// HFSR: why a HardFault was taken (for example, an escalated fault).
  std::uint32_t hard_fault_status;
  /// MMFAR: the address an MPU fault refused, when CFSR.MMARVALID is set.
  std::uint32_t memory_management_fault_address;
  /// BFAR: the address of a precise bus fault, when CFSR.BFARVALID is set.
  std::uint32_t bus_fault_address;

  /// CFSR.MMARVALID: memory_management_fault_address holds a valid address.
  [[nodiscard]] constexpr bool has_memory_management_fault_address() const {
    return (configurable_fault_status & (1U << 7)) != 0;
  }
  /// CFSR.BFARVALID: bus_fault_address holds a valid address.
  [[nodiscard]] constexpr bool has_bus_fault_address() const {
    return (configurable_fault_status & (1U << 15)) != 0;
  }
};

/// Reads the fault status registers. Reading them has no side effects.
FaultStatus read_fault_status();

/// Clears the fault status registers (CFSR and HFSR are write-one-to-clear).
void clear_fault_status();

/// The architectural name of bit `bit` of CFSR (such as "PRECISERR"), or an
/// empty view for a reserved bit.
std::string_view configurable_fault_status_bit_name(unsigned bit);

/// The architectural name of bit `bit` of HFSR (such as "FORCED"), or an
/// empty view for a reserved bit.
std::string_view hard_fault_status_bit_name(unsigned bit);

} // namespace arch::cortex_m

#endif // ARCH_CORTEX_M_FAULT_STATUS_H
