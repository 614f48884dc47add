/// The MPU driver: programs a process's regions into the PMSAv7 MPU.
#ifndef ARCH_CORTEX_M_MPU_H
#define ARCH_CORTEX_M_MPU_H

#include "arch/cortex-m/mpu_region.h"
#include "arch/cortex-m/process_mpu_config.h"
#include "libraries/registers/registers.h"

#include <leash/annotations.h>

#include <cstdint>

namespace arch::cortex_m {

/// The fields of MPU_TYPE.
struct MpuType {
  /// A field of MPU_TYPE.
  using Field = registers::Field<std::uint32_t, MpuType>;
  /// SEPARATE: separate instruction and data maps (always 0 on ARMv7-M).
  static constexpr Field separate{0, 1};
  /// DREGION: how many regions the MPU has (0: no MPU).
  static constexpr Field data_regions{8, 8};
  /// IREGION: instruction regions (always 0 on ARMv7-M).
  static constexpr Field instruction_regions{16, 8};
};

/// The fields of MPU_CTRL.
struct MpuControl {
  /// A field of MPU_CTRL.
  using Field = registers::Field<std::uint32_t, MpuControl>;
  /// ENABLE: the MPU checks accesses.
  static constexpr Field enable{0, 1};
  /// HFNMIENA: the MPU stays on in HardFault and NMI handlers.
  static constexpr Field in_fault_handlers{1, 1};
  /// PRIVDEFENA: privileged accesses no region covers use the default map.
  static constexpr Field privileged_default_map{2, 1};
};

/// The fields of MPU_RNR.
struct MpuRegionNumber {
  /// A field of MPU_RNR.
  using Field = registers::Field<std::uint32_t, MpuRegionNumber>;
  /// REGION: the region MPU_RBAR and MPU_RASR show.
  static constexpr Field region{0, 8};
};

/// One of the three aliases of MPU_RBAR and MPU_RASR, which let a single
/// store-multiple program up to four regions.
struct MpuRegionAlias {
  /// MPU_RBAR_An.
  registers::ReadWrite<std::uint32_t, RegionBaseAddress> base_address;
  /// MPU_RASR_An.
  registers::ReadWrite<std::uint32_t, RegionAttributes> attributes;
};

/// The MPU's registers (ARMv7-M Architecture Reference Manual, B3.5.4), from
/// 0xE000ED90.
struct MpuRegisters {
  /// 0xE000ED90 MPU_TYPE.
  registers::ReadOnly<std::uint32_t, MpuType> type;
  /// 0xE000ED94 MPU_CTRL.
  registers::ReadWrite<std::uint32_t, MpuControl> control;
  /// 0xE000ED98 MPU_RNR: which region RBAR and RASR show.
  registers::ReadWrite<std::uint32_t, MpuRegionNumber> region_number;
  /// 0xE000ED9C MPU_RBAR.
  registers::ReadWrite<std::uint32_t, RegionBaseAddress> base_address;
  /// 0xE000EDA0 MPU_RASR.
  registers::ReadWrite<std::uint32_t, RegionAttributes> attributes;
  /// 0xE000EDA4 to 0xE000EDB8: MPU_RBAR_A1 to MPU_RASR_A3.
  MpuRegionAlias aliases[3];
};

/// The MPU, configured for one process at a time. The kernel keeps the
/// default memory map (PRIVDEFENA), so the regions only restrict
/// unprivileged code.
class LEASH_COMPONENT Mpu {
public:
  /// A driver for the MPU block `registers` (see `mpu_registers`).
  explicit Mpu(MpuRegisters &registers) : registers_(registers) {}

  /// How many regions the MPU has (MPU_TYPE.DREGION; 8 on the Cortex-M4).
  [[nodiscard]] unsigned region_count() const;

  /// Turns the MPU on for unprivileged code (ENABLE and PRIVDEFENA; off in
  /// HardFault and NMI handlers, as in Tock).
  void enable() const;

  /// Turns the MPU off: the default map for everyone.
  void disable() const;

  /// Programs `config`'s regions and switches every other region off.
  void apply(const ProcessMpuConfig &config) const;

  /// Programs `config`'s regions over those of an earlier `apply` (of
  /// another process: the regions that no process uses are off already, and
  /// stay off).
  void replace(const ProcessMpuConfig &config) const;

  /// Switches every region off.
  void clear() const;

  /// What region `number` holds, read back (RBAR reads its address and
  /// region number, with VALID clear).
  [[nodiscard]] MpuRegion read_region(unsigned number) const;

private:
  /// Writes one region (its RBAR names it: VALID and REGION are set).
  void write(MpuRegion region) const;

  /// The MPU's registers, owned by this driver.
  MpuRegisters &registers_;
};

/// The MPU's register block. Unsafe: the caller makes sure only one driver
/// owns it.
LEASH_UNSAFE_API MpuRegisters &mpu_registers();

/// Waits until the MPU's new settings apply to every later access and
/// instruction fetch (`dsb; isb`). Defined by the target build; host tests
/// define it to count the calls.
void synchronize_memory_map();

} // namespace arch::cortex_m

#endif // ARCH_CORTEX_M_MPU_H
