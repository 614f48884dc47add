/// Test support: a register-level model of the Cortex-M4's PMSAv7 MPU.
#ifndef HOST_TESTS_SUPPORT_SIMULATED_MPU_H
#define HOST_TESTS_SUPPORT_SIMULATED_MPU_H

#include "arch/cortex-m/mpu.h"
#include "libraries/registers/simulated_access.h"

#include <array>
#include <atomic>
#include <cstdint>

namespace host_tests {

/// How often the MPU driver asked for its barrier
/// (`arch::cortex_m::synchronize_memory_map`, which the host build defines
/// in support/simulated_mpu.cpp to count).
extern std::atomic<unsigned> synchronizations;

/// The MPU behind a register block in host memory, as QEMU models it: eight
/// regions behind one RBAR/RASR window; RNR selects the region, and so does
/// a write of RBAR with VALID set; RBAR reads its region's address and
/// number, with VALID clear; MPU_TYPE reads 0x800.
class SimulatedMpu final : public registers::simulation::Bus {
public:
  /// Attaches the model to the register accesses of the program.
  SimulatedMpu() { registers::simulation::attach(*this); }
  /// Detaches it.
  ~SimulatedMpu() { registers::simulation::detach(); }
  SimulatedMpu(const SimulatedMpu &) = delete;
  SimulatedMpu &operator=(const SimulatedMpu &) = delete;

  /// MPU_TYPE, and RBAR and RASR of the selected region.
  std::uint64_t read(std::uintptr_t address, std::uint64_t stored) override {
    if (address == address_of(registers.type)) {
      return 0x800;
    }
    if (address == address_of(registers.base_address)) {
      return regions[selected].rbar | selected;
    }
    if (address == address_of(registers.attributes)) {
      return regions[selected].rasr;
    }
    return stored;
  }

  /// RNR and RBAR select a region; RBAR and RASR write into it.
  std::uint64_t write(std::uintptr_t address, std::uint64_t value,
                      std::uint64_t) override {
    if (address == address_of(registers.region_number)) {
      selected = static_cast<std::uint32_t>(value & 0xFF) % regions.size();
    } else if (address == address_of(registers.base_address)) {
      if ((value & 0x10) != 0) {
        selected = static_cast<std::uint32_t>(value & 0xF) % regions.size();
      }
      regions[selected].rbar = static_cast<std::uint32_t>(value & ~0x1FU);
    } else if (address == address_of(registers.attributes)) {
      regions[selected].rasr = static_cast<std::uint32_t>(value);
    }
    return value;
  }

  /// The block the driver is given.
  arch::cortex_m::MpuRegisters registers{};
  /// Each region's address (RBAR bits 31 to 5) and RASR.
  std::array<arch::cortex_m::MpuRegion, 8> regions{};
  /// The region RBAR and RASR show.
  std::uint32_t selected = 0;

private:
  /// The address of register `location`.
  template <typename Register>
  static std::uintptr_t address_of(const Register &location) {
    return reinterpret_cast<std::uintptr_t>(&location);
  }
};

} // namespace host_tests

#endif // HOST_TESTS_SUPPORT_SIMULATED_MPU_H
