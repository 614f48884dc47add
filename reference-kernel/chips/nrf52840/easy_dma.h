/// easy_dma_address: the 32-bit address EasyDMA is given for a lease's buffer.
#ifndef CHIPS_NRF52840_EASY_DMA_H
#define CHIPS_NRF52840_EASY_DMA_H

#include <leash/annotations.h>

#if defined(LEASH_REGISTERS_SIMULATED)
#include <leash/cell.h>
#endif

#include <cstdint>

namespace chips::nrf52840 {

#if defined(LEASH_REGISTERS_SIMULATED)
namespace simulation {

/// Host tests only: turns host addresses (64 bits) into the 32-bit addresses
/// a simulated EasyDMA is given in its PTR registers. The simulation of the
/// peripheral implements it and attaches itself, so that the driver's source
/// stays the image's.
class DataRamMap {
public:
  /// The EasyDMA address of host memory at `host_address`.
  virtual std::uint32_t device_address(std::uintptr_t host_address) = 0;

protected:
  /// Maps are never destroyed through this interface.
  ~DataRamMap() = default;
};

/// The map `easy_dma_address` asks, if any.
inline constinit leash::Cell<DataRamMap *> attached_data_ram;

} // namespace simulation
#endif

/// The address EasyDMA is given for the memory at `pointer`: the CPU's
/// address on the chip (both see Data RAM at 0x2000'0000), the simulation's
/// map in host tests. Calling it is unsafe: the caller hands the address of
/// memory it owns to the hardware, and must write the result straight into
/// a PTR register without keeping it (leash-lease-raw-address checks the
/// caller's side; this function keeps nothing).
LEASH_UNSAFE_API inline std::uint32_t
easy_dma_address(const std::uint8_t *pointer) noexcept {
  const auto address = reinterpret_cast<std::uintptr_t>(pointer);
#if defined(LEASH_REGISTERS_SIMULATED)
  simulation::DataRamMap *map = simulation::attached_data_ram.get();
  if (map != nullptr) {
    return map->device_address(address);
  }
#endif
  return static_cast<std::uint32_t>(address);
}

} // namespace chips::nrf52840

#endif // CHIPS_NRF52840_EASY_DMA_H
