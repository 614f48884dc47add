/// UsbmonCapture: pcap records in the layout of Linux's `struct
/// mon_bin_hdr` (Documentation/usb/usbmon.rst, "binary interface").
#include "usbmon_capture.h"

#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>

namespace usb_host {
namespace {

/// pcap's link type for usbmon's 64-byte header.
constexpr std::uint32_t linktype_usb_linux_mmapped = 220;
/// The length of usbmon's header.
constexpr std::size_t header_length = 64;
/// -EINPROGRESS: a submission's status.
constexpr std::int32_t in_progress = -115;

/// Appends `value`'s bytes in the host's order (pcap and usbmon headers are
/// in the writer's byte order, which the magic number tells readers).
template <typename T> void put(std::uint8_t *&cursor, T value) {
  std::memcpy(cursor, &value, sizeof value);
  cursor += sizeof value;
}

} // namespace

bool UsbmonCapture::open(const std::string &path, std::string &error) {
  file_ = std::fopen(path.c_str(), "wb");
  if (file_ == nullptr) {
    error = "cannot write the capture " + path + ": " + std::strerror(errno);
    return false;
  }
  std::array<std::uint8_t, 24> header{};
  std::uint8_t *cursor = header.data();
  put<std::uint32_t>(cursor, 0xA1B2C3D4); // microsecond timestamps
  put<std::uint16_t>(cursor, 2);
  put<std::uint16_t>(cursor, 4);
  put<std::int32_t>(cursor, 0);  // GMT offset
  put<std::uint32_t>(cursor, 0); // timestamp accuracy
  put<std::uint32_t>(cursor, 65535 + header_length);
  put<std::uint32_t>(cursor, linktype_usb_linux_mmapped);
  std::fwrite(header.data(), 1, header.size(), file_);
  std::fflush(file_);
  return true;
}

UsbmonCapture::~UsbmonCapture() {
  if (file_ != nullptr) {
    std::fclose(file_);
  }
}

void UsbmonCapture::submitted(const CapturedTransfer &transfer,
                              std::uint32_t length,
                              std::span<const std::uint8_t> data) {
  record(transfer, 'S', in_progress, length, data);
}

void UsbmonCapture::completed(const CapturedTransfer &transfer,
                              std::int32_t status, std::uint32_t length,
                              std::span<const std::uint8_t> data) {
  record(transfer, 'C', status, length, data);
}

void UsbmonCapture::record(const CapturedTransfer &transfer, char event,
                           std::int32_t status, std::uint32_t length,
                           std::span<const std::uint8_t> data) {
  if (file_ == nullptr) {
    return;
  }
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now);
  const auto microseconds =
      std::chrono::duration_cast<std::chrono::microseconds>(now - seconds);
  const bool in = (transfer.endpoint & 0x80U) != 0;

  std::array<std::uint8_t, 16> record_header{};
  std::uint8_t *cursor = record_header.data();
  put<std::uint32_t>(cursor, static_cast<std::uint32_t>(seconds.count()));
  put<std::uint32_t>(cursor, static_cast<std::uint32_t>(microseconds.count()));
  put<std::uint32_t>(cursor,
                     static_cast<std::uint32_t>(header_length + data.size()));
  put<std::uint32_t>(cursor,
                     static_cast<std::uint32_t>(header_length + data.size()));

  std::array<std::uint8_t, header_length> usbmon{};
  cursor = usbmon.data();
  put<std::uint64_t>(cursor, transfer.id);
  put<std::uint8_t>(cursor, static_cast<std::uint8_t>(event));
  put<std::uint8_t>(cursor, static_cast<std::uint8_t>(transfer.type));
  put<std::uint8_t>(cursor, transfer.endpoint);
  put<std::uint8_t>(cursor, address_);
  put<std::uint16_t>(cursor, 1); // bus number
  // flag_setup: 0 when the SETUP bytes are present; flag_data: 0 when data
  // follows, else '<' (IN) or '>' (OUT) as usbmon writes them.
  const bool setup_present = event == 'S' && transfer.setup.has_value();
  put<std::uint8_t>(cursor, setup_present ? 0 : '-');
  put<std::uint8_t>(cursor, !data.empty() ? 0 : (in ? '<' : '>'));
  put<std::int64_t>(cursor, seconds.count());
  put<std::int32_t>(cursor, static_cast<std::int32_t>(microseconds.count()));
  put<std::int32_t>(cursor, status);
  put<std::uint32_t>(cursor, length);
  put<std::uint32_t>(cursor, static_cast<std::uint32_t>(data.size()));
  if (setup_present) {
    std::memcpy(cursor, transfer.setup->data(), transfer.setup->size());
  }
  cursor += 8;
  put<std::int32_t>(cursor, 0);  // interval
  put<std::int32_t>(cursor, 0);  // start frame
  put<std::uint32_t>(cursor, 0); // transfer flags
  put<std::uint32_t>(cursor, 0); // isochronous descriptors

  std::fwrite(record_header.data(), 1, record_header.size(), file_);
  std::fwrite(usbmon.data(), 1, usbmon.size(), file_);
  if (!data.empty()) {
    std::fwrite(data.data(), 1, data.size(), file_);
  }
  std::fflush(file_);
}

} // namespace usb_host
