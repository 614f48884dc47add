/// HidDriver: the class driver of one HID interface (reports and requests).
#ifndef CAPSULES_USB_HID_DRIVER_H
#define CAPSULES_USB_HID_DRIVER_H

#include "capsules/usb/class_driver.h"
#include "capsules/usb/configuration_builder.h"
#include "capsules/usb/hid_class.h"
#include "capsules/usb/hid_descriptors.h"
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
#include <span>
#include <utility>

namespace capsules::usb {

/// What a HID interface tells the device built on it (a keyboard, a
/// generic device).
class LEASH_COMPONENT HidClient {
public:
  /// An output report arrived, by SET_REPORT on endpoint 0 or on the
  /// interrupt OUT endpoint; `report` is valid during the call only.
  virtual void output_report(std::span<const std::uint8_t> report) const = 0;

protected:
  /// Clients are never destroyed through this interface.
  ~HidClient() = default;
};

/// One HID interface (HID 1.11; TinyUSB's hid_device.c as a component): it
/// answers the HID and report descriptors asked of the interface, the class
/// requests (GET/SET_REPORT, GET/SET_IDLE, and GET/SET_PROTOCOL on a boot
/// interface), sends input reports on the interrupt IN endpoint and hands
/// output reports to its `HidClient`. Anything else, and any request whose
/// fields are malformed, stalls.
///
/// Input reports: the driver keeps the current report (what GET_REPORT
/// answers) and one lease for the IN endpoint, so one report is in flight.
/// A report sent while one is in flight becomes the pending one and goes
/// out when the endpoint is free; a newer one replaces it (a HID report is
/// a state, and the host wants the latest, as TinyUSB's callers do).
///
/// Idle rate: SET_IDLE's rate (report 0, all reports) is stored and
/// GET_IDLE answers it; the driver keeps no clock. Whoever owns one (the
/// board's alarm, or the device on top) calls `advance_time`, and when a
/// non-zero rate expires without a new report, the current one is sent
/// again (HID 1.11 section 7.2.4).
///
/// Output reports on the OUT endpoint (when the interface has one) are
/// received into the driver's own lease, copied out, and the endpoint is
/// armed again before the client hears of them.
///
/// Split by concern: `hid_driver.cpp` (bus events and the interrupt
/// endpoints), `hid_requests.cpp` (the control requests).
class LEASH_COMPONENT HidDriver final : public ClassDriver {
public:
  /// The driver of `function`, placed by the builder at `placement`, on
  /// `controller`. `in_buffer` is the IN endpoint's lease, `out_buffer` the
  /// OUT endpoint's (empty without one); each of at least the endpoint's
  /// maximum packet size.
  template <HidEndpoints endpoint_set>
  HidDriver(const kernel::hil::usb::Controller &controller,
            const HidFunction<endpoint_set> &function,
            const FunctionPlacement &placement,
            leash::Lease<std::uint8_t> in_buffer,
            leash::Lease<std::uint8_t> out_buffer = {})
      : HidDriver(
            controller,
            Shape{
                .report_descriptor = function.report_descriptor,
                .hid_descriptor = hid::hid_descriptor(
                    function.report_descriptor.size(), function.country_code),
                .interface_number =
                    static_cast<std::uint8_t>(placement.first_interface),
                .in_number = static_cast<std::uint8_t>(
                    placement.endpoint_addresses
                        [HidFunction<endpoint_set>::in_slot] &
                    0x0FU),
                .out_number =
                    HidFunction<endpoint_set>::has_out_endpoint
                        ? static_cast<std::uint8_t>(
                              placement.endpoint_addresses
                                  [HidFunction<endpoint_set>::out_slot] &
                              0x0FU)
                        : std::uint8_t{0},
                .in_packet_size = function.in.max_packet_size,
                .boot_interface = function.subclass == hid::boot_interface,
            },
            std::move(in_buffer), std::move(out_buffer)) {}

  /// Sends later output reports to `client`.
  void set_client(const HidClient &client) const { client_.set(&client); }

  /// Makes `report` the current input report and sends it: at once when
  /// the IN endpoint is free, else when the report in flight is done
  /// (replacing one that waits). `ErrorCode::size` when longer than the IN
  /// endpoint's packet; `ErrorCode::off` while not configured (the report
  /// is kept as the current one); `ErrorCode::invalid` while the host
  /// halted the endpoint (it goes out on resume).
  kernel::Result send_report(std::span<const std::uint8_t> report) const;

  /// `milliseconds` passed: with a non-zero idle rate that expired since
  /// the last report, the current report is sent again.
  void advance_time(std::uint32_t milliseconds) const;

  /// The idle rate, in 4 ms units (0: only on change).
  [[nodiscard]] std::uint8_t idle_rate() const { return idle_rate_.get(); }
  /// The protocol the host selected (report, unless a boot interface was
  /// switched to boot).
  [[nodiscard]] hid::Protocol protocol() const { return protocol_.get(); }
  /// Whether the configuration is selected.
  [[nodiscard]] bool is_configured() const { return configured_.get(); }
  /// Whether an input report is in flight.
  [[nodiscard]] bool is_sending() const { return in_buffer_.is_none(); }
  /// Whether both leases are in the driver (none with the controller).
  [[nodiscard]] bool buffers_are_home() const {
    return in_buffer_.is_some() &&
           (shape_.out_number == 0 || out_buffer_.is_some());
  }

  // capsules::usb::ClassDriver (documented there).

