/// The FPGA I/O block's user LEDs, as GPIO output pins.
#ifndef CHIPS_MPS2_AN386_FPGA_IO_H
#define CHIPS_MPS2_AN386_FPGA_IO_H

#include "kernel/hil/gpio.h"
#include "libraries/registers/registers.h"

#include <leash/annotations.h>

#include <cstddef>
#include <cstdint>

namespace chips::mps2_an386 {

/// The registers of the MPS2 FPGA I/O block that the kernel uses (ARM
/// AN386, "FPGA IO"), from its base.
struct FpgaIoRegisters {
  /// 0x000 LED0: bit n lights user LED n (two on AN386).
  registers::ReadWrite<std::uint32_t> leds;
  registers::Reserved<0x4> reserved_0;
  /// 0x008 BUTTON: bit n is user button n.
  registers::ReadOnly<std::uint32_t> buttons;
};

static_assert(offsetof(FpgaIoRegisters, buttons) == 0x8);

/// The FPGA I/O block's driver: owns the register block that every LED pin
/// shares, so that pins never write the LED register behind each other's
/// back (their read-modify-writes all run in the kernel loop).
class LEASH_COMPONENT FpgaIo {
public:
  /// How many user LEDs the board has.
  static constexpr std::size_t led_count = 2;

  /// The driver for the block `registers` (obtained through the unsafe
  /// `registers::block_at`; this driver owns it).
  explicit FpgaIo(FpgaIoRegisters &registers) : registers_(registers) {}

  /// Lights LED `index` or puts it out (an index of no LED does nothing).
  void set_led(std::size_t index, bool lit) const;

  /// Whether LED `index` is lit.
  [[nodiscard]] bool led_is_lit(std::size_t index) const;

private:
  /// The block's registers.
  FpgaIoRegisters &registers_;
};

/// One user LED as a GPIO output pin: high lights it.
class LEASH_COMPONENT FpgaLedPin final : public kernel::hil::gpio::Output {
public:
  /// The pin of LED `index` of `fpga_io`.
  FpgaLedPin(const FpgaIo &fpga_io, std::size_t index)
      : fpga_io_(fpga_io), index_(index) {}

  /// Lights the LED.
  void set() const override { fpga_io_.set_led(index_, true); }
  /// Puts the LED out.
  void clear() const override { fpga_io_.set_led(index_, false); }
  /// Inverts the LED; returns whether it is lit now.
  bool toggle() const override;
  /// Whether the LED is lit.
  [[nodiscard]] bool is_set() const override {
    return fpga_io_.led_is_lit(index_);
  }

private:
  /// The block the LED belongs to.
  const FpgaIo &fpga_io_;
  /// Which LED.
  const std::size_t index_;
};

} // namespace chips::mps2_an386

#endif // CHIPS_MPS2_AN386_FPGA_IO_H
