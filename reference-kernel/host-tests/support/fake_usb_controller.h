/// Test support: a scripted USB device controller that keeps the HIL contract.
#ifndef HOST_TESTS_SUPPORT_FAKE_USB_CONTROLLER_H
#define HOST_TESTS_SUPPORT_FAKE_USB_CONTROLLER_H

#include "kernel/hil/usb.h"
#include "kernel/refusal.h"
#include "kernel/result.h"

#include <leash/lease.h>
#include <leash/optional_cell.h>
#include <leash/take_cell.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <utility>
#include <vector>

namespace host_tests {

/// A USB device controller under the test's control (a virtual bus, as
/// Zephyr's tests use): the test feeds SETUPs and OUT packets, completes
/// IN packets, resets the bus and suspends it; the fake records every
/// packet sent, stall, status stage, address and endpoint change, and
/// refuses requests on command. It keeps the HIL's contract: callbacks
/// come only when the test pumps (never from inside a request), and a
/// packet that a SETUP, a reset, a stall, a halt or a disable abandons comes
/// back cancelled before the callback that caused it.
class FakeUsbController final : public kernel::hil::usb::Controller {
public:
  /// How `enable_endpoint` was called.
  struct EnabledEndpoint {
    /// The endpoint's address.
    std::uint8_t address = 0;
    /// Its transfer type.
    kernel::hil::usb::TransferType type = kernel::hil::usb::TransferType::bulk;
    /// Its maximum packet size.
    std::size_t max_packet_size = 0;
    /// Whether both say the same.
    friend bool operator==(const EnabledEndpoint &,
                           const EnabledEndpoint &) = default;
  };

  /// One packet sent on an IN endpoint.
  struct SentPacket {
    /// The endpoint number.
    std::uint8_t number = 0;
    /// Its bytes.
    std::vector<std::uint8_t> bytes;
  };

  // The HIL (documented in kernel/hil/usb.h).

  void
  set_client(const kernel::hil::usb::ControllerClient &client) const override {
    client_.set(&client);
  }
  kernel::Result attach() const override {
    attached = true;
    return kernel::Result::ok();
  }
  void detach() const override {
    attached = false;
    for (std::uint8_t number = 0; number < 16; ++number) {
      cancel_later({number, kernel::hil::usb::Direction::in});
      cancel_later({number, kernel::hil::usb::Direction::out});
    }
  }
  void set_address(std::uint8_t address) const override {
    addresses.push_back(address);
  }
  kernel::Result enable_endpoint(kernel::hil::usb::Endpoint endpoint,
                                 kernel::hil::usb::TransferType type,
                                 std::size_t max_packet_size) const override {
    if (enable_budget == 0) {
      return kernel::Result::failure(kernel::ErrorCode::invalid);
    }
    --enable_budget;
    if (refuse_enable || endpoint.number == 0 || endpoint.number > 15 ||
        max_packet_size > kernel::hil::usb::max_packet_size) {
      return kernel::Result::failure(kernel::ErrorCode::invalid);
    }
    enabled[endpoint.address()] =
        EnabledEndpoint{endpoint.address(), type, max_packet_size};
    enable_log.push_back(enabled[endpoint.address()]);
    halted.erase(endpoint.address());
    return kernel::Result::ok();
  }
  void disable_endpoint(kernel::hil::usb::Endpoint endpoint) const override {
    enabled.erase(endpoint.address());
    halted.erase(endpoint.address());
    cancel_later(endpoint);
  }
  kernel::Refusal<leash::Lease<std::uint8_t>>
  send_packet(std::uint8_t number, leash::Lease<std::uint8_t> buffer,
              std::size_t length) const override {
    const kernel::hil::usb::Endpoint endpoint{number,
                                              kernel::hil::usb::Direction::in};
    if (const auto error = refusal(endpoint, length, buffer.size())) {
      return kernel::Refusal<leash::Lease<std::uint8_t>>::refused(
          *error, std::move(buffer));
    }
    SentPacket packet{number, {}};
    for (std::size_t index = 0; index < length; ++index) {
      packet.bytes.push_back(buffer[index]);
    }
    sent.push_back(packet);
    in_flight(endpoint).put(std::move(buffer));
    return kernel::Refusal<leash::Lease<std::uint8_t>>::accepted();
  }
  kernel::Refusal<leash::Lease<std::uint8_t>>
  receive_packet(std::uint8_t number,
                 leash::Lease<std::uint8_t> buffer) const override {
    const kernel::hil::usb::Endpoint endpoint{number,
                                              kernel::hil::usb::Direction::out};
    if (const auto error =
            refusal(endpoint, max_packet_size_of(endpoint), buffer.size())) {
      return kernel::Refusal<leash::Lease<std::uint8_t>>::refused(
          *error, std::move(buffer));
    }
    in_flight(endpoint).put(std::move(buffer));
    return kernel::Refusal<leash::Lease<std::uint8_t>>::accepted();
  }
  kernel::Result complete_control_status() const override {
    if (!control_active_) {
      ++contract_breaches;
      return kernel::Result::failure(kernel::ErrorCode::off);
    }
    if (in_flight(endpoint0_in()).is_some() ||
        in_flight(endpoint0_out()).is_some()) {
      ++contract_breaches; // A status stage while a data packet is out.
    }
    control_active_ = false;
    ++status_stages;
    return kernel::Result::ok();
  }
  kernel::Result stall_control() const override {
    control_active_ = false;
    ++stalls;
    cancel_later(endpoint0_in());
    cancel_later(endpoint0_out());
    return kernel::Result::ok();
  }
  kernel::Result set_endpoint_halt(kernel::hil::usb::Endpoint endpoint,
                                   bool is_halted) const override {
    if (endpoint.number == 0 || !enabled.contains(endpoint.address())) {
      return kernel::Result::failure(kernel::ErrorCode::invalid);
    }
    if (is_halted) {
      halted.insert(endpoint.address());
      cancel_later(endpoint);
    } else {
      halted.erase(endpoint.address());
    }
    return kernel::Result::ok();
  }
  [[nodiscard]] bool
  is_endpoint_halted(kernel::hil::usb::Endpoint endpoint) const override {
    return halted.contains(endpoint.address());
  }