  /// Forgets idle rate, protocol and any pending report.
  void reset() const override;
  /// Arms the OUT endpoint when selected; forgets the pending report when
  /// deselected.
  void configured(bool active) const override;
  /// The HID requests and GET_DESCRIPTOR(HID, report) of this interface.
  [[nodiscard]] bool accept_setup(const SetupPacket &setup) const override;
  /// Descriptor, report, idle rate or protocol bytes from `offset`.
  std::size_t control_in_data(const SetupPacket &setup, std::size_t offset,
                              std::span<std::uint8_t> out) const override;
  /// SET_REPORT's output report, handed to the client when complete.
  [[nodiscard]] bool control_out_data(const SetupPacket &setup,
                                      std::size_t offset,
                                      std::span<const std::uint8_t> data,
                                      bool last) const override;
  /// The input report in flight is done: the pending one goes next.
  void packet_sent(std::uint8_t number, leash::Lease<std::uint8_t> buffer,
                   kernel::Result result) const override;
  /// An output report on the OUT endpoint.
  void packet_received(std::uint8_t number, leash::Lease<std::uint8_t> buffer,
                       std::size_t length,
                       kernel::Result result) const override;
  /// Tracks halts; a resumed endpoint starts again.
  void endpoint_halt_changed(kernel::hil::usb::Endpoint endpoint,
                             bool halted) const override;
  /// Nothing to do: the host stops polling while suspended.
  void suspend_changed(bool suspended) const override;

private:
  /// What the driver needs of the function's declaration and placement.
  struct Shape {
    /// The report descriptor (static storage).
    std::span<const std::uint8_t> report_descriptor;
    /// The HID descriptor's bytes.
    std::array<std::uint8_t, hid::hid_descriptor_length> hid_descriptor;
    /// bInterfaceNumber.
    std::uint8_t interface_number;
    /// The IN endpoint's number.
    std::uint8_t in_number;
    /// The OUT endpoint's number, 0 without one.
    std::uint8_t out_number;
    /// The IN endpoint's wMaxPacketSize.
    std::uint16_t in_packet_size;
    /// Whether the interface is a boot interface (GET/SET_PROTOCOL).
    bool boot_interface;
  };

  /// A report's bytes and length, kept by value in a cell.
  struct Report {
    /// The bytes; only the first `length` count.
    std::array<std::uint8_t, hid::max_report_size> bytes{};
    /// How many bytes count.
    std::size_t length = 0;
  };

  /// Where the IN endpoint is.
  enum class InState : std::uint8_t {
    /// The lease is home, nothing waits.
    idle,
    /// A report is in flight.
    sending,
    /// A report is in flight and another waits for it.
    sending_with_pending,
    /// A report waits for the endpoint to be configured or resumed.
    waiting,
  };

  /// The shape's constructor, once the template above has read the
  /// function.
  HidDriver(const kernel::hil::usb::Controller &controller, const Shape &shape,
            leash::Lease<std::uint8_t> in_buffer,
            leash::Lease<std::uint8_t> out_buffer);

  /// Whether `setup` names this interface in wIndex.
  [[nodiscard]] bool is_for_interface(const SetupPacket &setup) const;
  /// GET_DESCRIPTOR(HID or report) checks.
  [[nodiscard]] bool accept_get_descriptor(const SetupPacket &setup) const;
  /// A class request's checks, and SET_IDLE and SET_PROTOCOL's effect.
  [[nodiscard]] bool accept_class_request(const SetupPacket &setup) const;
  /// Copies `source` from `offset` into `out`.
  static std::size_t copy_from(std::span<const std::uint8_t> source,
                               std::size_t offset, std::span<std::uint8_t> out);
  /// Sends the current report; the controller's refusal, if it refused.
  kernel::Result start_sending() const;
  /// Arms the OUT endpoint, if there is one and it may run.
  void arm_receive() const;
  /// Hands `report` to the client.
  void deliver(std::span<const std::uint8_t> report) const;

  /// The USB device controller.
  const kernel::hil::usb::Controller &controller_;
  /// What the driver answers and where (fixed at construction).
  const Shape shape_;
  /// Who hears of output reports.
  leash::OptionalCell<const HidClient *> client_;
  /// The IN endpoint's lease while no report is in flight.
  leash::TakeCell<leash::Lease<std::uint8_t>> in_buffer_;
  /// The OUT endpoint's lease while no packet is asked for.
  leash::TakeCell<leash::Lease<std::uint8_t>> out_buffer_;
  /// The current input report (GET_REPORT's answer).
  leash::Cell<Report> current_report_;
  /// SET_REPORT's output report as its data stage arrives.
  leash::Cell<Report> output_staging_;
  /// Where the IN endpoint is.
  leash::Cell<InState> in_state_{InState::idle};
  /// Whether the configuration is selected.
  leash::Cell<bool> configured_;
  /// Whether the host halted the IN endpoint.
  leash::Cell<bool> in_halted_;
  /// Whether the host halted the OUT endpoint.
  leash::Cell<bool> out_halted_;
  /// SET_IDLE's rate, in 4 ms units.
  leash::Cell<std::uint8_t> idle_rate_;
  /// Milliseconds since the last input report.
  leash::Cell<std::uint32_t> since_last_report_;
  /// SET_PROTOCOL's choice.
  leash::Cell<hid::Protocol> protocol_{hid::Protocol::report};
};

} // namespace capsules::usb

#endif // CAPSULES_USB_HID_DRIVER_H
