/// The nRF52840 USBD driver: packet requests, endpoint enables and halts.
#include "chips/nrf52840/usbd.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>

namespace chips::nrf52840 {
namespace {

using kernel::hil::usb::Direction;
using kernel::hil::usb::Endpoint;
using kernel::hil::usb::TransferType;

/// Whether `endpoint` is one of the bulk or interrupt endpoints 1..7.
constexpr bool is_data_endpoint(Endpoint endpoint) {
  return endpoint.number != 0 && endpoint.number < usbd_endpoint_count;
}

} // namespace

std::optional<kernel::ErrorCode>
Usbd::refusal_reason(bool in, std::uint8_t number, std::size_t length,
                     std::size_t window) const {
  if (number >= usbd_endpoint_count) {
    return kernel::ErrorCode::invalid;
  }
  if (controller_state_.get() != ControllerState::attached) {
    return kernel::ErrorCode::off;
  }
  const EndpointSlot &endpoint = slot(in, number);
  if (number == 0) {
    // Endpoint 0 moves data-stage packets only, in the SETUP's direction.
    if (control_state_.get() != ControlState::data_stage) {
      return kernel::ErrorCode::off;
    }
    if (control_in_.get() != in) {
      return kernel::ErrorCode::invalid;
    }
  } else {
    if (endpoint.state.get() == EndpointState::disabled) {
      return kernel::ErrorCode::off;
    }
    if (is_endpoint_halted({number, in ? Direction::in : Direction::out})) {
      return kernel::ErrorCode::invalid;
    }
  }
  if (endpoint.state.get() != EndpointState::idle) {
    return kernel::ErrorCode::busy;
  }
  if (length > endpoint.max_packet.get() || length > window) {
    return kernel::ErrorCode::size;
  }
  return std::nullopt;
}

kernel::Refusal<leash::Lease<std::uint8_t>>
Usbd::send_packet(std::uint8_t number, leash::Lease<std::uint8_t> buffer,
                  std::size_t length) const {
  using Refused = kernel::Refusal<leash::Lease<std::uint8_t>>;
  if (const auto reason = refusal_reason(true, number, length, buffer.size())) {
    return Refused::refused(*reason, std::move(buffer));
  }
  const EndpointSlot &endpoint = in_[number];
  endpoint.buffer.put(std::move(buffer));
  endpoint.length.set(static_cast<std::uint8_t>(length));
  queue_dma(true, number);
  return Refused::accepted();
}

kernel::Refusal<leash::Lease<std::uint8_t>>
Usbd::receive_packet(std::uint8_t number,
                     leash::Lease<std::uint8_t> buffer) const {
  using Refused = kernel::Refusal<leash::Lease<std::uint8_t>>;
  // The window must hold a whole packet of the endpoint's maximum size.
  const std::size_t needed =
      number < usbd_endpoint_count ? out_[number].max_packet.get() : 0;
  if (const auto reason =
          refusal_reason(false, number, needed, buffer.size())) {
    return Refused::refused(*reason, std::move(buffer));
  }
  const EndpointSlot &endpoint = out_[number];
  endpoint.buffer.put(std::move(buffer));
  if (number == 0) {
    endpoint.state.set(EndpointState::waiting);
    request_endpoint0_task(Endpoint0Task::receive_out);
  } else if (endpoint.packet_ready.get()) {
    // The armed endpoint already took the host's packet (EPDATA came first).
    endpoint.packet_ready.set(false);
    queue_dma(false, number);
  } else {
    endpoint.state.set(EndpointState::waiting);
  }
  return Refused::accepted();
}

kernel::Result Usbd::enable_endpoint(Endpoint endpoint, TransferType type,
                                     std::size_t max_packet_size) const {
  if (!is_data_endpoint(endpoint) ||
      (type != TransferType::bulk && type != TransferType::interrupt) ||
      max_packet_size == 0 ||
      max_packet_size > kernel::hil::usb::max_packet_size) {
    return kernel::Result::failure(kernel::ErrorCode::invalid);
  }
  if (controller_state_.get() != ControllerState::attached) {
    return kernel::Result::failure(kernel::ErrorCode::off);
  }
  const bool in = endpoint.direction == Direction::in;
  const EndpointSlot &slot_of_endpoint = slot(in, endpoint.number);
  const EndpointState state = slot_of_endpoint.state.get();
  auto &enable =
      in ? registers_.endpoint_in_enable : registers_.endpoint_out_enable;
  const bool was_enabled = (enable.get() & (1U << endpoint.number)) != 0;
  // Any state is fine: re-selecting the configuration disables the
  // endpoints and enables them again at once, while their cancelled
  // packets wait for the deferred call (which then finds them enabled and
  // leaves them idle), and SET_INTERFACE enables endpoints whose packets
  // are in flight, which keep going (only the toggle resets).
  enable.set(enable.get() | (1U << endpoint.number));
  registers_.data_toggle.write(
      UsbdDataToggle::endpoint.value(endpoint.number) |
      UsbdDataToggle::in.value(in ? 1 : 0) |
      UsbdDataToggle::value.value(UsbdDataToggleValue::data0));
  slot_of_endpoint.max_packet.set(static_cast<std::uint8_t>(max_packet_size));
  if (!was_enabled) {
    slot_of_endpoint.packet_ready.set(false);
    if (!in) {
      // An OUT endpoint NAKs until armed, once: after each ENDEPOUT the
      // hardware re-arms it, and arming it again would drop a packet
      // (TinyUSB #733, embassy #6688). Disabled, it held none.
      registers_.size_out[endpoint.number].set(0);
    }
  }
  if (state == EndpointState::disabled) {
    slot_of_endpoint.state.set(EndpointState::idle);
  }
  return kernel::Result::ok();
}

void Usbd::disable_endpoint(Endpoint endpoint) const {
  if (!is_data_endpoint(endpoint)) {
    return;
  }
  const bool in = endpoint.direction == Direction::in;
  auto &enable =
      in ? registers_.endpoint_in_enable : registers_.endpoint_out_enable;
  enable.set(enable.get() & ~(1U << endpoint.number));
  if (cancel_packet(in, endpoint.number)) {
    deferred_call_.set(); // deliver_cancellations sees it disabled.
  } else {
    slot(in, endpoint.number).state.set(EndpointState::disabled);
  }
  start_next_dma();
}

kernel::Result Usbd::set_endpoint_halt(Endpoint endpoint, bool halted) const {
  if (!is_data_endpoint(endpoint)) {
    return kernel::Result::failure(kernel::ErrorCode::invalid);
  }
  const bool in = endpoint.direction == Direction::in;
  if (controller_state_.get() != ControllerState::attached ||
      slot(in, endpoint.number).state.get() == EndpointState::disabled) {
    return kernel::Result::failure(kernel::ErrorCode::off);
  }
  const auto stall = UsbdEndpointStall::endpoint.value(endpoint.number) |
                     UsbdEndpointStall::in.value(in ? 1 : 0);
  if (halted) {
    if (cancel_packet(in, endpoint.number)) {
      deferred_call_.set();
    }
    registers_.endpoint_stall.write(stall | UsbdEndpointStall::stall.set());
    start_next_dma();
  } else {
    registers_.endpoint_stall.write(stall | UsbdEndpointStall::stall.clear());
    registers_.data_toggle.write(
        UsbdDataToggle::endpoint.value(endpoint.number) |
        UsbdDataToggle::in.value(in ? 1 : 0) |
        UsbdDataToggle::value.value(UsbdDataToggleValue::data0));
  }
  return kernel::Result::ok();
}

bool Usbd::is_endpoint_halted(Endpoint endpoint) const {
  if (endpoint.number >= usbd_endpoint_count) {
    return false;
  }
  const auto &halted = endpoint.direction == Direction::in
                           ? registers_.halted_in[endpoint.number]
                           : registers_.halted_out[endpoint.number];
  return halted.get() != 0;
}

void Usbd::handle_dma_end(bool in, std::uint8_t number) const {
  if (!dma_running_.get() || dma_in_.get() != in ||
      dma_number_.get() != number) {
    return; // Not the running transfer's (reclaim_dma already ended it).
  }
  const std::size_t amount = finish_dma(in, number);
  const EndpointSlot &endpoint = slot(in, number);
  if (in) {
    // The packet is in the endpoint's buffer; EP0DATADONE or EPDATA tells
    // when the host took it.
    endpoint.state.set(EndpointState::in_data);
    start_next_dma();
    return;
  }
  endpoint.state.set(resting_state(false, number));
  start_next_dma();
  hand_back(false, number, endpoint.buffer.take(), amount,
            kernel::Result::ok());
}

void Usbd::handle_endpoint_data() const {
  const std::uint32_t status = registers_.endpoint_data_status.get();
  registers_.endpoint_data_status.set(status); // Write one to clear.
  for (std::uint8_t number = 1; number < usbd_endpoint_count; ++number) {
    const EndpointSlot &in = in_[number];
    if ((status & (1U << number)) != 0 &&
        in.state.get() == EndpointState::in_data) {
      in.state.set(EndpointState::idle);
      hand_back(true, number, in.buffer.take(), in.length.get(),
                kernel::Result::ok());
    }
    const EndpointSlot &out = out_[number];
    if ((status & (1U << (16 + number))) == 0) {
      continue;
    }
    // Read SIZE now: the next packet may overwrite it.
    out.length.set(
        static_cast<std::uint8_t>(registers_.size_out[number].get() & 0x7F));
    if (out.state.get() == EndpointState::waiting) {
      queue_dma(false, number);
    } else if (out.state.get() == EndpointState::idle) {
      out.packet_ready.set(true);
    }
  }
}

void Usbd::hand_back(bool in, std::uint8_t number,
                     leash::Lease<std::uint8_t> buffer, std::size_t length,
                     kernel::Result result) const {
  const auto client = client_.get();
  if (!client.has_value()) {
    // Unreachable (attach needs a client, and it is never unset), but never
    // drop a lease: keep it.
    slot(in, number).buffer.put(std::move(buffer));
    return;
  }
  if (in) {
    (*client)->packet_sent(number, std::move(buffer), result);
  } else {
    (*client)->packet_received(number, std::move(buffer), length, result);
  }
}

} // namespace chips::nrf52840
