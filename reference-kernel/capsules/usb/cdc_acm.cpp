/// CdcAcm: set-up, bus events, packet routing and SERIAL_STATE notifications.
#include "capsules/usb/cdc_acm.h"

#include "capsules/usb/cdc_acm_descriptors.h"

#include <utility>

namespace capsules::usb {

namespace {

/// The number of the endpoint in `function`'s slot `slot`.
std::uint8_t endpoint_number(const FunctionPlacement &function,
                             std::size_t slot) {
  return kernel::hil::usb::Endpoint::from_address(
             function.endpoint_addresses[slot])
      .number;
}

} // namespace

CdcAcm::CdcAcm(const kernel::hil::usb::Controller &controller,
               const FunctionPlacement &function,
               leash::Lease<std::uint8_t> notification_buffer,
               leash::Lease<std::uint8_t> in_packet_buffer,
               leash::Lease<std::uint8_t> out_packet_buffer)
    : controller_(controller),
      communication_interface_(
          static_cast<std::uint8_t>(function.first_interface)),
      notification_endpoint_(
          endpoint_number(function, CdcAcmFunction::notification_slot)),
      data_in_endpoint_(
          endpoint_number(function, CdcAcmFunction::data_in_slot)),
      data_out_endpoint_(
          endpoint_number(function, CdcAcmFunction::data_out_slot)),
      line_coding_({0x00, 0xC2, 0x01, 0x00, 0, 0, 8}) {
  // 0x0001C200 is 115200 bits per second, 8N1: what hosts expect of a
  // port nobody configured yet.
  notification_buffer_.put(std::move(notification_buffer));
  in_packet_.put(std::move(in_packet_buffer));
  out_packet_.put(std::move(out_packet_buffer));
  deferred_call_.register_client(*this);
}

void CdcAcm::set_client(const CdcAcmClient &client) const {
  client_.set(&client);
}

bool CdcAcm::buffers_are_home() const {
  return notification_buffer_.is_some() && in_packet_.is_some() &&
         out_packet_.is_some();
}

void CdcAcm::reset() const {
  configured_.set(false);
  restart_in_.set(false);
  restart_out_.set(false);
  restart_notification_.set(false);
  in_halted_.set(false);
  out_halted_.set(false);
  notification_due_.set(false);
  stop();
}

void CdcAcm::configured(bool active) const {
  configured_.set(active);
  in_halted_.set(false);
  out_halted_.set(false);
  restart_in_.set(false); // No transmission runs across configurations.
  restart_out_.set(active && out_packet_.is_none());
  restart_notification_.set(active && notification_buffer_.is_none());
  if (!active) {
    notification_due_.set(false);
    stop();
    return;
  }
  // The host learns the port's state once, at configuration; the packets
  // of the previous configuration may still be coming back, cancelled, and
  // then start from their callbacks.
  notification_due_.set(true);
  send_notification();
  arm_receive();
}

void CdcAcm::stop() const {
  // The host closed the port with the configuration: the lines drop.
  if (control_lines_.get() != 0) {
    set_control_lines(0);
  }
  waiting_offset_.set(0);
  waiting_length_.set(0);
  if (transmit_state_.get() != TransmitState::idle) {
    end_transmission(kernel::Result::failure(kernel::ErrorCode::cancel));
  }
  if (receive_state_.get() != ReceiveState::idle) {
    end_reception(kernel::Result::failure(kernel::ErrorCode::cancel));
  }
}

void CdcAcm::packet_sent(std::uint8_t number, leash::Lease<std::uint8_t> buffer,
                         kernel::Result result) const {
  if (number == data_in_endpoint_) {
    data_packet_sent(std::move(buffer), result);
    return;
  }
  // The notification endpoint (the device core routes only this
  // function's endpoints here).
  notification_buffer_.put(std::move(buffer));
  if (result.is_ok() || restart_notification_.get()) {
    restart_notification_.set(false);
    send_notification();
  }
}

void CdcAcm::endpoint_halt_changed(kernel::hil::usb::Endpoint endpoint,
                                   bool halted) const {
  // Halted: the packet in flight comes back cancelled and waits. Resumed:
  // the endpoint starts again now, or, if its cancelled packet has not come
  // back yet, from that packet's callback (the restart flags).
  if (endpoint.number == data_out_endpoint_ &&
      endpoint.direction == kernel::hil::usb::Direction::out) {
    out_halted_.set(halted);
    restart_out_.set(!halted && out_packet_.is_none());
    arm_receive();
    return;
  }
  if (endpoint.number == data_in_endpoint_) {
    in_halted_.set(halted);
    restart_in_.set(!halted && in_packet_.is_none());
    const TransmitState state = transmit_state_.get();
    if (!halted && in_packet_.is_some() &&
        (state == TransmitState::sending ||
         state == TransmitState::sending_zlp)) {
      send_next_packet();
    }
    return;
  }
  // The notification endpoint: a notification the halt cancelled is
  // reported again, with the state as it is then.
  restart_notification_.set(!halted && notification_buffer_.is_none());
  if (!halted) {
    notification_due_.set(true);
    send_notification();
  }
}

void CdcAcm::suspend_changed(bool) const {}

void CdcAcm::set_serial_state(std::uint16_t bits) const {
  if (bits == serial_state_.get()) {
    return;
  }
  serial_state_.set(bits);
  if (configured_.get()) {
    notification_due_.set(true);
    send_notification();
  }
}

void CdcAcm::send_notification() const {
  if (!configured_.get() || !notification_due_.get()) {
    return;
  }
  leash::Lease<std::uint8_t> buffer = notification_buffer_.take();
  if (buffer.is_empty()) {
    return; // One is in flight; its callback sends this one.
  }
  if (buffer.size() < cdc_request::serial_state_length) {
    notification_due_.set(false); // A board error: too short to say it.
    notification_buffer_.put(std::move(buffer));
    return;
  }
  const std::uint16_t bits = serial_state_.get();
  buffer[0] = cdc_request::notification_request_type;
  buffer[1] = cdc_request::serial_state_notification;
  buffer[2] = 0; // wValue
  buffer[3] = 0;
  buffer[4] = communication_interface_; // wIndex
  buffer[5] = 0;
  buffer[6] = 2; // wLength
  buffer[7] = 0;
  buffer[8] = static_cast<std::uint8_t>(bits & 0xFFU);
  buffer[9] = static_cast<std::uint8_t>(bits >> 8U);
  kernel::Refusal<leash::Lease<std::uint8_t>> refusal =
      controller_.send_packet(notification_endpoint_, std::move(buffer),
                              cdc_request::serial_state_length);
  if (refusal) {
    // Halted or disabled: it goes out when the endpoint is back.
    notification_buffer_.put(std::move(refusal).value());
    return;
  }
  notification_due_.set(false);
  // Events are reported once; states stay.
  serial_state_.set(static_cast<std::uint16_t>(bits & serial_state::steady));
}

void CdcAcm::handle_deferred_call() const {
  if (transmit_state_.get() == TransmitState::aborting &&
      in_packet_.is_some()) {
    end_transmission(kernel::Result::failure(kernel::ErrorCode::cancel));
  }
  if (receive_state_.get() == ReceiveState::aborting) {
    end_reception(kernel::Result::failure(kernel::ErrorCode::cancel));
    return;
  }
  if (receive_state_.get() == ReceiveState::receiving) {
    deliver_waiting_bytes();
  }
}

} // namespace capsules::usb
