/// Test support: the whole USB device stack (UsbDevice, loopback class
/// drivers, the nRF52840 USBD driver) on the simulated USBD, with a host.
#ifndef HOST_TESTS_SUPPORT_USB_STACK_RIG_H
#define HOST_TESTS_SUPPORT_USB_STACK_RIG_H

#include "capsules/usb/class_driver.h"
#include "capsules/usb/descriptor_table.h"
#include "capsules/usb/usb_device.h"
#include "chips/nrf52840/usbd.h"
#include "support/loopback_function.h"
#include "support/scripted_usb_host.h"
#include "support/simulated_nrf52840_usbd.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace host_tests {

/// Runs the kernel loop for the USBD: the driver's bottom half while the
/// interrupt line is high, then deferred calls, and lets EasyDMA finish
/// its transfer, until nothing is left to do; false (and a test failure)
/// if that never happens.
bool run_usb_kernel_loop(SimulatedNrf52840Usbd &model,
                         const chips::nrf52840::Usbd &usbd);

/// A device answering from a descriptor table, one `LoopbackFunction` per
/// function, over a driver and a simulation the caller owns (the driver
/// claims a deferred call, of which a process has 32, so a fuzzer keeps one
/// for its whole run), with a `ScriptedUsbHost` on the bus.
class UsbStackRig {
public:
  /// The most functions a rig's device may have.
  static constexpr std::size_t max_functions = 2;

  /// The stack of the device `table` with `functions`, on `usbd` over
  /// `model`. Not attached yet.
  UsbStackRig(SimulatedNrf52840Usbd &model, const chips::nrf52840::Usbd &usbd,
              const capsules::usb::DescriptorTable &table,
              std::span<const capsules::usb::FunctionPlacement> functions);

  /// The same device served by `drivers` (the real class drivers, one per
  /// function, as the board wires them) instead of loopback drivers.
  UsbStackRig(SimulatedNrf52840Usbd &model, const chips::nrf52840::Usbd &usbd,
              const capsules::usb::DescriptorTable &table,
              std::span<const capsules::usb::FunctionPlacement> functions,
              std::span<const capsules::usb::ClassDriver *const> drivers);

  UsbStackRig(const UsbStackRig &) = delete;
  UsbStackRig &operator=(const UsbStackRig &) = delete;

  /// VBUS on, then the device attaches; returns the attach's result.
  kernel::Result attach();
  /// Whether every lease is at home: endpoint 0's in the device, each
  /// loopback driver's two in the driver (real drivers are the test's to
  /// check). After a bus reset or detach they must be.
  [[nodiscard]] bool leases_home() const;

  /// The host on the bus.
  ScriptedUsbHost &host() { return host_; }
  /// The device core.
  const capsules::usb::UsbDevice &device() const { return device_; }
  /// The driver of function `index`.
  const LoopbackFunction &function(std::size_t index) const {
    return *functions_[index];
  }
  /// How many functions the device has.
  [[nodiscard]] std::size_t function_count() const { return function_count_; }

private:
  /// The simulation.
  SimulatedNrf52840Usbd &model_;
  /// The USBD driver.
  const chips::nrf52840::Usbd &usbd_;
  /// Endpoint 0's buffer.
  std::uint8_t control_storage_[64] = {};
  /// Each driver's IN and OUT buffers.
  std::uint8_t in_storage_[max_functions][64] = {};
  /// See `in_storage_`.
  std::uint8_t out_storage_[max_functions][64] = {};
  /// How many functions there are.
  std::size_t function_count_ = 0;
  /// The drivers.
  std::array<std::optional<LoopbackFunction>, max_functions> functions_;
  /// What the device core sees of them.
  std::array<const capsules::usb::ClassDriver *, max_functions> drivers_{};
  /// The device core.
  capsules::usb::UsbDevice device_;
  /// The host.
  ScriptedUsbHost host_;
};

} // namespace host_tests

#endif // HOST_TESTS_SUPPORT_USB_STACK_RIG_H
