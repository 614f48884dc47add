/// UsbredirLink: a `BridgedDevice` offered to QEMU over the usbredir
/// protocol, as a physical device would be by `usbredirserver`.
#ifndef USB_HOST_BRIDGE_USBREDIR_LINK_H
#define USB_HOST_BRIDGE_USBREDIR_LINK_H

#include "bridged_device.h"
#include "usbmon_capture.h"

#include <usbredirparser.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <vector>

namespace usb_host {

/// The device side ("usb-host" in usbredir's terms) of one usbredir
/// connection, on `libusbredirparser`. QEMU's `usb-redir` device is the
/// other side: it forwards what Linux's host controller driver asks of the
/// device.
///
/// Mapping. Control transfers become whole control transfers on the device.
/// QEMU handles SET_ADDRESS itself and sends SET/GET_CONFIGURATION and
/// SET/GET_INTERFACE as messages of their own; the link rebuilds their SETUP
/// packets, so the device sees what a real host sends (a SET_ADDRESS before
/// the first request after each reset, as an xHCI controller sends it).
/// Bulk and interrupt OUT transfers are cut into packets of the endpoint's
/// size; bulk IN transfers take IN packets until a short one or their
/// length; interrupt IN endpoints are polled while QEMU receives from them.
/// A NAKed packet is tried again on the next `pump`, as a host controller
/// retries, so a device that applies back-pressure is never given up on.
class UsbredirLink {
public:
  /// A link to the peer on the connected socket `socket` (non-blocking),
  /// for `device`, recording to `capture`, reporting to `events`.
  UsbredirLink(int socket, BridgedDevice &device, UsbmonCapture &capture,
               EventSink events);
  ~UsbredirLink();
  UsbredirLink(const UsbredirLink &) = delete;
  UsbredirLink &operator=(const UsbredirLink &) = delete;

  /// Reads and handles what the peer sent; false when the peer is gone.
  bool read();
  /// Sends what is queued for the peer; false when it cannot be sent.
  bool write();
  /// Moves packets on the data endpoints while the device takes or gives
  /// them; true when any moved.
  bool pump();
  /// Plugs the device in (VBUS on; QEMU is told once it said hello).
  bool attach();
  /// Unplugs it: the device loses VBUS and QEMU is told.
  void detach();
  /// Whether the device is plugged in.
  [[nodiscard]] bool attached() const { return attached_; }

private:
  /// A transfer QEMU submitted and the device has not finished.
  struct Transfer {
    /// QEMU's id for it.
    std::uint64_t id = 0;
    /// Bulk or interrupt.
    TransferType type = TransferType::bulk;
    /// The endpoint address.
    std::uint8_t endpoint = 0;
    /// OUT: the bytes to send; IN: the bytes received so far.
    std::vector<std::uint8_t> data;
    /// IN: how many bytes the host asked for.
    std::size_t length = 0;
    /// OUT: how many bytes the device took.
    std::size_t sent = 0;
    /// Bulk streams are not used; echoed back as received.
    std::uint32_t stream_id = 0;
  };

  /// What the configuration descriptor says of one endpoint.
  struct EndpointInfo {
    /// usbredir's endpoint type (`usb_redir_type_*`).
    std::uint8_t type = usb_redir_type_invalid;
    /// bInterval.
    std::uint8_t interval = 0;
    /// The interface it belongs to.
    std::uint8_t interface = 0;
    /// wMaxPacketSize.
    std::uint16_t max_packet_size = 0;
  };

  /// usbredir's endpoint slots: OUT 0..15, then IN 16..31.
  static constexpr std::size_t slot_count = 32;
  /// The slot of endpoint address `endpoint`.
  static std::size_t slot_of(std::uint8_t endpoint) {
    return ((endpoint & 0x80U) >> 3U) | (endpoint & 0x0FU);
  }
  /// The endpoint address of slot `slot`.
  static std::uint8_t endpoint_of(std::size_t slot) {
    return static_cast<std::uint8_t>(((slot & 0x10U) << 3U) | (slot & 0x0FU));
  }

