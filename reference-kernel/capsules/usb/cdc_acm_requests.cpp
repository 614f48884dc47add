/// CdcAcm: the PSTN 1.2 class requests on the communication interface.
#include "capsules/usb/cdc_acm.h"

namespace capsules::usb {

namespace {

/// The line coding's seven bytes.
using LineCodingBytes =
    std::array<std::uint8_t, cdc_request::line_coding_length>;

/// `coding` as PSTN 1.2 table 17 lays it out (dwDTERate little-endian).
LineCodingBytes encode(const LineCoding &coding) {
  return {static_cast<std::uint8_t>(coding.baud_rate & 0xFFU),
          static_cast<std::uint8_t>((coding.baud_rate >> 8U) & 0xFFU),
          static_cast<std::uint8_t>((coding.baud_rate >> 16U) & 0xFFU),
          static_cast<std::uint8_t>((coding.baud_rate >> 24U) & 0xFFU),
          coding.stop_bits,
          coding.parity,
          coding.data_bits};
}

/// The structure in `bytes`, decoded.
LineCoding decode(const LineCodingBytes &bytes) {
  return LineCoding{
      .baud_rate = static_cast<std::uint32_t>(bytes[0]) |
                   (static_cast<std::uint32_t>(bytes[1]) << 8U) |
                   (static_cast<std::uint32_t>(bytes[2]) << 16U) |
                   (static_cast<std::uint32_t>(bytes[3]) << 24U),
      .stop_bits = bytes[4],
      .parity = bytes[5],
      .data_bits = bytes[6],
  };
}

} // namespace

LineCoding CdcAcm::line_coding() const { return decode(line_coding_.get()); }

bool CdcAcm::is_served_request(const SetupPacket &setup) const {
  // Only the communication interface takes class requests: the data
  // interface has none (CDC 1.2 section 6.2), and Linux's cdc-acm sends
  // them all to the control interface.
  if (setup.type() != RequestType::class_specific ||
      setup.recipient() != Recipient::interface ||
      setup.index != communication_interface_) {
    return false;
  }
  const bool out = setup.direction() == DataDirection::host_to_device;
  switch (setup.request_code) {
  case cdc_request::set_line_coding:
    return out && setup.value == 0 &&
           setup.length == cdc_request::line_coding_length;
  case cdc_request::get_line_coding:
    return !out && setup.value == 0 &&
           setup.length == cdc_request::line_coding_length;
  case cdc_request::set_control_line_state:
    return out && setup.length == 0 && setup.value <= 0x3U;
  case cdc_request::send_break:
    return out && setup.length == 0;
  default:
    return false;
  }
}

bool CdcAcm::accept_setup(const SetupPacket &setup) const {
  if (!is_served_request(setup)) {
    return false;
  }
  switch (setup.request_code) {
  case cdc_request::set_control_line_state:
    set_control_lines(setup.value);
    break;
  case cdc_request::send_break:
    client_.map([&setup](const CdcAcmClient *client) {
      client->break_requested(setup.value);
    });
    break;
  default:
    break; // The line coding moves in the data stage.
  }
  return true;
}

void CdcAcm::set_control_lines(std::uint16_t value) const {
  control_lines_.set(value);
  const bool dtr = (value & 1U) != 0;
  const bool rts = (value & 2U) != 0;
  client_.map([dtr, rts](const CdcAcmClient *client) {
    client->control_lines_changed(dtr, rts);
  });
}

std::size_t CdcAcm::control_in_data(const SetupPacket &, std::size_t offset,
                                    std::span<std::uint8_t> out) const {
  // Only GET_LINE_CODING has an IN data stage.
  const LineCodingBytes bytes = line_coding_.get();
  std::size_t count = 0;
  while (count < out.size() && offset + count < bytes.size()) {
    out[count] = bytes[offset + count];
    ++count;
  }
  return count;
}

bool CdcAcm::control_out_data(const SetupPacket &, std::size_t offset,
                              std::span<const std::uint8_t> data,
                              bool last) const {
  // Only SET_LINE_CODING has an OUT data stage; its seven bytes may come in
  // more than one packet from a host with a smaller endpoint 0.
  LineCodingBytes incoming = incoming_line_coding_.get();
  for (std::size_t index = 0; index < data.size(); ++index) {
    if (offset + index >= incoming.size()) {
      return false;
    }
    incoming[offset + index] = data[index];
  }
  incoming_line_coding_.set(incoming);
  if (!last) {
    return true;
  }
  if (offset + data.size() != incoming.size()) {
    return false;
  }
  line_coding_.set(incoming);
  const LineCoding coding = decode(incoming);
  client_.map([&coding](const CdcAcmClient *client) {
    client->line_coding_changed(coding);
  });
  return true;
}

kernel::Result
CdcAcm::configure(const kernel::hil::uart::Parameters &parameters) const {
  if (parameters.baud_rate == 0) {
    return kernel::Result::failure(kernel::ErrorCode::invalid);
  }
  if (transmit_state_.get() != TransmitState::idle ||
      receive_state_.get() != ReceiveState::idle) {
    return kernel::Result::failure(kernel::ErrorCode::busy);
  }
  LineCoding coding = line_coding();
  coding.baud_rate = parameters.baud_rate;
  line_coding_.set(encode(coding));
  return kernel::Result::ok();
}

} // namespace capsules::usb
