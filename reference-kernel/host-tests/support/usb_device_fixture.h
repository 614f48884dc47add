/// Test support: a UsbDevice on a fake controller, with recording drivers.
#ifndef HOST_TESTS_SUPPORT_USB_DEVICE_FIXTURE_H
#define HOST_TESTS_SUPPORT_USB_DEVICE_FIXTURE_H

#include "capsules/usb/class_driver.h"
#include "capsules/usb/standard_configurations.h"
#include "capsules/usb/usb_device.h"
#include "support/fake_usb_controller.h"
#include "support/host_hooks.h"
#include "support/setup_bytes.h"

#include <gtest/gtest.h>

#include <leash/take_cell.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace host_tests {

/// A class driver that records what the device core tells it, answers IN
/// requests from `reply` and keeps OUT data in `received`.
class RecordingFunction final : public capsules::usb::ClassDriver {
public:
  void reset() const override { ++resets; }
  void configured(bool active) const override {
    configured_calls.push_back(active);
  }
  bool accept_setup(const capsules::usb::SetupPacket &setup) const override {
    setups.push_back(setup);
    return accept;
  }
  std::size_t control_in_data(const capsules::usb::SetupPacket &,
                              std::size_t offset,
                              std::span<std::uint8_t> out) const override {
    std::size_t count = 0;
    while (count < out.size() && offset + count < reply.size()) {
      out[count] = reply[offset + count];
      ++count;
    }
    return count;
  }
  bool control_out_data(const capsules::usb::SetupPacket &, std::size_t offset,
                        std::span<const std::uint8_t> data,
                        bool last) const override {
    out_offsets.push_back(offset);
    received.insert(received.end(), data.begin(), data.end());
    lasts.push_back(last);
    return accept_out;
  }
  void endpoint_halt_changed(kernel::hil::usb::Endpoint endpoint,
                             bool halted) const override {
    halt_changes.push_back({endpoint.address(), halted});
  }
  void suspend_changed(bool suspended) const override {
    suspensions.push_back(suspended);
  }
  void packet_sent(std::uint8_t number, leash::Lease<std::uint8_t> buffer,
                   kernel::Result result) const override {
    packets.push_back({number, result.is_ok()});
    returned.put(std::move(buffer));
  }
  void packet_received(std::uint8_t number, leash::Lease<std::uint8_t> buffer,
                       std::size_t, kernel::Result result) const override {
    packets.push_back({number, result.is_ok()});
    returned.put(std::move(buffer));
  }

  /// Whether `accept_setup` accepts.
  mutable bool accept = true;
  /// Whether `control_out_data` accepts.
  mutable bool accept_out = true;
  /// The reply to every IN request.
  mutable std::vector<std::uint8_t> reply;
  /// Every request offered.
  mutable std::vector<capsules::usb::SetupPacket> setups;
  /// Every OUT data stage's bytes, concatenated.
  mutable std::vector<std::uint8_t> received;
  /// The offsets and `last` flags of `control_out_data`.
  mutable std::vector<std::size_t> out_offsets;
  /// See `out_offsets`.
  mutable std::vector<bool> lasts;
  /// `reset` calls.
  mutable int resets = 0;
  /// `configured` calls, in order.
  mutable std::vector<bool> configured_calls;
  /// Packet callbacks: endpoint number and success.
  mutable std::vector<std::pair<std::uint8_t, bool>> packets;
  /// `endpoint_halt_changed` calls: endpoint address and halted.
  mutable std::vector<std::pair<std::uint8_t, bool>> halt_changes;
  /// `suspend_changed` calls.
  mutable std::vector<bool> suspensions;
  /// The lease of the last packet callback.
  leash::TakeCell<leash::Lease<std::uint8_t>> returned;
};

/// What a control transfer came to.
struct Transfer {
  /// Whether the device stalled it.
  bool stalled = false;
  /// Whether the device completed its status stage.
  bool status = false;
  /// The IN data stage's bytes.
  std::vector<std::uint8_t> data;
  /// The length of each IN packet, zero-length packets included.
  std::vector<std::size_t> packet_lengths;

  /// Whether the device served it: status stage, no stall.
  [[nodiscard]] bool served() const { return status && !stalled; }
};

