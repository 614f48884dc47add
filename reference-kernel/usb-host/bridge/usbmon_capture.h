/// UsbmonCapture: the bridge's transfers as a pcap file in Linux usbmon
/// format, for Wireshark and tshark.
#ifndef USB_HOST_BRIDGE_USBMON_CAPTURE_H
#define USB_HOST_BRIDGE_USBMON_CAPTURE_H

#include "kernel/hil/usb.h"

#include <cstdint>
#include <cstdio>
#include <optional>
#include <span>
#include <string>

namespace usb_host {

/// A transfer's type, numbered as usbmon numbers them.
enum class TransferType : std::uint8_t {
  isochronous = 0,
  interrupt = 1,
  control = 2,
  bulk = 3,
};

/// One transfer as usbmon records it: a submission ('S') and, later, its
/// completion ('C') with the same id.
struct CapturedTransfer {
  /// The transfer's id (usbredir's packet id).
  std::uint64_t id = 0;
  /// Its type.
  TransferType type = TransferType::control;
  /// The endpoint address (bit 7 set for IN; for control, the data stage's
  /// direction).
  std::uint8_t endpoint = 0;
  /// The SETUP packet of a control transfer.
  std::optional<kernel::hil::usb::SetupBytes> setup;
};

/// Writes a pcap file of link type 220 (`LINKTYPE_USB_LINUX_MMAPPED`): a
/// 64-byte usbmon header before each submission's and completion's data.
/// Written as it goes and flushed after each record, so that a run that
/// hangs or crashes still leaves what happened before.
class UsbmonCapture {
public:
  /// Whether the capture is on.
  [[nodiscard]] bool is_open() const { return file_ != nullptr; }
  /// Starts a capture in `path`; false with `error` set when the file
  /// cannot be written.
  bool open(const std::string &path, std::string &error);
  /// The host submits `transfer`, with `data` for OUT transfers, of
  /// `length` bytes (asked for, for IN).
  void submitted(const CapturedTransfer &transfer, std::uint32_t length,
                 std::span<const std::uint8_t> data);
  /// `transfer` ended with `status` (0, or a negative Linux errno such as
  /// -EPIPE for a stall) after `length` bytes, with `data` for IN
  /// transfers.
  void completed(const CapturedTransfer &transfer, std::int32_t status,
                 std::uint32_t length, std::span<const std::uint8_t> data);
  /// The device's bus address, as the records show it.
  void set_device_address(std::uint8_t address) { address_ = address; }

  UsbmonCapture() = default;
  UsbmonCapture(const UsbmonCapture &) = delete;
  UsbmonCapture &operator=(const UsbmonCapture &) = delete;
  ~UsbmonCapture();

private:
  /// Writes one record.
  void record(const CapturedTransfer &transfer, char event, std::int32_t status,
              std::uint32_t length, std::span<const std::uint8_t> data);

  /// The file, or none.
  std::FILE *file_ = nullptr;
  /// The device's bus address.
  std::uint8_t address_ = 1;
};

} // namespace usb_host

#endif // USB_HOST_BRIDGE_USBMON_CAPTURE_H
