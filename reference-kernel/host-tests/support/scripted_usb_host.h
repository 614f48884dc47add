/// Test support: a USB host that speaks control and bulk transfers over the
/// simulated nRF52840 USBD, running the kernel loop between bus steps.
#ifndef HOST_TESTS_SUPPORT_SCRIPTED_USB_HOST_H
#define HOST_TESTS_SUPPORT_SCRIPTED_USB_HOST_H

#include "kernel/hil/usb.h"
#include "support/simulated_nrf52840_usbd.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace host_tests {

/// How a control transfer ended, as the host saw it.
enum class ControlStatus : std::uint8_t {
  /// The status stage was acknowledged.
  ok,
  /// The device stalled the transfer (Linux: -EPIPE).
  stalled,
  /// The device NAKed past the host's patience, or is not on the bus
  /// (Linux: -ETIMEDOUT, -EPROTO).
  no_answer,
};

/// What a control transfer came to: its ending and the IN data stage.
struct ControlResult {
  /// How it ended.
  ControlStatus status = ControlStatus::no_answer;
  /// The IN data stage's bytes (what arrived before a stall too).
  std::vector<std::uint8_t> data;
  /// The length of each IN packet, zero-length packets included.
  std::vector<std::size_t> packet_lengths;

  /// Whether the device completed the transfer.
  [[nodiscard]] bool ok() const { return status == ControlStatus::ok; }
  /// Whether the device stalled it.
  [[nodiscard]] bool stalled() const {
    return status == ControlStatus::stalled;
  }
};

/// A scripted USB host on the simulation's host-side API: each method is a
/// whole transfer (SETUP, data packets, status) or bus condition, retrying
/// NAKed tokens as a host controller does and running the kernel loop after
/// every bus step so the driver and the stack answer. It knows nothing of
/// the device under test beyond the bus, so a bridge that forwards a real
/// host's URBs (usbredir) can reuse its transfer methods as they are.
class ScriptedUsbHost {
public:
  /// Runs the kernel loop until the device has nothing left to do.
  using KernelLoop = std::function<void()>;

  /// How many NAKs a token gets before the host gives up on the transfer.
  static constexpr int nak_limit = 16;

  /// A host on `bus` that runs `kernel_loop` after each bus step.
  ScriptedUsbHost(SimulatedNrf52840Usbd &bus, KernelLoop kernel_loop);

  /// The SETUP bytes of a request (USB 2.0 table 9-2).
  static kernel::hil::usb::SetupBytes
  setup_bytes(std::uint8_t request_type, std::uint8_t request,
              std::uint16_t value, std::uint16_t index, std::uint16_t length);

  // Bus conditions.

  /// Resets the bus.
  void bus_reset();
  /// Lets the bus go idle: the device suspends.
  void suspend();
  /// Resumes the bus.
  void resume();

  // Control transfers on endpoint 0.

  /// A control read (bit 7 of bmRequestType set) or a transfer without data
  /// stage: IN packets until a short one or wLength bytes, then status.
  ControlResult control_read(const kernel::hil::usb::SetupBytes &setup);
  /// A control write: `data` in packets of at most 64 bytes, then status.
  /// `data` may differ from wLength, to play a host that breaks the rules.
  ControlResult control_write(const kernel::hil::usb::SetupBytes &setup,
                              std::span<const std::uint8_t> data);
  /// GET_DESCRIPTOR of `type` and `index` for `length` bytes (`language`
  /// in wIndex: 0x0409 for strings other than 0).
  ControlResult get_descriptor(std::uint8_t type, std::uint8_t index,
                               std::uint16_t length,
                               std::uint16_t language = 0);
  /// SET_ADDRESS.
  ControlResult set_address(std::uint8_t address);
  /// SET_CONFIGURATION.
  ControlResult set_configuration(std::uint8_t value);

  // Data endpoints.

  /// An IN token to endpoint `number`, retried while NAKed.
  InResult bulk_in(std::uint8_t number);
  /// `bytes` as an OUT packet to endpoint `number`, retried while NAKed.
  Handshake bulk_out(std::uint8_t number, std::span<const std::uint8_t> bytes);

  /// Runs the kernel loop once more.
  void run() { kernel_loop_(); }

private:
  /// The status stage, retried while NAKed.
  ControlStatus status_stage();

  /// The simulated bus.
  SimulatedNrf52840Usbd &bus_;
  /// The device's side.
  KernelLoop kernel_loop_;
};

} // namespace host_tests

#endif // HOST_TESTS_SUPPORT_SCRIPTED_USB_HOST_H
