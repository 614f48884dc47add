/// DescriptorTable: GET_DESCRIPTOR answered from the compile-time descriptors.
#include "capsules/usb/descriptor_table.h"

#include "capsules/usb/device_descriptor.h"

#include <algorithm>

namespace capsules::usb {

namespace {

/// Copies as much of `descriptor` from `offset` on as `out` holds; returns
/// the count.
std::size_t copy_part(std::span<const std::uint8_t> descriptor,
                      std::size_t offset, std::span<std::uint8_t> out) {
  if (offset >= descriptor.size()) {
    return 0;
  }
  const std::size_t count = std::min(descriptor.size() - offset, out.size());
  for (std::size_t position = 0; position < count; ++position) {
    out[position] = descriptor[offset + position];
  }
  return count;
}

} // namespace

std::optional<std::size_t>
DescriptorTable::answer_get_descriptor(const SetupPacket &request,
                                       std::size_t offset,
                                       std::span<std::uint8_t> out) const {
  if (request.standard_request() != StandardRequest::get_descriptor ||
      !request.is_well_formed_standard_request() ||
      request.recipient() != Recipient::device) {
    return std::nullopt;
  }
  // The host never gets more than it asked for.
  const std::size_t asked =
      request.length > offset ? request.length - offset : 0;
  const std::span<std::uint8_t> window =
      out.first(std::min<std::size_t>(out.size(), asked));
  const auto type = static_cast<DescriptorType>(request.descriptor_type());
  if (!full_speed_device_answers(type)) {
    return std::nullopt;
  }
  switch (type) {
  case DescriptorType::device:
    if (request.descriptor_index() != 0) {
      return std::nullopt;
    }
    return copy_part(device_, offset, window);
  case DescriptorType::configuration:
    // One configuration: index 0 is the only one.
    if (request.descriptor_index() != 0) {
      return std::nullopt;
    }
    return copy_part(configuration_, offset, window);
  case DescriptorType::string:
    return strings_.write_string_descriptor(request.descriptor_index(), offset,
                                            window);
  default:
    return std::nullopt;
  }
}

} // namespace capsules::usb
