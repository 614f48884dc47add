/// UsbDevice: the USB device core, endpoint 0 and chapter 9 over the USB HIL.
#ifndef CAPSULES_USB_USB_DEVICE_H
#define CAPSULES_USB_USB_DEVICE_H

#include "capsules/usb/class_driver.h"
#include "capsules/usb/configuration_builder.h"
#include "capsules/usb/configuration_reader.h"
#include "capsules/usb/descriptor_table.h"
#include "capsules/usb/device_state.h"
#include "capsules/usb/setup_packet.h"
#include "kernel/hil/usb.h"
#include "kernel/result.h"

#include <leash/annotations.h>
#include <leash/cell.h>
#include <leash/lease.h>
#include <leash/optional_cell.h>
#include <leash/take_cell.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace capsules::usb {

/// The device side of USB 2.0 chapter 9 (TinyUSB's usbd.c and
/// usbd_control.c in one component): it is the controller's client, runs
/// every control transfer on endpoint 0, serves the standard requests from
/// the device's `DescriptorTable` and configuration descriptor, and hands
/// class and vendor requests and data endpoint packets to the `ClassDriver`
/// of the function they concern.
///
/// Endpoint 0 has one 64-byte lease, kept in a cell between packets and
/// handed to the controller for each packet of a data stage. A reply is
/// produced a packet at a time: the descriptor table and the class drivers
/// write each packet's bytes from an offset into a 64-byte staging array
/// on the stack, which is then copied into the lease (a capsule reaches a
/// lease's bytes only by index). So no buffer as long as a descriptor
/// exists, and a configuration descriptor of any length goes out.
///
/// Split by concern: `usb_device.cpp` (set-up, bus events, routing of data
/// endpoint packets), `control_pipe.cpp` (the endpoint 0 state machine),
/// `standard_requests.cpp` (chapter 9), `device_state.h` (which request
/// each device state allows).
class LEASH_COMPONENT UsbDevice final
    : public kernel::hil::usb::ControllerClient {
public:
  /// The device on `controller`, answering from `descriptors`, with the
  /// class driver `drivers[i]` serving the function at `functions[i]` (the
  /// `functions` of `build_device`, in the same order; a function without a
  /// driver has its requests stalled). `control_buffer` is endpoint 0's
  /// lease, of at least 64 bytes. The board makes the device the
  /// controller's client with `attach`.
  UsbDevice(const kernel::hil::usb::Controller &controller,
            const DescriptorTable &descriptors,
            std::span<const FunctionPlacement> functions,
            std::span<const ClassDriver *const> drivers,
            leash::Lease<std::uint8_t> control_buffer);

  /// Becomes the controller's client and connects to the bus.
  kernel::Result attach() const;

  /// The chapter 9 state: default, address or configured.
  [[nodiscard]] DeviceState device_state() const { return device_state_.get(); }
  /// Where endpoint 0's current transfer is.
  [[nodiscard]] ControlState control_state() const {
    return control_state_.get();
  }
  /// Whether the bus is suspended.
  [[nodiscard]] bool is_suspended() const { return suspended_.get(); }
  /// Whether the host enabled remote wakeup (SET_FEATURE).
  [[nodiscard]] bool remote_wakeup_enabled() const {
    return remote_wakeup_enabled_.get();
  }
  /// Whether endpoint 0's lease is in the device (not with the controller).
  [[nodiscard]] bool control_buffer_is_home() const {
    return control_buffer_.is_some();
  }

  /// Back to the default state; every driver is told.
  void bus_reset() const override;
  /// Starts the control transfer `setup` asks for.
  void setup_received(const kernel::hil::usb::SetupBytes &setup) const override;
  /// Endpoint 0's next data packet, or a driver's packet callback.
  void packet_sent(std::uint8_t number, leash::Lease<std::uint8_t> buffer,
                   kernel::Result result) const override;
  /// Endpoint 0's next data packet, or a driver's packet callback.
  void packet_received(std::uint8_t number, leash::Lease<std::uint8_t> buffer,
                       std::size_t length,
                       kernel::Result result) const override;
  /// Tracks suspension; every driver is told.
  void suspend_changed(bool suspended) const override;

private:
  /// What a SETUP leads to, once served.
  enum class Outcome : std::uint8_t {
    /// Stall the transfer.
    stall,
    /// No data stage: the status stage at once.
    status,
    /// An IN data stage from `in_source_`.
    data_in,
    /// An OUT data stage for the target driver.
    data_out,
  };

  /// Who writes the bytes of an IN data stage.
  enum class InSource : std::uint8_t {
    /// A standard request's short reply, in `standard_reply_`.
    standard_reply,
    /// A GET_DESCRIPTOR: the descriptor table.
    descriptor_table,
    /// A class request: the target driver.
    class_driver,
  };

  // The endpoint 0 state machine (control_pipe.cpp).

  /// The outcome of `setup`, from chapter 9 or a class driver.
  Outcome dispatch(const SetupPacket &setup) const;
  /// Sends the next packet of the IN data stage.
  void send_in_packet() const;
  /// Receives the next packet of the OUT data stage.
  void receive_out_packet() const;
  /// An endpoint 0 packet was sent.
  void control_packet_sent(leash::Lease<std::uint8_t> buffer,
                           kernel::Result result) const;
  /// An endpoint 0 packet arrived.
  void control_packet_received(leash::Lease<std::uint8_t> buffer,
                               std::size_t length, kernel::Result result) const;
  /// Writes the IN data stage's bytes from `offset` into `out`.
  std::size_t write_in_data(const SetupPacket &setup, std::size_t offset,
                            std::span<std::uint8_t> out) const;
  /// Ends the transfer with its status stage, then applies a new address.
  void finish_with_status() const;
  /// Stalls the transfer.
  void stall() const;

  // Chapter 9 (standard_requests.cpp).

  /// A standard request, checked for shape and device state first.
  Outcome serve_standard(const SetupPacket &setup) const;
  /// GET_STATUS.
  Outcome get_status(const SetupPacket &setup) const;
  /// CLEAR_FEATURE (`set` false) and SET_FEATURE.
  Outcome change_feature(const SetupPacket &setup, bool set) const;
  /// GET_DESCRIPTOR.
  Outcome get_descriptor(const SetupPacket &setup) const;
  /// SET_CONFIGURATION.
  Outcome set_configuration(const SetupPacket &setup) const;
  /// SET_INTERFACE.
  Outcome set_interface(const SetupPacket &setup) const;
  /// Replies `first` (and `second` when `length` is 2).
  Outcome reply(std::uint8_t first, std::uint8_t second,
                std::size_t length) const;
  /// Enables every endpoint of the configuration (of `interface` only, when
  /// given); false if the controller refused one.
  bool enable_endpoints(std::optional<std::uint8_t> interface) const;
  /// Leaves the configured state, if in it: endpoints disabled, drivers
  /// told.
  void deconfigure() const;
  /// Disables every endpoint of the configuration.
  void disable_endpoints() const;
  /// Whether the configuration has interface `interface`.
  bool has_interface(std::uint16_t interface) const;

  // Class drivers (usb_device.cpp).

  /// A class or vendor request (or an interface's GET_DESCRIPTOR) for the
  /// driver that owns its recipient.
  Outcome route_to_driver(const SetupPacket &setup) const;
  /// The index of the driver of interface `interface`.
  std::optional<std::size_t> driver_of_interface(std::uint8_t interface) const;
  /// The index of the driver of the function that declares `endpoint`.
  std::optional<std::size_t>
  driver_of_endpoint(kernel::hil::usb::Endpoint endpoint) const;
  /// Tells every driver with `tell`.
  template <typename Tell> void tell_drivers(Tell &&tell) const {
    for (const ClassDriver *driver : drivers_) {
      if (driver != nullptr) {
        tell(*driver);
      }
    }
  }

  /// The USB device controller.
  const kernel::hil::usb::Controller &controller_;
  /// The device's descriptors.
  const DescriptorTable &descriptors_;
  /// Its configuration descriptor, read.
  ConfigurationReader configuration_;
  /// Where each function went.
  std::span<const FunctionPlacement> functions_;
  /// Each function's driver, in the same order.
  std::span<const ClassDriver *const> drivers_;

  /// Endpoint 0's lease while no packet is in flight.
  leash::TakeCell<leash::Lease<std::uint8_t>> control_buffer_;
  /// A lease a controller handed back for an endpoint no function declares
  /// (a broken controller): kept, not lost.
  leash::TakeCell<leash::Lease<std::uint8_t>> stray_buffer_;
  /// The chapter 9 state.
  leash::Cell<DeviceState> device_state_{DeviceState::default_state};
  /// Where the control transfer is.
  leash::Cell<ControlState> control_state_{ControlState::idle};
  /// Whether the bus is suspended.
  leash::Cell<bool> suspended_;
  /// DEVICE_REMOTE_WAKEUP, as the host set it.
  leash::Cell<bool> remote_wakeup_enabled_;
  /// The current transfer's SETUP.
  leash::Cell<SetupPacket> setup_;
  /// How many bytes of its data stage have moved.
  leash::Cell<std::size_t> data_offset_;
  /// How many bytes the IN packet in flight carries.
  leash::Cell<std::size_t> in_flight_length_;
  /// Who writes the IN data stage.
  leash::Cell<InSource> in_source_{InSource::standard_reply};
  /// A standard request's reply (GET_STATUS: 2 bytes; GET_CONFIGURATION,
  /// GET_INTERFACE: 1).
  leash::Cell<std::array<std::uint8_t, 2>> standard_reply_;
  /// How many bytes of `standard_reply_` count.
  leash::Cell<std::size_t> standard_reply_length_;
  /// The driver of the current class request.
  leash::Cell<std::size_t> target_driver_;
  /// The address SET_ADDRESS gave, applied after its status stage.
  leash::OptionalCell<std::uint8_t> pending_address_;
};

} // namespace capsules::usb

#endif // CAPSULES_USB_USB_DEVICE_H
