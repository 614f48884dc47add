/// The nRF52840 USBD driver: endpoint 0's control transfers.
#include "chips/nrf52840/usbd.h"

#include <cstddef>
#include <cstdint>

namespace chips::nrf52840 {
namespace {

/// bmRequestType of a standard request to the device, host to device.
constexpr std::uint8_t standard_device_out = 0x00;
/// bRequest of SET_ADDRESS.
constexpr std::uint8_t set_address_request = 5;
/// bmRequestType's direction bit: the data stage goes to the host.
constexpr std::uint8_t device_to_host = 0x80;

} // namespace

void Usbd::handle_setup() const {
  // A new transfer abandons the previous one: its endpoint 0 packets come
  // back cancelled before the client hears of the SETUP, and a stall ends
  // (the hardware lifts it by itself).
  static_cast<void>(cancel_packet(true, 0));
  static_cast<void>(cancel_packet(false, 0));
  endpoint0_task_.set(Endpoint0Task::none);
  deliver_cancellations();

  kernel::hil::usb::SetupBytes setup{};
  for (std::size_t index = 0; index < setup.size(); ++index) {
    setup[index] = static_cast<std::uint8_t>(registers_.setup[index].get());
  }
  control_in_.set((setup[0] & device_to_host) != 0);
  control_is_set_address_.set(setup[0] == standard_device_out &&
                              setup[1] == set_address_request);
  control_state_.set(ControlState::data_stage);
  const auto client = client_.get();
  if (client.has_value()) {
    (*client)->setup_received(setup);
  }
}

void Usbd::handle_endpoint0_data_done() const {
  // A SETUP that came after this packet (handled later in this bottom
  // half) ends the transfer the packet belongs to: the hardware latched it
  // already, so EP0STATUS, EP0RCVOUT or another data packet asked for the
  // old transfer would act on the new one.
  const bool overtaken =
      registers_.event_endpoint0_setup.is_set(Signal::active);
  if (control_in_.get()) {
    // The host fetched (and acknowledged) the IN packet ENDEPIN[0] left in
    // the endpoint's buffer.
    const EndpointSlot &endpoint = in_[0];
    if (endpoint.state.get() != EndpointState::in_data) {
      return;
    }
    endpoint.state.set(EndpointState::idle);
    if (overtaken) {
      // The host did take the packet: it is handed back sent, but every
      // further request for the old transfer is refused.
      control_state_.set(ControlState::idle);
    }
    hand_back(true, 0, endpoint.buffer.take(), endpoint.length.get(),
              kernel::Result::ok());
    return;
  }
  if (overtaken) {
    return; // handle_setup hands the waiting lease back cancelled.
  }
  // An OUT packet arrived after EP0RCVOUT: EasyDMA copies it out.
  const EndpointSlot &endpoint = out_[0];
  if (endpoint.state.get() != EndpointState::waiting) {
    return;
  }
  endpoint.length.set(
      static_cast<std::uint8_t>(registers_.size_out[0].get() & 0x7F));
  queue_dma(false, 0);
}

void Usbd::request_endpoint0_task(Endpoint0Task task) const {
  if (dma_running_.get()) {
    endpoint0_task_.set(task); // start_next_dma triggers it at the END.
    return;
  }
  switch (task) {
  case Endpoint0Task::receive_out:
    registers_.endpoint0_receive_out.write(Signal::active.set());
    break;
  case Endpoint0Task::status:
    registers_.endpoint0_status.write(Signal::active.set());
    break;
  case Endpoint0Task::none:
    break;
  }
}

kernel::Result Usbd::complete_control_status() const {
  if (controller_state_.get() != ControllerState::attached ||
      control_state_.get() != ControlState::data_stage) {
    return kernel::Result::failure(kernel::ErrorCode::off);
  }
  if (in_[0].state.get() != EndpointState::idle ||
      out_[0].state.get() != EndpointState::idle) {
    return kernel::Result::failure(kernel::ErrorCode::busy);
  }
  control_state_.set(ControlState::status);
  if (!control_is_set_address_.get()) {
    // SET_ADDRESS's status stage is the hardware's own; triggering
    // EP0STATUS there would answer a stage the hardware already handles.
    request_endpoint0_task(Endpoint0Task::status);
  }
  return kernel::Result::ok();
}

kernel::Result Usbd::stall_control() const {
  if (controller_state_.get() != ControllerState::attached ||
      control_state_.get() == ControlState::idle) {
    return kernel::Result::failure(kernel::ErrorCode::off);
  }
  const bool cancelled_in = cancel_packet(true, 0);
  const bool cancelled_out = cancel_packet(false, 0);
  if (cancelled_in || cancelled_out) {
    deferred_call_.set();
  }
  endpoint0_task_.set(Endpoint0Task::none);
  registers_.endpoint0_stall.write(Signal::active.set());
  control_state_.set(ControlState::stalled);
  start_next_dma();
  return kernel::Result::ok();
}

} // namespace chips::nrf52840