/// A UsbDevice over a FakeUsbController with one RecordingFunction per
/// function: the composite device, or the one a derived fixture names. Every
/// test
/// ends with endpoint 0's lease at home, no vocabulary violation and no
/// broken HIL contract.
class UsbDeviceTest : public ::testing::Test {
protected:
  UsbDeviceTest()
      : UsbDeviceTest(capsules::usb::standard::composite_descriptor_table,
                      capsules::usb::standard::composite_device.functions) {}

  /// A device answering from `table`, with the functions at `functions`.
  UsbDeviceTest(const capsules::usb::DescriptorTable &table,
                std::span<const capsules::usb::FunctionPlacement> functions)
      : device_(controller_, table, functions,
                std::span<const capsules::usb::ClassDriver *const>(
                    drivers_.data(), functions.size()),
                leash::Lease<std::uint8_t>::from(control_storage_)) {
    EXPECT_TRUE(device_.attach().is_ok());
    violations_before_ = violation_count();
  }

  void TearDown() override {
    controller_.pump();
    EXPECT_TRUE(device_.control_buffer_is_home());
    EXPECT_EQ(controller_.contract_breaches, 0U);
    EXPECT_EQ(violation_count(), violations_before_);
  }

  /// Runs a control read (or a transfer without data) to its end.
  Transfer control_read(const kernel::hil::usb::SetupBytes &setup) {
    const std::size_t stalls = controller_.stalls;
    const std::size_t statuses = controller_.status_stages;
    const std::size_t first = controller_.sent.size();
    controller_.setup(setup);
    while (controller_.complete_in(0)) {
    }
    controller_.pump();
    Transfer transfer;
    for (std::size_t index = first; index < controller_.sent.size(); ++index) {
      const auto &packet = controller_.sent[index];
      if (packet.number == 0) {
        transfer.data.insert(transfer.data.end(), packet.bytes.begin(),
                             packet.bytes.end());
        transfer.packet_lengths.push_back(packet.bytes.size());
      }
    }
    transfer.stalled = controller_.stalls != stalls;
    transfer.status = controller_.status_stages != statuses;
    return transfer;
  }

  /// Runs a control write with `data`, a packet of at most 64 bytes at a
  /// time, for as long as the device asks.
  Transfer control_write(const kernel::hil::usb::SetupBytes &setup,
                         const std::vector<std::uint8_t> &data) {
    const std::size_t stalls = controller_.stalls;
    const std::size_t statuses = controller_.status_stages;
    controller_.setup(setup);
    std::size_t offset = 0;
    while (controller_.is_in_flight({0, kernel::hil::usb::Direction::out})) {
      const std::size_t count = std::min<std::size_t>(
          64, data.size() - std::min(offset, data.size()));
      const std::vector<std::uint8_t> chunk(
          data.begin() + static_cast<std::ptrdiff_t>(offset),
          data.begin() + static_cast<std::ptrdiff_t>(offset + count));
      controller_.complete_out(0, chunk);
      offset += count;
    }
    controller_.pump();
    Transfer transfer;
    transfer.stalled = controller_.stalls != stalls;
    transfer.status = controller_.status_stages != statuses;
    return transfer;
  }

  /// After a bus reset: the default state.
  void enter_default() { controller_.reset(); }
  /// At address 5.
  void enter_address() {
    enter_default();
    EXPECT_TRUE(control_read(setup_bytes(0x00, 5, 5, 0, 0)).served());
    ASSERT_EQ(device_.device_state(), capsules::usb::DeviceState::address);
  }
  /// Configured with configuration 1.
  void enter_configured() {
    enter_address();
    EXPECT_TRUE(control_read(setup_bytes(0x00, 9, 1, 0, 0)).served());
    ASSERT_EQ(device_.device_state(), capsules::usb::DeviceState::configured);
  }

  FakeUsbController controller_;
  std::array<RecordingFunction, 2> functions_;
  std::array<const capsules::usb::ClassDriver *, 2> drivers_{&functions_[0],
                                                             &functions_[1]};
  std::uint8_t control_storage_[64] = {};
  capsules::usb::UsbDevice device_;
  std::size_t violations_before_ = 0;
};

} // namespace host_tests

#endif // HOST_TESTS_SUPPORT_USB_DEVICE_FIXTURE_H