  // What the test does on the bus.

  /// Delivers the cancellations that requests caused (a stall, a halt, a
  /// disable), as the kernel loop would after the request returned.
  void pump() const {
    for (std::uint8_t number = 0; number < 16; ++number) {
      for (const auto direction : {kernel::hil::usb::Direction::in,
                                   kernel::hil::usb::Direction::out}) {
        const kernel::hil::usb::Endpoint endpoint{number, direction};
        if (cancel_pending_.erase(endpoint.address()) != 0) {
          cancel(endpoint);
        }
      }
    }
  }

  /// The host resets the bus: packets in flight come back cancelled, every
  /// endpoint but 0 is disabled, the address is 0; then `bus_reset`.
  void reset() const {
    cancel_all();
    enabled.clear();
    halted.clear();
    control_active_ = false;
    client_.map([](const kernel::hil::usb::ControllerClient *client) {
      client->bus_reset();
    });
  }

  /// The host sends the SETUP `bytes`: a packet in flight on endpoint 0
  /// comes back cancelled first.
  void setup(const kernel::hil::usb::SetupBytes &bytes) const {
    pump();
    cancel(endpoint0_in());
    cancel(endpoint0_out());
    control_active_ = true;
    client_.map([&bytes](const kernel::hil::usb::ControllerClient *client) {
      client->setup_received(bytes);
    });
  }

  /// The host acknowledged the packet in flight on IN endpoint `number`.
  /// False when there is none.
  bool complete_in(std::uint8_t number) const {
    leash::Lease<std::uint8_t> buffer =
        in_flight({number, kernel::hil::usb::Direction::in}).take();
    if (buffer.is_empty()) {
      return false;
    }
    client_.map([&buffer, number](const auto *client) {
      client->packet_sent(number, std::move(buffer), kernel::Result::ok());
    });
    return true;
  }

  /// The host sent `bytes` (at most the buffer's size) to OUT endpoint
  /// `number`. False when no packet was asked for.
  bool complete_out(std::uint8_t number,
                    const std::vector<std::uint8_t> &bytes) const {
    leash::Lease<std::uint8_t> buffer =
        in_flight({number, kernel::hil::usb::Direction::out}).take();
    if (buffer.is_empty()) {
      return false;
    }
    std::size_t length = 0;
    for (; length < bytes.size() && length < buffer.size(); ++length) {
      buffer[length] = bytes[length];
    }
    client_.map([&buffer, number, length](const auto *client) {
      client->packet_received(number, std::move(buffer), length,
                              kernel::Result::ok());
    });
    return true;
  }

  /// The bus goes idle (`true`) or wakes up.
  void suspend(bool suspended) const {
    client_.map([suspended](const auto *client) {
      client->suspend_changed(suspended);
    });
  }

  /// Whether a packet is in flight on `endpoint`.
  [[nodiscard]] bool is_in_flight(kernel::hil::usb::Endpoint endpoint) const {
    return in_flight(endpoint).is_some();
  }

