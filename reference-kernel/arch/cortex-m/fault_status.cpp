/// Reads the System Control Block's fault status and fault address registers.
#include "arch/cortex-m/fault_status.h"

#include "arch/cortex-m/target_check.h"

#include <leash/annotations.h>

#include <cstddef>
#include <cstdint>

namespace arch::cortex_m {
namespace {

/// The fault status and address registers of the System Control Block, in
/// address order (ARMv7-M Architecture Reference Manual, B3.2.2).
struct FaultStatusRegisters {
  /// 0xE000ED28 CFSR: configurable fault status.
  volatile std::uint32_t configurable_fault_status;
  /// 0xE000ED2C HFSR: hard fault status.
  volatile std::uint32_t hard_fault_status;
  /// 0xE000ED30 DFSR: debug fault status.
  volatile std::uint32_t debug_fault_status;
  /// 0xE000ED34 MMFAR: memory management fault address.
  volatile std::uint32_t memory_management_fault_address;
  /// 0xE000ED38 BFAR: bus fault address.
  volatile std::uint32_t bus_fault_address;
};

static_assert(offsetof(FaultStatusRegisters, bus_fault_address) == 0x10);

/// Where the block starts on every ARMv7-M core.
constexpr std::uintptr_t fault_status_registers_address = 0xE000ED28;

} // namespace

LEASH_UNSAFE("0xE000ED28 is the architected address of these registers on "
             "every ARMv7-M core, and reading them has no side effects")
FaultStatus read_fault_status() {
  const auto &registers = *reinterpret_cast<const FaultStatusRegisters *>(
      fault_status_registers_address);
  return FaultStatus{
      .configurable_fault_status = registers.configurable_fault_status,
      .hard_fault_status = registers.hard_fault_status,
      .memory_management_fault_address =
          registers.memory_management_fault_address,
      .bus_fault_address = registers.bus_fault_address,
  };
}

} // namespace arch::cortex_m
