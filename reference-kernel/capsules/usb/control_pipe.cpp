/// UsbDevice: the endpoint 0 state machine (setup, data stage, status).
#include "capsules/usb/usb_device.h"

#include <algorithm>
#include <utility>

namespace capsules::usb {

namespace {

/// Endpoint 0's packet size: the HIL fixes it at 64.
constexpr std::size_t control_packet_size = kernel::hil::usb::max_packet_size;

/// One packet's bytes on their way between a lease and a writer or reader
/// of spans.
using PacketStaging = std::array<std::uint8_t, control_packet_size>;

} // namespace

void UsbDevice::setup_received(
    const kernel::hil::usb::SetupBytes &bytes) const {
  // A new SETUP abandons the transfer in progress: its packet in flight
  // came back (cancelled) before this call, and its stall has ended.
  const SetupPacket setup = SetupPacket::parse(bytes);
  setup_.set(setup);
  data_offset_.set(0);
  pending_address_.clear();
  control_state_.set(ControlState::idle);
  if (control_buffer_.is_none()) {
    // The controller kept the lease across a SETUP: it broke the HIL's
    // order, and no data stage can run without the lease.
    stall();
    return;
  }
  Outcome outcome = dispatch(setup);
  if (outcome != Outcome::stall && setup.length == 0) {
    // wLength 0 means no data stage, whichever way bit 7 points (USB 2.0
    // section 9.3.5): a GET_DESCRIPTOR for 0 bytes ends with its status.
    outcome = Outcome::status;
  }
  switch (outcome) {
  case Outcome::stall:
    stall();
    return;
  case Outcome::status:
    finish_with_status();
    return;
  case Outcome::data_in:
    control_state_.set(ControlState::data_in);
    send_in_packet();
    return;
  case Outcome::data_out:
    control_state_.set(ControlState::data_out);
    receive_out_packet();
    return;
  }
}

UsbDevice::Outcome UsbDevice::dispatch(const SetupPacket &setup) const {
  switch (setup.type()) {
  case RequestType::standard:
    return serve_standard(setup);
  case RequestType::class_specific:
  case RequestType::vendor:
    return route_to_driver(setup);
  case RequestType::reserved:
    return Outcome::stall;
  }
  return Outcome::stall;
}

void UsbDevice::send_in_packet() const {
  leash::Lease<std::uint8_t> buffer = control_buffer_.take();
  if (buffer.is_empty()) {
    stall();
    return;
  }
  const SetupPacket setup = setup_.get();
  const std::size_t offset = data_offset_.get();
  const std::size_t left = setup.length > offset ? setup.length - offset : 0;
  PacketStaging packet{};
  const std::size_t asked = std::min(packet.size(), left);
  const std::size_t length = std::min(
      asked, write_in_data(setup, offset,
                           std::span<std::uint8_t>(packet).first(asked)));
  buffer.reset();
  for (std::size_t position = 0; position < length; ++position) {
    buffer[position] = packet[position];
  }
  kernel::Refusal<leash::Lease<std::uint8_t>> refusal =
      controller_.send_packet(0, std::move(buffer), length);
  if (refusal) {
    control_buffer_.put(std::move(refusal).value());
    stall();
    return;
  }
  in_flight_length_.set(length);
}

void UsbDevice::control_packet_sent(leash::Lease<std::uint8_t> buffer,
                                    kernel::Result result) const {
  control_buffer_.put(std::move(buffer));
  if (control_state_.get() != ControlState::data_in) {
    return; // A packet of a transfer that was stalled or abandoned.
  }
  if (!result.is_ok()) {
    // Cancelled: the SETUP or bus reset that caused it comes next.
    control_state_.set(ControlState::idle);
    return;
  }
  const std::size_t length = in_flight_length_.get();
  const std::size_t offset = data_offset_.get() + length;
  data_offset_.set(offset);
  // A short packet (zero-length included) or the wLength-th byte ends the
  // data stage (USB 2.0 section 5.5.3). So a reply shorter than wLength
  // whose length is a multiple of 64 ends with a zero-length packet: the
  // next packet's writer has nothing left and writes 0 bytes.
  if (length < control_packet_size || offset >= setup_.get().length) {
    finish_with_status();
    return;
  }
  send_in_packet();
}

void UsbDevice::receive_out_packet() const {
  leash::Lease<std::uint8_t> buffer = control_buffer_.take();
  if (buffer.is_empty()) {
    stall();
    return;
  }
  buffer.reset();
  kernel::Refusal<leash::Lease<std::uint8_t>> refusal =
      controller_.receive_packet(0, std::move(buffer));
  if (refusal) {
    control_buffer_.put(std::move(refusal).value());
    stall();
  }
}

void UsbDevice::control_packet_received(leash::Lease<std::uint8_t> buffer,
                                        std::size_t length,
                                        kernel::Result result) const {
  if (control_state_.get() != ControlState::data_out || !result.is_ok()) {
    control_buffer_.put(std::move(buffer));
    if (control_state_.get() == ControlState::data_out) {
      control_state_.set(ControlState::idle); // Cancelled.
    }
    return;
  }
  const SetupPacket setup = setup_.get();
  const std::size_t offset = data_offset_.get();
  const std::size_t left = setup.length > offset ? setup.length - offset : 0;
  PacketStaging packet{};
  if (length > left || length > packet.size() || length > buffer.size()) {
    // More than wLength announced: the host broke the protocol.
    control_buffer_.put(std::move(buffer));
    stall();
    return;
  }
  for (std::size_t position = 0; position < length; ++position) {
    packet[position] = buffer[position];
  }
  control_buffer_.put(std::move(buffer));
  const std::size_t received = offset + length;
  data_offset_.set(received);
  const bool last = received == setup.length || length < control_packet_size;
  const bool accepted =
      in_source_.get() == InSource::class_driver &&
      target_driver_.get() < drivers_.size() &&
      drivers_[target_driver_.get()]->control_out_data(
          setup, offset, std::span<const std::uint8_t>(packet).first(length),
          last);
  if (!accepted) {
    stall();
    return;
  }
  if (last) {
    finish_with_status();
    return;
  }
  receive_out_packet();
}

std::size_t UsbDevice::write_in_data(const SetupPacket &setup,
                                     std::size_t offset,
                                     std::span<std::uint8_t> out) const {
  switch (in_source_.get()) {
  case InSource::standard_reply: {
    const std::array<std::uint8_t, 2> reply = standard_reply_.get();
    std::size_t count = 0;
    while (count < out.size() &&
           offset + count < standard_reply_length_.get()) {
      out[count] = reply[offset + count];
      ++count;
    }
    return count;
  }
  case InSource::descriptor_table:
    return descriptors_.answer_get_descriptor(setup, offset, out).value_or(0);
  case InSource::class_driver:
    if (target_driver_.get() >= drivers_.size()) {
      return 0;
    }
    return drivers_[target_driver_.get()]->control_in_data(setup, offset, out);
  }
  return 0;
}

void UsbDevice::finish_with_status() const {
  control_state_.set(ControlState::idle);
  const kernel::Result result = controller_.complete_control_status();
  const std::optional<std::uint8_t> address = pending_address_.take();
  if (!result.is_ok() || !address.has_value()) {
    return;
  }
  // USB 2.0 section 9.4.6: the new address holds from the end of the
  // status stage; the controller takes it from there.
  controller_.set_address(*address);
  device_state_.set(*address == 0 ? DeviceState::default_state
                                  : DeviceState::address);
}

void UsbDevice::stall() const {
  control_state_.set(ControlState::stalled);
  pending_address_.clear();
  static_cast<void>(controller_.stall_control());
}

} // namespace capsules::usb
