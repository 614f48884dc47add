/// HidDriver: bus events, input reports on IN, output reports on OUT.
#include "capsules/usb/hid_driver.h"

#include <algorithm>

namespace capsules::usb {

namespace {
/// The current report after a reset: zeros, one IN packet long (a keyboard
/// with nothing pressed), so GET_REPORT has an answer before any report.
constexpr std::size_t initial_report_length(std::uint16_t in_packet_size) {
  return std::min<std::size_t>(in_packet_size, hid::max_report_size);
}
} // namespace

HidDriver::HidDriver(const kernel::hil::usb::Controller &controller,
                     const Shape &shape, leash::Lease<std::uint8_t> in_buffer,
                     leash::Lease<std::uint8_t> out_buffer)
    : controller_(controller), shape_(shape), in_buffer_(std::move(in_buffer)),
      out_buffer_(std::move(out_buffer)) {
  current_report_.set(Report{
      .bytes = {}, .length = initial_report_length(shape.in_packet_size)});
}

void HidDriver::reset() const {
  // The controller handed every packet in flight back before this call
  // (the HIL's order), so no lease is out.
  configured_.set(false);
  in_halted_.set(false);
  out_halted_.set(false);
  idle_rate_.set(0);
  since_last_report_.set(0);
  protocol_.set(hid::Protocol::report);
  in_state_.set(in_buffer_.is_some() ? InState::idle : InState::sending);
  current_report_.set(Report{
      .bytes = {}, .length = initial_report_length(shape_.in_packet_size)});
}

void HidDriver::configured(bool active) const {
  configured_.set(active);
  in_halted_.set(false);
  out_halted_.set(false);
  since_last_report_.set(0);
  // A packet still out comes back cancelled (the endpoints were disabled);
  // until then the driver counts it as in flight.
  in_state_.set(in_buffer_.is_some() ? InState::idle : InState::sending);
  if (active) {
    arm_receive();
  }
}

void HidDriver::suspend_changed(bool) const {}

kernel::Result
HidDriver::send_report(std::span<const std::uint8_t> report) const {
  if (report.size() > initial_report_length(shape_.in_packet_size)) {
    return kernel::Result::failure(kernel::ErrorCode::size);
  }
  Report current{};
  for (std::size_t position = 0; position < report.size(); ++position) {
    current.bytes[position] = report[position];
  }
  current.length = report.size();
  current_report_.set(current);
  if (!configured_.get()) {
    return kernel::Result::failure(kernel::ErrorCode::off);
  }
  switch (in_state_.get()) {
  case InState::sending:
  case InState::sending_with_pending:
    // The newer report replaces any that waits.
    in_state_.set(InState::sending_with_pending);
    return kernel::Result::ok();
  case InState::idle:
  case InState::waiting:
    break;
  }
  if (in_halted_.get()) {
    in_state_.set(InState::waiting);
    return kernel::Result::failure(kernel::ErrorCode::invalid);
  }
  return start_sending();
}

void HidDriver::advance_time(std::uint32_t milliseconds) const {
  const std::uint8_t rate = idle_rate_.get();
  if (!configured_.get() || rate == 0) {
    return;
  }
  const std::uint32_t elapsed = since_last_report_.get() + milliseconds;
  if (elapsed < rate * hid::idle_rate_unit_milliseconds) {
    since_last_report_.set(elapsed);
    return;
  }
  since_last_report_.set(0);
  if (in_state_.get() == InState::idle && !in_halted_.get()) {
    // Nothing changed for a whole period: the host hears the same again.
    static_cast<void>(start_sending());
  }
}

kernel::Result HidDriver::start_sending() const {
  leash::Lease<std::uint8_t> buffer = in_buffer_.take();
  if (buffer.is_empty()) {
    // The last packet has not come back yet (a cancellation on its way):
    // the report goes when it does.
    in_state_.set(InState::sending_with_pending);
    return kernel::Result::ok();
  }
  buffer.reset();
  const Report report = current_report_.get();
  const std::size_t length = std::min(report.length, buffer.size());
  for (std::size_t position = 0; position < length; ++position) {
    buffer[position] = report.bytes[position];
  }
  kernel::Refusal<leash::Lease<std::uint8_t>> refusal =
      controller_.send_packet(shape_.in_number, std::move(buffer), length);
  if (refusal) {
    const kernel::ErrorCode error = refusal.error();
    in_buffer_.put(std::move(refusal).value());
    in_state_.set(InState::waiting);
    return kernel::Result::failure(error);
  }
  in_state_.set(InState::sending);
  since_last_report_.set(0);
  return kernel::Result::ok();
}

void HidDriver::packet_sent(std::uint8_t, leash::Lease<std::uint8_t> buffer,
                            kernel::Result result) const {
  in_buffer_.put(std::move(buffer));
  const InState previous = in_state_.get();
  if (!configured_.get()) {
    in_state_.set(InState::idle);
    return;
  }
  if (!result.is_ok()) {
    // Cancelled. By a halt (the core told the driver first): the report is
    // owed, and goes on resume. By a bus reset or a disabled endpoint: the
    // callback that follows forgets it, and sending now would only hand
    // the lease to an endpoint about to close.
    in_state_.set(in_halted_.get() ? InState::waiting : InState::idle);
    return;
  }
  if (previous != InState::sending_with_pending) {
    in_state_.set(InState::idle);
    return;
  }
  static_cast<void>(start_sending()); // The newer report that waited.
}

void HidDriver::arm_receive() const {
  if (shape_.out_number == 0 || !configured_.get() || out_halted_.get()) {
    return;
  }
  leash::Lease<std::uint8_t> buffer = out_buffer_.take();
  if (buffer.is_empty()) {
    return; // Already armed.
  }
  buffer.reset();
  kernel::Refusal<leash::Lease<std::uint8_t>> refusal =
      controller_.receive_packet(shape_.out_number, std::move(buffer));
  if (refusal) {
    out_buffer_.put(std::move(refusal).value());
  }
}

void HidDriver::packet_received(std::uint8_t, leash::Lease<std::uint8_t> buffer,
                                std::size_t length,
                                kernel::Result result) const {
  if (!result.is_ok()) {
    // Cancelled by a halt or a deselection: resuming or configuring arms
    // the endpoint again.
    out_buffer_.put(std::move(buffer));
    return;
  }
  Report report{};
  report.length = std::min({length, buffer.size(), report.bytes.size()});
  for (std::size_t position = 0; position < report.length; ++position) {
    report.bytes[position] = buffer[position];
  }
  out_buffer_.put(std::move(buffer));
  arm_receive();
  deliver(std::span<const std::uint8_t>(report.bytes).first(report.length));
}

void HidDriver::endpoint_halt_changed(kernel::hil::usb::Endpoint endpoint,
                                      bool halted) const {
  if (endpoint.direction == kernel::hil::usb::Direction::out) {
    out_halted_.set(halted);
    if (!halted) {
      arm_receive();
    }
    return;
  }
  in_halted_.set(halted);
  if (!halted && configured_.get() && in_state_.get() == InState::waiting) {
    static_cast<void>(start_sending());
  }
}

void HidDriver::deliver(std::span<const std::uint8_t> report) const {
  client_.map(
      [report](const HidClient *client) { client->output_report(report); });
}

} // namespace capsules::usb
