/// Test support: the nRF52840's Data RAM as EasyDMA sees it, mapped onto host
/// arrays.
#ifndef HOST_TESTS_SUPPORT_SIMULATED_DATA_RAM_H
#define HOST_TESTS_SUPPORT_SIMULATED_DATA_RAM_H

#include "chips/nrf52840/memory_map.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace host_tests {

/// The address map a simulated EasyDMA uses (as in the UARTE's model):
/// the test registers each host array its leases are made from; each gets
/// the next free, word-aligned range of the chip's Data RAM (0x2000'0000
/// up, 256 KiB in all). `device_address` answers the driver's
/// `easy_dma_address`; host memory the test did not register maps below
/// 0x2000'0000 (flash), which `host_memory` refuses as the chip would fault.
class SimulatedDataRam {
public:
  /// Makes the `size` bytes at `memory` Data RAM; returns their address.
  std::uint32_t add(std::uint8_t *memory, std::size_t size) {
    const std::uint32_t device = next_device_address_;
    if (!chips::nrf52840::in_data_ram(device,
                                      static_cast<std::uint32_t>(size))) {
      ADD_FAILURE() << "the test registered more than the chip's 256 KiB of "
                       "Data RAM";
      return 0;
    }
    regions_.push_back({memory, size, device});
    next_device_address_ =
        static_cast<std::uint32_t>(device + ((size + 3) & ~std::size_t{3}));
    return device;
  }

  /// The EasyDMA address of host memory at `host`.
  [[nodiscard]] std::uint32_t device_address(std::uintptr_t host) const {
    // Inside a region first: arrays may be adjacent in host memory, and
    // the address one past one array is the start of the next. Then one
    // past a region's end (an empty window at the end of its lease).
    for (const bool past_the_end : {false, true}) {
      for (const Region &region : regions_) {
        const auto start = reinterpret_cast<std::uintptr_t>(region.host);
        const auto end = start + region.size;
        if (past_the_end ? host == end : (host >= start && host < end)) {
          return static_cast<std::uint32_t>(region.device + (host - start));
        }
      }
    }
    return static_cast<std::uint32_t>(host & 0x000F'FFFF); // "Flash".
  }

  /// The host memory of the `length` bytes at EasyDMA address `address`, or
  /// null after failing the test when they are not registered Data RAM.
  std::uint8_t *host_memory(std::uint32_t address, std::size_t length,
                            const char *channel) const {
    if (chips::nrf52840::in_data_ram(address,
                                     static_cast<std::uint32_t>(length))) {
      for (const Region &region : regions_) {
        if (address >= region.device &&
            address - region.device + length <= region.size) {
          return region.host + (address - region.device);
        }
      }
    }
    ADD_FAILURE() << channel << ".PTR 0x" << std::hex << address << std::dec
                  << " with MAXCNT " << length
                  << " is outside the Data RAM the test registered: EasyDMA "
                     "would fault or corrupt RAM";
    return nullptr;
  }

private:
  /// A host array registered as Data RAM.
  struct Region {
    std::uint8_t *host;
    std::size_t size;
    std::uint32_t device;
  };
  /// The registered arrays.
  std::vector<Region> regions_;
  /// Where the next array goes.
  std::uint32_t next_device_address_ = chips::nrf52840::data_ram_start;
};

} // namespace host_tests

#endif // HOST_TESTS_SUPPORT_SIMULATED_DATA_RAM_H
