/// Test support: the scripted USB host's transfers, token by token.
#include "support/scripted_usb_host.h"

#include "support/setup_bytes.h"

#include <algorithm>
#include <utility>

namespace host_tests {
namespace {

/// A full-speed control or bulk packet.
constexpr std::size_t packet_size = 64;

/// GET_DESCRIPTOR, SET_ADDRESS, SET_CONFIGURATION (USB 2.0 table 9-4).
constexpr std::uint8_t get_descriptor_request = 6;
/// See `get_descriptor_request`.
constexpr std::uint8_t set_address_request = 5;
/// See `get_descriptor_request`.
constexpr std::uint8_t set_configuration_request = 9;

} // namespace

ScriptedUsbHost::ScriptedUsbHost(SimulatedNrf52840Usbd &bus,
                                 KernelLoop kernel_loop)
    : bus_(bus), kernel_loop_(std::move(kernel_loop)) {}

kernel::hil::usb::SetupBytes
ScriptedUsbHost::setup_bytes(std::uint8_t request_type, std::uint8_t request,
                             std::uint16_t value, std::uint16_t index,
                             std::uint16_t length) {
  return host_tests::setup_bytes(request_type, request, value, index, length);
}

void ScriptedUsbHost::bus_reset() {
  bus_.bus_reset();
  kernel_loop_();
}

void ScriptedUsbHost::suspend() {
  bus_.suspend();
  kernel_loop_();
}

void ScriptedUsbHost::resume() {
  bus_.resume();
  kernel_loop_();
}

ControlStatus ScriptedUsbHost::status_stage() {
  for (int attempt = 0; attempt < nak_limit; ++attempt) {
    switch (bus_.host_status()) {
    case Handshake::ack:
      kernel_loop_();
      return ControlStatus::ok;
    case Handshake::stall:
      return ControlStatus::stalled;
    case Handshake::none:
      return ControlStatus::no_answer;
    case Handshake::nak:
      kernel_loop_();
      break;
    }
  }
  return ControlStatus::no_answer;
}

ControlResult
ScriptedUsbHost::control_read(const kernel::hil::usb::SetupBytes &setup) {
  bus_.setup(setup);
  kernel_loop_();
  ControlResult result;
  const std::size_t length = setup[6] | (std::size_t{setup[7]} << 8U);
  // The data stage: a short packet or the wLength-th byte ends it (USB 2.0
  // section 5.5.3).
  int naks = 0;
  while (length != 0 && result.data.size() < length) {
    InResult packet = bus_.host_in(0);
    if (packet.handshake == Handshake::stall) {
      result.status = ControlStatus::stalled;
      return result;
    }
    if (packet.handshake == Handshake::none) {
      return result;
    }
    if (packet.handshake == Handshake::nak) {
      if (++naks == nak_limit) {
        return result;
      }
      kernel_loop_();
      continue;
    }
    naks = 0;
    result.packet_lengths.push_back(packet.data.size());
    result.data.insert(result.data.end(), packet.data.begin(),
                       packet.data.end());
    kernel_loop_();
    if (packet.data.size() < packet_size) {
      break;
    }
  }
  result.status = status_stage();
  return result;
}

ControlResult
ScriptedUsbHost::control_write(const kernel::hil::usb::SetupBytes &setup,
                               std::span<const std::uint8_t> data) {
  bus_.setup(setup);
  kernel_loop_();
  ControlResult result;
  std::size_t offset = 0;
  while (offset < data.size()) {
    const std::size_t count = std::min(packet_size, data.size() - offset);
    Handshake handshake = Handshake::nak;
    for (int attempt = 0; attempt < nak_limit && handshake == Handshake::nak;
         ++attempt) {
      handshake = bus_.host_out(0, data.subspan(offset, count));
      kernel_loop_();
    }
    if (handshake == Handshake::stall) {
      result.status = ControlStatus::stalled;
      return result;
    }
    if (handshake != Handshake::ack) {
      return result;
    }
    offset += count;
  }
  result.status = status_stage();
  return result;
}

ControlResult ScriptedUsbHost::get_descriptor(std::uint8_t type,
                                              std::uint8_t index,
                                              std::uint16_t length,
                                              std::uint16_t language) {
  return control_read(setup_bytes(
      0x80, get_descriptor_request,
      static_cast<std::uint16_t>(type << 8U | index), language, length));
}

ControlResult ScriptedUsbHost::set_address(std::uint8_t address) {
  return control_read(setup_bytes(0x00, set_address_request, address, 0, 0));
}

ControlResult ScriptedUsbHost::set_configuration(std::uint8_t value) {
  return control_read(
      setup_bytes(0x00, set_configuration_request, value, 0, 0));
}

InResult ScriptedUsbHost::bulk_in(std::uint8_t number) {
  InResult result;
  for (int attempt = 0; attempt < nak_limit; ++attempt) {
    result = bus_.host_in(number);
    kernel_loop_();
    if (result.handshake != Handshake::nak) {
      return result;
    }
  }
  return result;
}

Handshake ScriptedUsbHost::bulk_out(std::uint8_t number,
                                    std::span<const std::uint8_t> bytes) {
  Handshake handshake = Handshake::nak;
  for (int attempt = 0; attempt < nak_limit && handshake == Handshake::nak;
       ++attempt) {
    handshake = bus_.host_out(number, bytes);
    kernel_loop_();
  }
  return handshake;
}

} // namespace host_tests
