/// The nRF52840 UARTE driver: configuration and the interrupt's bottom half.
#include "chips/nrf52840/uarte.h"

#include <array>
#include <cstdint>

namespace chips::nrf52840 {
namespace {

/// A baud rate and the BAUDRATE value that produces it.
struct BaudRateSetting {
  /// Bits per second.
  std::uint32_t baud_rate;
  /// What BAUDRATE must hold.
  std::uint32_t register_value;
};

/// The UARTE's BAUDRATE values, from the Product Specification's UARTE
/// table. 115200 is 0x01D6'0000 (115108 baud, 0.08 % slow), the UARTE's own
/// entry, which nrfx uses too; Tock writes 0x01D7'E000, the legacy UART's
/// entry (115942 baud, 0.6 % fast). Both are inside a receiver's tolerance;
/// the UARTE's table is the documented one for this peripheral.
constexpr std::array<BaudRateSetting, 18> baud_rate_settings{{
    {1'200, 0x0004'F000},
    {2'400, 0x0009'D000},
    {4'800, 0x0013'B000},
    {9'600, 0x0027'5000},
    {14'400, 0x003A'F000},
    {19'200, 0x004E'A000},
    {28'800, 0x0075'C000},
    {31'250, 0x0080'0000},
    {38'400, 0x009D'0000},
    {56'000, 0x00E5'0000},
    {57'600, 0x00EB'0000},
    {76'800, 0x013A'9000},
    {115'200, 0x01D6'0000},
    {230'400, 0x03B0'0000},
    {250'000, 0x0400'0000},
    {460'800, 0x0740'0000},
    {921'600, 0x0F00'0000},
    {1'000'000, 0x1000'0000},
}};

/// The PSEL value that connects `pin`.
registers::FieldValue<std::uint32_t, UartePinSelect> connected(UartePin pin) {
  return UartePinSelect::pin.value(pin.pin) |
         UartePinSelect::port.value(pin.port) |
         UartePinSelect::disconnected.clear();
}

} // namespace

Uarte::Uarte(UarteRegisters &registers, UartePins pins)
    : registers_(registers), pins_(pins) {}

kernel::Result
Uarte::configure(const kernel::hil::uart::Parameters &parameters) const {
  if (transmit_state_.get() != TransmitState::idle ||
      receive_state_.get() != ReceiveState::idle) {
    return kernel::Result::failure(kernel::ErrorCode::busy);
  }
  const BaudRateSetting *setting = nullptr;
  for (const BaudRateSetting &candidate : baud_rate_settings) {
    if (candidate.baud_rate == parameters.baud_rate) {
      setting = &candidate;
    }
  }
  if (setting == nullptr) {
    return kernel::Result::failure(kernel::ErrorCode::invalid);
  }
  registers_.pin_txd.write(connected(pins_.txd));
  registers_.pin_rxd.write(connected(pins_.rxd));
  registers_.pin_rts.write(UartePinSelect::disconnected.set());
  registers_.pin_cts.write(UartePinSelect::disconnected.set());
  registers_.baud_rate.set(setting->register_value);
  registers_.config.set(0); // 8N1, no flow control.
  // End events left over from before the kernel started would end the first
  // transfer at once (Tock PR #1888): clear them before they can interrupt.
  registers_.event_end_tx.set(0);
  registers_.event_end_rx.set(0);
  registers_.event_error.set(0);
  registers_.event_rx_timeout.set(0);
  registers_.error_source.write(
      UarteErrorSource::overrun.set() | UarteErrorSource::parity.set() |
      UarteErrorSource::framing.set() | UarteErrorSource::line_break.set());
  registers_.interrupt_enable_set.write(
      UarteInterrupt::end_tx.set() | UarteInterrupt::end_rx.set() |
      UarteInterrupt::error.set() | UarteInterrupt::rx_timeout.set());
  registers_.enable.write(UarteEnable::enable.value(UarteEnableValue::enabled));
  return kernel::Result::ok();
}

bool Uarte::enabled() const {
  return registers_.enable.read_as_enum(UarteEnable::enable) ==
         UarteEnableValue::enabled;
}

void Uarte::handle_interrupt() const {
  handle_transmit_events();
  handle_receive_events();
}

} // namespace chips::nrf52840
