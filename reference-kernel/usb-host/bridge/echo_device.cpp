/// EchoDevice: answers from the descriptors' bytes, echoes bulk data.
#include "echo_device.h"

#include "capsules/usb/setup_packet.h"
#include "capsules/usb/standard_configurations.h"

#include <algorithm>
#include <array>
#include <string>

namespace usb_host {
namespace {

namespace standard = capsules::usb::standard;

/// GET_DESCRIPTOR and the CDC GET_LINE_CODING (USB 2.0 table 9-4, CDC PSTN
/// table 13).
constexpr std::uint8_t get_descriptor = 6;
/// See `get_descriptor`.
constexpr std::uint8_t get_line_coding = 0x21;
/// The bulk packet size.
constexpr std::size_t packet_size = 64;

/// The number of the serial port's bulk endpoint in `slot` of the function.
constexpr std::uint8_t data_endpoint(std::size_t slot) {
  return standard::serial_port_device.functions[0].endpoint_addresses[slot] &
         0x0FU;
}

} // namespace

std::span<const std::uint8_t> EchoDevice::device_descriptor() const {
  return standard::serial_port_device.device;
}

std::span<const std::uint8_t> EchoDevice::configuration_descriptor() const {
  return standard::serial_port_descriptor_table.configuration();
}

host_tests::ControlResult
EchoDevice::control(const kernel::hil::usb::SetupBytes &setup,
                    std::span<const std::uint8_t>) {
  const auto request = capsules::usb::SetupPacket::parse(setup);
  host_tests::ControlResult result;
  result.status = host_tests::ControlStatus::ok;
  if (request.request_code == get_descriptor &&
      request.request_type_bits == 0x80) {
    std::array<std::uint8_t, 512> answer{};
    const auto length =
        standard::serial_port_descriptor_table.answer_get_descriptor(request,
                                                                     answer);
    if (!length) {
      result.status = host_tests::ControlStatus::stalled;
      return result;
    }
    result.data.assign(answer.begin(), answer.begin() + *length);
  } else if (request.request_code == get_line_coding &&
             request.request_type_bits == 0xA1) {
    // 115200 bits/s, one stop bit, no parity, 8 data bits.
    result.data = {0x00, 0xC2, 0x01, 0x00, 0, 0, 8};
    result.data.resize(
        std::min<std::size_t>(result.data.size(), request.length));
  }
  return result;
}

host_tests::InResult EchoDevice::in_token(std::uint8_t number) {
  host_tests::InResult result;
  if (number != data_endpoint(capsules::usb::CdcAcmFunction::data_in_slot) ||
      queue_.empty()) {
    // The notification endpoint has nothing to say.
    result.handshake = host_tests::Handshake::nak;
    return result;
  }
  const std::size_t count = std::min(packet_size, queue_.size());
  result.handshake = host_tests::Handshake::ack;
  result.data.assign(queue_.begin(), queue_.begin() + count);
  queue_.erase(queue_.begin(), queue_.begin() + count);
  return result;
}

host_tests::Handshake
EchoDevice::out_packet(std::uint8_t number,
                       std::span<const std::uint8_t> bytes) {
  if (number != data_endpoint(capsules::usb::CdcAcmFunction::data_out_slot)) {
    return host_tests::Handshake::stall;
  }
  if (queue_.size() + bytes.size() > queue_limit) {
    return host_tests::Handshake::nak;
  }
  queue_.insert(queue_.end(), bytes.begin(), bytes.end());
  return host_tests::Handshake::ack;
}

bool EchoDevice::command(std::string_view name, std::string_view,
                         std::string &error) {
  error = "the bare echo device has no command '" + std::string(name) + "'";
  return false;
}

} // namespace usb_host
