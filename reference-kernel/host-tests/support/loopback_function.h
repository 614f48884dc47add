/// Test support: a class driver that echoes its OUT packets on its IN
/// endpoint and answers class requests from a small memory.
#ifndef HOST_TESTS_SUPPORT_LOOPBACK_FUNCTION_H
#define HOST_TESTS_SUPPORT_LOOPBACK_FUNCTION_H

#include "capsules/usb/class_driver.h"
#include "capsules/usb/configuration_builder.h"
#include "kernel/hil/usb.h"

#include <leash/lease.h>
#include <leash/take_cell.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>

namespace host_tests {

/// A stand-in for the CDC-ACM and HID drivers (written elsewhere): bulk or
/// interrupt traffic through the real controller, one lease per direction,
/// so the stack's data path and its leases can be tested before they land.
/// Endpoints: its function's first OUT endpoint, echoed on its last IN one.
/// Class and vendor requests: accepted up to `memory_size` bytes; a control
/// write stores its data, a control read returns it.
class LoopbackFunction final : public capsules::usb::ClassDriver {
public:
  /// How many bytes a class request may carry.
  static constexpr std::size_t memory_size = 128;

  /// The driver of the function at `placement` on `controller`; its packet
  /// buffers are `in_storage` and `out_storage` (Data RAM the caller
  /// registered with the simulation).
  LoopbackFunction(const kernel::hil::usb::Controller &controller,
                   const capsules::usb::FunctionPlacement &placement,
                   std::uint8_t (&in_storage)[64],
                   std::uint8_t (&out_storage)[64])
      : controller_(controller) {
    for (std::size_t slot = 0; slot < placement.endpoint_count; ++slot) {
      const std::uint8_t address = placement.endpoint_addresses[slot];
      if ((address & 0x80U) != 0) {
        in_ = address & 0x0FU;
      } else if (!out_.has_value()) {
        out_ = address & 0x0FU;
      }
    }
    in_home_.put(leash::Lease<std::uint8_t>::from(in_storage));
    out_home_.put(leash::Lease<std::uint8_t>::from(out_storage));
  }

  /// The IN endpoint echoing, if any.
  [[nodiscard]] std::optional<std::uint8_t> in_endpoint() const { return in_; }
  /// The OUT endpoint received from, if any.
  [[nodiscard]] std::optional<std::uint8_t> out_endpoint() const {
    return out_;
  }
  /// Whether both packet leases are in the driver.
  [[nodiscard]] bool leases_home() const {
    return in_home_.is_some() && out_home_.is_some();
  }
  /// How many packets were echoed.
  [[nodiscard]] std::size_t echoed() const { return echoed_; }

  void reset() const override { configured_ = false; }
  void configured(bool active) const override {
    configured_ = active;
    if (active) {
      arm_receive();
    }
  }
  bool accept_setup(const capsules::usb::SetupPacket &setup) const override {
    return setup.length <= memory_size;
  }
  std::size_t control_in_data(const capsules::usb::SetupPacket &,
                              std::size_t offset,
                              std::span<std::uint8_t> out) const override {
    const std::size_t count =
        offset < memory_size ? std::min(out.size(), memory_size - offset) : 0;
    std::copy_n(memory_.begin() + static_cast<std::ptrdiff_t>(offset), count,
                out.begin());
    return count;
  }
  bool control_out_data(const capsules::usb::SetupPacket &, std::size_t offset,
                        std::span<const std::uint8_t> data,
                        bool) const override {
    if (offset > memory_size || data.size() > memory_size - offset) {
      return false;
    }
    std::copy(data.begin(), data.end(),
              memory_.begin() + static_cast<std::ptrdiff_t>(offset));
    return true;
  }
  void packet_sent(std::uint8_t, leash::Lease<std::uint8_t> buffer,
                   kernel::Result) const override {
    in_home_.put(std::move(buffer));
  }
  void packet_received(std::uint8_t, leash::Lease<std::uint8_t> buffer,
                       std::size_t length,
                       kernel::Result result) const override {
    if (result.is_ok() && in_.has_value() && in_home_.is_some()) {
      // Copied by index: a capsule reaches a lease's bytes no other way.
      leash::Lease<std::uint8_t> echo = in_home_.take();
      for (std::size_t index = 0; index < length && index < echo.size();
           ++index) {
        echo[index] = buffer[index];
      }
      auto refusal = controller_.send_packet(*in_, std::move(echo), length);
      if (refusal) {
        in_home_.put(std::move(refusal).value());
      } else {
        ++echoed_;
      }
    }
    out_home_.put(std::move(buffer));
    // A cancelled packet comes back after the configuration was selected
    // again (the controller hands it back later): still configured, the
    // endpoint wants its lease again.
    arm_receive();
  }
  void endpoint_halt_changed(kernel::hil::usb::Endpoint endpoint,
                             bool halted) const override {
    if (!halted && endpoint.direction == kernel::hil::usb::Direction::out) {
      arm_receive();
    }
  }
  void suspend_changed(bool) const override {}

private:
  /// Gives the OUT lease to the controller for the next packet.
  void arm_receive() const {
    if (!configured_ || !out_.has_value() || out_home_.is_none()) {
      return;
    }
    auto refusal = controller_.receive_packet(*out_, out_home_.take());
    if (refusal) {
      out_home_.put(std::move(refusal).value());
    }
  }

  /// The controller the packets go through.
  const kernel::hil::usb::Controller &controller_;
  /// The echoing IN endpoint's number.
  std::optional<std::uint8_t> in_;
  /// The OUT endpoint's number.
  std::optional<std::uint8_t> out_;
  /// The IN packet's lease while not sending.
  leash::TakeCell<leash::Lease<std::uint8_t>> in_home_;
  /// The OUT packet's lease while not receiving.
  leash::TakeCell<leash::Lease<std::uint8_t>> out_home_;
  /// Whether the configuration is selected.
  mutable bool configured_ = false;
  /// What class requests write and read.
  mutable std::array<std::uint8_t, memory_size> memory_{};
  /// See `echoed()`.
  mutable std::size_t echoed_ = 0;
};

} // namespace host_tests

#endif // HOST_TESTS_SUPPORT_LOOPBACK_FUNCTION_H
