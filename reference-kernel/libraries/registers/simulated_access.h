/// The host's register access: plain memory plus a model of the peripheral.
#ifndef LIBRARIES_REGISTERS_SIMULATED_ACCESS_H
#define LIBRARIES_REGISTERS_SIMULATED_ACCESS_H

#include <leash/annotations.h>
#include <leash/cell.h>

#include <cstdint>

// Host tests build drivers with LEASH_REGISTERS_SIMULATED defined, so that
// the very same driver source runs against a register block in host memory
// (distortos' seam, chosen at compile time). Every access goes through the
// attached Bus, a model of the hardware side: it decides what a read returns
// and what a write does (write-one-to-clear bits, a data register that sends
// a byte, an event that a task raises). Without a bus, registers are memory.

namespace registers::simulation {

/// A model of the peripherals behind simulated register blocks. Addresses
/// are those of the registers in host memory; a model compares them with the
/// registers of the block it simulates.
class Bus {
public:
  /// A read of the register at `address`, which currently holds `stored`;
  /// returns what the read yields (and may change the model's state, as
  /// reading a data register pops a received byte).
  virtual std::uint64_t read(std::uintptr_t address, std::uint64_t stored) = 0;

  /// A write of `value` to the register at `address`, which currently holds
  /// `stored`; returns what the register holds afterwards (for example
  /// `stored & ~value` for write-one-to-clear bits).
  virtual std::uint64_t write(std::uintptr_t address, std::uint64_t value,
                              std::uint64_t stored) = 0;

protected:
  /// Models are never destroyed through this interface.
  ~Bus() = default;
};

/// The model every simulated access goes through, if any.
inline constinit leash::Cell<Bus *> attached_bus;

/// Sends every later register access to `bus` (until `detach`).
inline void attach(Bus &bus) { attached_bus.set(&bus); }

/// Makes registers plain memory again.
inline void detach() { attached_bus.set(nullptr); }

} // namespace registers::simulation

namespace registers {

/// How registers are reached in host tests: through the attached model.
struct SimulatedAccess {
  /// Reads the register `location` through the attached model.
  template <typename T>
  LEASH_UNSAFE("host memory only: the register's address is reported to the "
               "model, never dereferenced as anything but `location` itself")
  static T load(const volatile T &location) noexcept {
    const T stored = location;
    simulation::Bus *bus = simulation::attached_bus.get();
    if (bus == nullptr) {
      return stored;
    }
    return static_cast<T>(
        bus->read(reinterpret_cast<std::uintptr_t>(&location), stored));
  }

  /// Writes `value` to the register `location` through the attached model.
  template <typename T>
  LEASH_UNSAFE("host memory only: the register's address is reported to the "
               "model, never dereferenced as anything but `location` itself")
  static void store(volatile T &location, T value) noexcept {
    simulation::Bus *bus = simulation::attached_bus.get();
    if (bus == nullptr) {
      location = value;
      return;
    }
    const T stored = location;
    location = static_cast<T>(
        bus->write(reinterpret_cast<std::uintptr_t>(&location), value, stored));
  }
};

} // namespace registers

#endif // LIBRARIES_REGISTERS_SIMULATED_ACCESS_H