  /// Reads the endpoints and interfaces from the configuration descriptor.
  void read_configuration();
  /// Tells QEMU the interfaces, the endpoints, then that the device is
  /// there (the order QEMU needs).
  void announce();
  /// Sends the SET_ADDRESS a real host would have sent, when none was sent
  /// since the last reset or attach.
  void rebuild_set_address();
  /// A control transfer on the device, recorded; the device's answer.
  host_tests::ControlResult control(const kernel::hil::usb::SetupBytes &setup,
                                    std::span<const std::uint8_t> out_data,
                                    std::uint64_t id);
  /// Moves one packet of the first transfer in `slot`; true when it moved.
  bool pump_transfer(std::size_t slot);
  /// Polls the interrupt IN endpoint in `slot`; true when a packet came.
  bool pump_interrupt_receiving(std::size_t slot);
  /// Ends `transfer` with `status` towards QEMU and the capture.
  void complete(const Transfer &transfer, std::uint8_t status);
  /// Drops every transfer (the device went away).
  void forget_transfers();

  // The parser's callbacks, in the order of `struct usbredirparser`.
  static int read_callback(void *priv, std::uint8_t *data, int count);
  static int write_callback(void *priv, std::uint8_t *data, int count);
  static void log_callback(void *priv, int level, const char *message);
  static void hello_callback(void *priv, usb_redir_hello_header *hello);
  static void reset_callback(void *priv);
  static void
  set_configuration_callback(void *priv, std::uint64_t id,
                             usb_redir_set_configuration_header *header);
  static void get_configuration_callback(void *priv, std::uint64_t id);
  static void
  set_alt_setting_callback(void *priv, std::uint64_t id,
                           usb_redir_set_alt_setting_header *header);
  static void
  get_alt_setting_callback(void *priv, std::uint64_t id,
                           usb_redir_get_alt_setting_header *header);
  static void start_interrupt_receiving_callback(
      void *priv, std::uint64_t id,
      usb_redir_start_interrupt_receiving_header *header);
  static void stop_interrupt_receiving_callback(
      void *priv, std::uint64_t id,
      usb_redir_stop_interrupt_receiving_header *header);
  static void cancel_data_packet_callback(void *priv, std::uint64_t id);
  static void control_packet_callback(void *priv, std::uint64_t id,
                                      usb_redir_control_packet_header *header,
                                      std::uint8_t *data, int data_length);
  static void bulk_packet_callback(void *priv, std::uint64_t id,
                                   usb_redir_bulk_packet_header *header,
                                   std::uint8_t *data, int data_length);
  static void
  interrupt_packet_callback(void *priv, std::uint64_t id,
                            usb_redir_interrupt_packet_header *header,
                            std::uint8_t *data, int data_length);

  /// The connection to QEMU.
  int socket_;
  /// The device.
  BridgedDevice &device_;
  /// The capture.
  UsbmonCapture &capture_;
  /// Where link events go.
  EventSink events_;
  /// The protocol parser.
  usbredirparser *parser_;
  /// Whether the peer closed the connection.
  bool peer_closed_ = false;
  /// Whether the peer said hello.
  bool greeted_ = false;
  /// Whether the device is plugged in.
  bool attached_ = false;
  /// Whether the device got its SET_ADDRESS since the last reset.
  bool addressed_ = false;
  /// The address the last rebuilt SET_ADDRESS gave (1..127 in turn).
  std::uint8_t address_ = 0;
  /// The endpoints, by slot.
  std::array<EndpointInfo, slot_count> endpoints_{};
  /// The interfaces (alternate setting 0): number, class, subclass,
  /// protocol.
  std::vector<std::array<std::uint8_t, 4>> interfaces_;
  /// The transfers waiting on each endpoint, oldest first.
  std::array<std::deque<Transfer>, slot_count> transfers_;
  /// Whether QEMU receives from each interrupt IN endpoint.
  std::array<bool, slot_count> interrupt_receiving_{};
  /// The id of the next interrupt packet the device sends unasked.
  std::uint64_t next_interrupt_id_ = 0;
};

} // namespace usb_host

#endif // USB_HOST_BRIDGE_USBREDIR_LINK_H
