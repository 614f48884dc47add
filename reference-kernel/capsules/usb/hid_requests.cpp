/// HidDriver: the control requests (HID 1.11 section 7) of one interface.
#include "capsules/usb/hid_driver.h"

#include <algorithm>
#include <optional>

namespace capsules::usb {

namespace {
/// The class request `setup` names, if HID defines it.
std::optional<hid::ClassRequest> class_request(const SetupPacket &setup) {
  switch (static_cast<hid::ClassRequest>(setup.request_code)) {
  case hid::ClassRequest::get_report:
  case hid::ClassRequest::get_idle:
  case hid::ClassRequest::get_protocol:
  case hid::ClassRequest::set_report:
  case hid::ClassRequest::set_idle:
  case hid::ClassRequest::set_protocol:
    return static_cast<hid::ClassRequest>(setup.request_code);
  }
  return std::nullopt;
}

/// wValue's high byte: the report type, the idle duration.
constexpr std::uint8_t high_byte(std::uint16_t value) {
  return static_cast<std::uint8_t>(value >> 8U);
}

/// wValue's low byte: the report id.
constexpr std::uint8_t low_byte(std::uint16_t value) {
  return static_cast<std::uint8_t>(value & 0xFFU);
}

/// Whether `setup` goes the way `get` says.
bool goes(const SetupPacket &setup, bool get) {
  return setup.direction() ==
         (get ? DataDirection::device_to_host : DataDirection::host_to_device);
}
} // namespace

bool HidDriver::is_for_interface(const SetupPacket &setup) const {
  return setup.recipient() == Recipient::interface &&
         setup.index == shape_.interface_number;
}

bool HidDriver::accept_setup(const SetupPacket &setup) const {
  if (!is_for_interface(setup)) {
    return false; // Endpoint recipients: HID defines nothing for them.
  }
  if (setup.type() == RequestType::standard) {
    return accept_get_descriptor(setup);
  }
  if (setup.type() == RequestType::class_specific) {
    return accept_class_request(setup);
  }
  return false; // No vendor requests.
}

bool HidDriver::accept_get_descriptor(const SetupPacket &setup) const {
  if (setup.standard_request() != StandardRequest::get_descriptor ||
      !goes(setup, true) || setup.descriptor_index() != 0) {
    return false;
  }
  const auto type = static_cast<DescriptorType>(setup.descriptor_type());
  // No physical descriptors (HID 1.11 section 6.2.3): they stall.
  return type == DescriptorType::hid || type == DescriptorType::hid_report;
}

bool HidDriver::accept_class_request(const SetupPacket &setup) const {
  const std::optional<hid::ClassRequest> request = class_request(setup);
  if (!request.has_value()) {
    return false;
  }
  // No report ids in the drivers' descriptors: only report 0 exists.
  switch (*request) {
  case hid::ClassRequest::get_report:
    // Feature reports are not supported; output reports are not read back.
    return goes(setup, true) && low_byte(setup.value) == 0 &&
           high_byte(setup.value) ==
               static_cast<std::uint8_t>(hid::ReportType::input) &&
           setup.length != 0;
  case hid::ClassRequest::set_report:
    return goes(setup, false) && low_byte(setup.value) == 0 &&
           high_byte(setup.value) ==
               static_cast<std::uint8_t>(hid::ReportType::output) &&
           setup.length != 0 && setup.length <= hid::max_report_size;
  case hid::ClassRequest::get_idle:
    return goes(setup, true) && setup.value == 0 && setup.length == 1;
  case hid::ClassRequest::set_idle:
    if (!goes(setup, false) || low_byte(setup.value) != 0 ||
        setup.length != 0) {
      return false;
    }
    idle_rate_.set(high_byte(setup.value));
    since_last_report_.set(0);
    return true;
  case hid::ClassRequest::get_protocol:
    return shape_.boot_interface && goes(setup, true) && setup.value == 0 &&
           setup.length == 1;
  case hid::ClassRequest::set_protocol:
    if (!shape_.boot_interface || !goes(setup, false) || setup.value > 1 ||
        setup.length != 0) {
      return false;
    }
    protocol_.set(static_cast<hid::Protocol>(setup.value));
    return true;
  }
  return false;
}

std::size_t HidDriver::control_in_data(const SetupPacket &setup,
                                       std::size_t offset,
                                       std::span<std::uint8_t> out) const {
  if (setup.type() == RequestType::standard) {
    if (static_cast<DescriptorType>(setup.descriptor_type()) ==
        DescriptorType::hid) {
      return copy_from(shape_.hid_descriptor, offset, out);
    }
    return copy_from(shape_.report_descriptor, offset, out);
  }
  switch (static_cast<hid::ClassRequest>(setup.request_code)) {
  case hid::ClassRequest::get_report: {
    const Report report = current_report_.get();
    return copy_from(
        std::span<const std::uint8_t>(report.bytes).first(report.length),
        offset, out);
  }
  case hid::ClassRequest::get_idle: {
    const std::array<std::uint8_t, 1> rate{idle_rate_.get()};
    return copy_from(rate, offset, out);
  }
  case hid::ClassRequest::get_protocol: {
    const std::array<std::uint8_t, 1> protocol{
        static_cast<std::uint8_t>(protocol_.get())};
    return copy_from(protocol, offset, out);
  }
  default:
    return 0; // Not an IN request: never accepted as one.
  }
}

bool HidDriver::control_out_data(const SetupPacket &, std::size_t offset,
                                 std::span<const std::uint8_t> data,
                                 bool last) const {
  // Only SET_REPORT has a data stage, and accept_setup bounded its wLength.
  Report staging = offset == 0 ? Report{} : output_staging_.get();
  if (offset + data.size() > staging.bytes.size()) {
    return false;
  }
  for (std::size_t position = 0; position < data.size(); ++position) {
    staging.bytes[offset + position] = data[position];
  }
  staging.length = offset + data.size();
  output_staging_.set(staging);
  if (last) {
    deliver(std::span<const std::uint8_t>(staging.bytes).first(staging.length));
  }
  return true;
}

std::size_t HidDriver::copy_from(std::span<const std::uint8_t> source,
                                 std::size_t offset,
                                 std::span<std::uint8_t> out) {
  if (offset >= source.size()) {
    return 0;
  }
  const std::size_t count = std::min(out.size(), source.size() - offset);
  for (std::size_t position = 0; position < count; ++position) {
    out[position] = source[offset + position];
  }
  return count;
}

} // namespace capsules::usb