  /// Whether requests are refused (a busy or detached controller).
  mutable bool refuse = false;
  /// The reason given when `refuse` is set.
  mutable kernel::ErrorCode refuse_with = kernel::ErrorCode::busy;
  /// Whether `enable_endpoint` fails.
  mutable bool refuse_enable = false;
  /// How many more `enable_endpoint` calls succeed (then each fails).
  mutable std::size_t enable_budget = SIZE_MAX;
  /// Whether `attach` was called (and no `detach` since).
  mutable bool attached = false;
  /// Every packet sent, in order.
  mutable std::vector<SentPacket> sent;
  /// Every `set_address`, in order.
  mutable std::vector<std::uint8_t> addresses;
  /// Every successful `enable_endpoint`, in order.
  mutable std::vector<EnabledEndpoint> enable_log;
  /// The endpoints enabled now, by address.
  mutable std::map<std::uint8_t, EnabledEndpoint> enabled;
  /// The endpoints halted now, by address.
  mutable std::set<std::uint8_t> halted;
  /// How many times the control transfer was stalled.
  mutable std::size_t stalls = 0;
  /// How many status stages completed.
  mutable std::size_t status_stages = 0;
  /// Requests that broke the HIL's contract (a status stage with no
  /// transfer or with a data packet out).
  mutable std::size_t contract_breaches = 0;

private:
  /// Endpoint 0's IN half.
  static constexpr kernel::hil::usb::Endpoint endpoint0_in() {
    return {0, kernel::hil::usb::Direction::in};
  }
  /// Endpoint 0's OUT half.
  static constexpr kernel::hil::usb::Endpoint endpoint0_out() {
    return {0, kernel::hil::usb::Direction::out};
  }

  /// The cell holding `endpoint`'s packet in flight.
  const leash::TakeCell<leash::Lease<std::uint8_t>> &
  in_flight(kernel::hil::usb::Endpoint endpoint) const {
    return endpoint.direction == kernel::hil::usb::Direction::in
               ? in_flight_in_[endpoint.number & 0x0FU]
               : in_flight_out_[endpoint.number & 0x0FU];
  }

  /// `endpoint`'s maximum packet size (64 for endpoint 0, 0 if disabled).
  std::size_t max_packet_size_of(kernel::hil::usb::Endpoint endpoint) const {
    if (endpoint.number == 0) {
      return kernel::hil::usb::max_packet_size;
    }
    const auto found = enabled.find(endpoint.address());
    return found == enabled.end() ? 0 : found->second.max_packet_size;
  }

  /// Why a request of `length` bytes on `endpoint` with a window of
  /// `window` bytes is refused, in the HIL's order, if it is.
  std::optional<kernel::ErrorCode> refusal(kernel::hil::usb::Endpoint endpoint,
                                           std::size_t length,
                                           std::size_t window) const {
    if (refuse) {
      return refuse_with;
    }
    if (!attached ||
        (endpoint.number != 0 && !enabled.contains(endpoint.address()))) {
      return kernel::ErrorCode::off;
    }
    if (halted.contains(endpoint.address())) {
      return kernel::ErrorCode::invalid;
    }
    if (in_flight(endpoint).is_some()) {
      return kernel::ErrorCode::busy;
    }
    if (length > max_packet_size_of(endpoint) || length > window) {
      return kernel::ErrorCode::size;
    }
    if (endpoint.number == 0 && !control_active_) {
      return kernel::ErrorCode::off; // No control transfer to carry it.
    }
    return std::nullopt;
  }

  /// Hands `endpoint`'s packet in flight back, cancelled.
  void cancel(kernel::hil::usb::Endpoint endpoint) const {
    cancel_pending_.erase(endpoint.address());
    leash::Lease<std::uint8_t> buffer = in_flight(endpoint).take();
    if (buffer.is_empty()) {
      return;
    }
    const kernel::Result cancelled =
        kernel::Result::failure(kernel::ErrorCode::cancel);
    const std::uint8_t number = endpoint.number;
    if (endpoint.direction == kernel::hil::usb::Direction::in) {
      client_.map([&buffer, number, cancelled](const auto *client) {
        client->packet_sent(number, std::move(buffer), cancelled);
      });
    } else {
      client_.map([&buffer, number, cancelled](const auto *client) {
        client->packet_received(number, std::move(buffer), 0, cancelled);
      });
    }
  }

  /// Marks `endpoint`'s packet in flight for cancellation at the next pump.
  void cancel_later(kernel::hil::usb::Endpoint endpoint) const {
    if (in_flight(endpoint).is_some()) {
      cancel_pending_.insert(endpoint.address());
    }
  }

  /// Hands every packet in flight back, cancelled.
  void cancel_all() const {
    for (std::uint8_t number = 0; number < 16; ++number) {
      cancel({number, kernel::hil::usb::Direction::in});
      cancel({number, kernel::hil::usb::Direction::out});
    }
  }

  /// The device stack.
  leash::OptionalCell<const kernel::hil::usb::ControllerClient *> client_;
  /// The lease of each IN endpoint's packet in flight.
  std::array<leash::TakeCell<leash::Lease<std::uint8_t>>, 16> in_flight_in_;
  /// The lease of each OUT endpoint's packet in flight.
  std::array<leash::TakeCell<leash::Lease<std::uint8_t>>, 16> in_flight_out_;
  /// Endpoints whose packet in flight the next pump cancels.
  mutable std::set<std::uint8_t> cancel_pending_;
  /// Whether a control transfer runs (from a SETUP to its status or stall).
  mutable bool control_active_ = false;
};

} // namespace host_tests

#endif // HOST_TESTS_SUPPORT_FAKE_USB_CONTROLLER_H
