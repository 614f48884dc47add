/// UsbredirLink: usbredir messages in, bus transactions on the device.
#include "usbredir_link.h"

#include "support/setup_bytes.h"

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <string>
#include <utility>

namespace usb_host {
namespace {

/// The standard requests QEMU sends as messages of their own (USB 2.0 table
/// 9-4).
namespace request {
constexpr std::uint8_t get_configuration = 8;
constexpr std::uint8_t set_configuration = 9;
constexpr std::uint8_t get_interface = 10;
constexpr std::uint8_t set_interface = 11;
constexpr std::uint8_t set_address = 5;
} // namespace request

/// Descriptor types (USB 2.0 table 9-5).
constexpr std::uint8_t interface_descriptor = 4;
/// See `interface_descriptor`.
constexpr std::uint8_t endpoint_descriptor = 5;

/// usbredir's status of a control transfer's ending.
std::uint8_t redir_status(host_tests::ControlStatus status) {
  switch (status) {
  case host_tests::ControlStatus::ok:
    return usb_redir_success;
  case host_tests::ControlStatus::stalled:
    return usb_redir_stall;
  case host_tests::ControlStatus::no_answer:
    break;
  }
  return usb_redir_ioerror;
}

/// The Linux status usbmon shows for a usbredir status.
std::int32_t linux_status(std::uint8_t status) {
  switch (status) {
  case usb_redir_success:
    return 0;
  case usb_redir_cancelled:
    return -ENOENT;
  case usb_redir_stall:
    return -EPIPE;
  default:
    return -EPROTO;
  }
}

/// The link of a callback's `priv`.
UsbredirLink &link_of(void *priv) { return *static_cast<UsbredirLink *>(priv); }

} // namespace

UsbredirLink::UsbredirLink(int socket, BridgedDevice &device,
                           UsbmonCapture &capture, EventSink events)
    : socket_(socket), device_(device), capture_(capture),
      events_(std::move(events)), parser_(usbredirparser_create()) {
  read_configuration();
  parser_->priv = this;
  parser_->log_func = log_callback;
  parser_->read_func = read_callback;
  parser_->write_func = write_callback;
  parser_->hello_func = hello_callback;
  parser_->reset_func = reset_callback;
  parser_->set_configuration_func = set_configuration_callback;
  parser_->get_configuration_func = get_configuration_callback;
  parser_->set_alt_setting_func = set_alt_setting_callback;
  parser_->get_alt_setting_func = get_alt_setting_callback;
  parser_->start_interrupt_receiving_func = start_interrupt_receiving_callback;
  parser_->stop_interrupt_receiving_func = stop_interrupt_receiving_callback;
  parser_->cancel_data_packet_func = cancel_data_packet_callback;
  parser_->control_packet_func = control_packet_callback;
  parser_->bulk_packet_func = bulk_packet_callback;
  parser_->interrupt_packet_func = interrupt_packet_callback;
  // QEMU attaches a device to its xHCI only with the last three.
  std::uint32_t caps[USB_REDIR_CAPS_SIZE] = {};
  usbredirparser_caps_set_cap(caps, usb_redir_cap_connect_device_version);
  usbredirparser_caps_set_cap(caps, usb_redir_cap_ep_info_max_packet_size);
  usbredirparser_caps_set_cap(caps, usb_redir_cap_64bits_ids);
  usbredirparser_caps_set_cap(caps, usb_redir_cap_32bits_bulk_length);
  usbredirparser_init(parser_, "leash-usb-bridge", caps, USB_REDIR_CAPS_SIZE,
                      usbredirparser_fl_usb_host);
}

UsbredirLink::~UsbredirLink() { usbredirparser_destroy(parser_); }

void UsbredirLink::read_configuration() {
  // Endpoint 0 both ways, then what the descriptors declare.
  for (const std::size_t slot : {slot_of(0x00), slot_of(0x80)}) {
    endpoints_[slot] = {.type = usb_redir_type_control,
                        .max_packet_size = device_.device_descriptor()[7]};
  }
  const std::span<const std::uint8_t> bytes =
      device_.configuration_descriptor();
  std::uint8_t interface = 0;
  for (std::size_t offset = 0; offset + 1 < bytes.size();) {
    const std::size_t length = bytes[offset];
    if (length < 2 || offset + length > bytes.size()) {
      break;
    }
    const std::span<const std::uint8_t> descriptor =
        bytes.subspan(offset, length);
    if (descriptor[1] == interface_descriptor && length >= 9) {
      interface = descriptor[2];
      if (descriptor[3] == 0) {
        interfaces_.push_back(
            {descriptor[2], descriptor[5], descriptor[6], descriptor[7]});
      }
    } else if (descriptor[1] == endpoint_descriptor && length >= 7) {
      endpoints_[slot_of(descriptor[2])] = {
          .type = static_cast<std::uint8_t>(descriptor[3] & 0x03U),
          .interval = descriptor[6],
          .interface = interface,
          .max_packet_size = static_cast<std::uint16_t>(
              (descriptor[4] | descriptor[5] << 8U) & 0x07FFU),
      };
    }
    offset += length;
  }
}

void UsbredirLink::announce() {
  usb_redir_interface_info_header interfaces{};
  interfaces.interface_count = static_cast<std::uint32_t>(interfaces_.size());
  for (std::size_t index = 0; index < interfaces_.size(); ++index) {
    interfaces.interface[index] = interfaces_[index][0];
    interfaces.interface_class[index] = interfaces_[index][1];
    interfaces.interface_subclass[index] = interfaces_[index][2];
    interfaces.interface_protocol[index] = interfaces_[index][3];
  }
  usbredirparser_send_interface_info(parser_, &interfaces);

  usb_redir_ep_info_header endpoints{};
  for (std::size_t slot = 0; slot < slot_count; ++slot) {
    endpoints.type[slot] = endpoints_[slot].type;
    endpoints.interval[slot] = endpoints_[slot].interval;
    endpoints.interface[slot] = endpoints_[slot].interface;
    endpoints.max_packet_size[slot] = endpoints_[slot].max_packet_size;
  }
  usbredirparser_send_ep_info(parser_, &endpoints);

  const std::span<const std::uint8_t> device = device_.device_descriptor();
  usb_redir_device_connect_header connect{};
  connect.speed = usb_redir_speed_full;
  connect.device_class = device[4];
  connect.device_subclass = device[5];
  connect.device_protocol = device[6];
  connect.vendor_id = static_cast<std::uint16_t>(device[8] | device[9] << 8U);
  connect.product_id =
      static_cast<std::uint16_t>(device[10] | device[11] << 8U);
  connect.device_version_bcd =
      static_cast<std::uint16_t>(device[12] | device[13] << 8U);
  usbredirparser_send_device_connect(parser_, &connect);
}

bool UsbredirLink::attach() {
  if (attached_) {
    return true;
  }
  if (!device_.attach()) {
    return false;
  }
  attached_ = true;
  addressed_ = false;
  if (greeted_) {
    announce();
  }
  return true;
}

void UsbredirLink::detach() {
  if (!attached_) {
    return;
  }
  attached_ = false;
  device_.detach();
  // QEMU forgets the device's transfers with the device.
  forget_transfers();
  usbredirparser_send_device_disconnect(parser_);
}

void UsbredirLink::forget_transfers() {
  for (auto &queue : transfers_) {
    queue.clear();
  }
  interrupt_receiving_.fill(false);
}

bool UsbredirLink::read() {
  const int status = usbredirparser_do_read(parser_);
  return !peer_closed_ && status != usbredirparser_read_io_error;
}

bool UsbredirLink::write() {
  while (usbredirparser_has_data_to_write(parser_) > 0) {
    if (usbredirparser_do_write(parser_) != 0) {
      return false;
    }
  }
  return true;
}

void UsbredirLink::rebuild_set_address() {
  if (addressed_) {
    return;
  }
  addressed_ = true;
  address_ = static_cast<std::uint8_t>(address_ % 127 + 1);
  capture_.set_device_address(address_);
  const auto setup =
      host_tests::setup_bytes(0x00, request::set_address, address_, 0, 0);
  // Not a transfer QEMU asked for: recorded with id 0.
  control(setup, {}, 0);
}

host_tests::ControlResult
UsbredirLink::control(const kernel::hil::usb::SetupBytes &setup,
                      std::span<const std::uint8_t> out_data,
                      std::uint64_t id) {
  const bool in = (setup[0] & 0x80U) != 0;
  const CapturedTransfer captured{.id = id,
                                  .type = TransferType::control,
                                  .endpoint =
                                      static_cast<std::uint8_t>(in ? 0x80 : 0),
                                  .setup = setup};
  const std::uint32_t length = setup[6] | setup[7] << 8U;
  capture_.submitted(captured, length, out_data);
  host_tests::ControlResult result = device_.control(setup, out_data);
  const std::uint8_t status = redir_status(result.status);
  capture_.completed(
      captured, linux_status(status),
      static_cast<std::uint32_t>(in ? result.data.size() : out_data.size()),
      result.data);
  return result;
}

bool UsbredirLink::pump() {
  if (!attached_) {
    return false;
  }
  bool moved = false;
  for (std::size_t slot = 0; slot < slot_count; ++slot) {
    if (interrupt_receiving_[slot]) {
      moved = pump_interrupt_receiving(slot) || moved;
    }
    if (!transfers_[slot].empty()) {
      moved = pump_transfer(slot) || moved;
    }
  }
  return moved;
}

bool UsbredirLink::pump_interrupt_receiving(std::size_t slot) {
  const std::uint8_t endpoint = endpoint_of(slot);
  host_tests::InResult packet = device_.in_token(endpoint & 0x0FU);
  if (packet.handshake == host_tests::Handshake::nak) {
    return false;
  }
  usb_redir_interrupt_packet_header header{};
  header.endpoint = endpoint;
  header.status = packet.handshake == host_tests::Handshake::ack
                      ? usb_redir_success
                      : usb_redir_stall;
  header.length = static_cast<std::uint16_t>(packet.data.size());
  const CapturedTransfer captured{.id = next_interrupt_id_,
                                  .type = TransferType::interrupt,
                                  .endpoint = endpoint};
  capture_.submitted(captured, endpoints_[slot].max_packet_size, {});
  capture_.completed(captured, linux_status(header.status), header.length,
                     packet.data);
  usbredirparser_send_interrupt_packet(parser_, next_interrupt_id_++, &header,
                                       packet.data.data(),
                                       static_cast<int>(packet.data.size()));
  if (header.status != usb_redir_success) {
    // A halted endpoint: QEMU starts receiving again after CLEAR_FEATURE.
    interrupt_receiving_[slot] = false;
  }
  return true;
}

bool UsbredirLink::pump_transfer(std::size_t slot) {
  Transfer &transfer = transfers_[slot].front();
  const std::uint8_t number = transfer.endpoint & 0x0FU;
  const std::size_t packet_size =
      std::max<std::size_t>(endpoints_[slot].max_packet_size, 1);
  if ((transfer.endpoint & 0x80U) != 0) {
    host_tests::InResult packet = device_.in_token(number);
    switch (packet.handshake) {
    case host_tests::Handshake::nak:
      return false;
    case host_tests::Handshake::stall:
      complete(transfer, usb_redir_stall);
      break;
    case host_tests::Handshake::none:
      complete(transfer, usb_redir_ioerror);
      break;
    case host_tests::Handshake::ack:
      transfer.data.insert(transfer.data.end(), packet.data.begin(),
                           packet.data.end());
      if (packet.data.size() < packet_size ||
          transfer.data.size() >= transfer.length) {
        complete(transfer, usb_redir_success);
        break;
      }
      return true;
    }
  } else {
    const std::size_t count =
        std::min(packet_size, transfer.data.size() - transfer.sent);
    const host_tests::Handshake handshake = device_.out_packet(
        number, std::span(transfer.data).subspan(transfer.sent, count));
    switch (handshake) {
    case host_tests::Handshake::nak:
      return false;
    case host_tests::Handshake::stall:
      complete(transfer, usb_redir_stall);
      break;
    case host_tests::Handshake::none:
      complete(transfer, usb_redir_ioerror);
      break;
    case host_tests::Handshake::ack:
      transfer.sent += count;
      if (transfer.sent < transfer.data.size()) {
        return true;
      }
      complete(transfer, usb_redir_success);
      break;
    }
  }
  transfers_[slot].pop_front();
  return true;
}

void UsbredirLink::complete(const Transfer &transfer, std::uint8_t status) {
  const bool in = (transfer.endpoint & 0x80U) != 0;
  const std::size_t length = in ? transfer.data.size() : transfer.sent;
  const std::span<const std::uint8_t> data =
      in ? std::span<const std::uint8_t>(transfer.data)
         : std::span<const std::uint8_t>();
  capture_.completed(
      {.id = transfer.id, .type = transfer.type, .endpoint = transfer.endpoint},
      linux_status(status), static_cast<std::uint32_t>(length), data);
  auto *bytes = const_cast<std::uint8_t *>(data.data());
  if (transfer.type == TransferType::bulk) {
    usb_redir_bulk_packet_header header{};
    header.endpoint = transfer.endpoint;
    header.status = status;
    header.length = static_cast<std::uint16_t>(length & 0xFFFFU);
    header.length_high = static_cast<std::uint16_t>(length >> 16U);
    header.stream_id = transfer.stream_id;
    usbredirparser_send_bulk_packet(parser_, transfer.id, &header, bytes,
                                    static_cast<int>(data.size()));
  } else {
    usb_redir_interrupt_packet_header header{};
    header.endpoint = transfer.endpoint;
    header.status = status;
    header.length = static_cast<std::uint16_t>(length);
    usbredirparser_send_interrupt_packet(parser_, transfer.id, &header, bytes,
                                         static_cast<int>(data.size()));
  }
}

// The parser's callbacks.

int UsbredirLink::read_callback(void *priv, std::uint8_t *data, int count) {
  UsbredirLink &link = link_of(priv);
  const ssize_t received = recv(link.socket_, data, count, 0);
  if (received > 0) {
    return static_cast<int>(received);
  }
  if (received < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
    return 0;
  }
  link.peer_closed_ = true;
  return -1;
}

int UsbredirLink::write_callback(void *priv, std::uint8_t *data, int count) {
  UsbredirLink &link = link_of(priv);
  int written = 0;
  while (written < count) {
    const ssize_t sent =
        send(link.socket_, data + written, count - written, MSG_NOSIGNAL);
    if (sent > 0) {
      written += static_cast<int>(sent);
    } else if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      pollfd descriptor{.fd = link.socket_, .events = POLLOUT, .revents = 0};
      poll(&descriptor, 1, 1000);
    } else {
      return -1;
    }
  }
  return written;
}

void UsbredirLink::log_callback(void *, int level, const char *message) {
  if (level <= usbredirparser_warning) {
    std::fprintf(stderr, "leash-usb-bridge: usbredir: %s\n", message);
  }
}

void UsbredirLink::hello_callback(void *priv, usb_redir_hello_header *hello) {
  UsbredirLink &link = link_of(priv);
  link.greeted_ = true;
  link.events_(std::string("connected ") + hello->version);
  if (link.attached_) {
    link.announce();
  }
}

void UsbredirLink::reset_callback(void *priv) {
  UsbredirLink &link = link_of(priv);
  link.device_.bus_reset();
  link.addressed_ = false;
}

void UsbredirLink::set_configuration_callback(
    void *priv, std::uint64_t id, usb_redir_set_configuration_header *header) {
  UsbredirLink &link = link_of(priv);
  link.rebuild_set_address();
  const auto result =
      link.control(host_tests::setup_bytes(0x00, request::set_configuration,
                                           header->configuration, 0, 0),
                   {}, id);
  usb_redir_configuration_status_header status{};
  status.status = redir_status(result.status);
  status.configuration = header->configuration;
  usbredirparser_send_configuration_status(link.parser_, id, &status);
}

void UsbredirLink::get_configuration_callback(void *priv, std::uint64_t id) {
  UsbredirLink &link = link_of(priv);
  link.rebuild_set_address();
  const auto result = link.control(
      host_tests::setup_bytes(0x80, request::get_configuration, 0, 0, 1), {},
      id);
  usb_redir_configuration_status_header status{};
  status.status = redir_status(result.status);
  status.configuration = result.data.empty() ? 0 : result.data[0];
  usbredirparser_send_configuration_status(link.parser_, id, &status);
}

void UsbredirLink::set_alt_setting_callback(
    void *priv, std::uint64_t id, usb_redir_set_alt_setting_header *header) {
  UsbredirLink &link = link_of(priv);
  link.rebuild_set_address();
  const auto result =
      link.control(host_tests::setup_bytes(0x01, request::set_interface,
                                           header->alt, header->interface, 0),
                   {}, id);
  usb_redir_alt_setting_status_header status{};
  status.status = redir_status(result.status);
  status.interface = header->interface;
  status.alt = header->alt;
  usbredirparser_send_alt_setting_status(link.parser_, id, &status);
}

void UsbredirLink::get_alt_setting_callback(
    void *priv, std::uint64_t id, usb_redir_get_alt_setting_header *header) {
  UsbredirLink &link = link_of(priv);
  link.rebuild_set_address();
  const auto result =
      link.control(host_tests::setup_bytes(0x81, request::get_interface, 0,
                                           header->interface, 1),
                   {}, id);
  usb_redir_alt_setting_status_header status{};
  status.status = redir_status(result.status);
  status.interface = header->interface;
  status.alt = result.data.empty() ? 0 : result.data[0];
  usbredirparser_send_alt_setting_status(link.parser_, id, &status);
}

void UsbredirLink::start_interrupt_receiving_callback(
    void *priv, std::uint64_t id,
    usb_redir_start_interrupt_receiving_header *header) {
  UsbredirLink &link = link_of(priv);
  const std::size_t slot = slot_of(header->endpoint);
  usb_redir_interrupt_receiving_status_header status{};
  status.endpoint = header->endpoint;
  if ((header->endpoint & 0x80U) != 0 &&
      link.endpoints_[slot].type == usb_redir_type_interrupt) {
    link.interrupt_receiving_[slot] = true;
    status.status = usb_redir_success;
  } else {
    status.status = usb_redir_inval;
  }
  usbredirparser_send_interrupt_receiving_status(link.parser_, id, &status);
}

void UsbredirLink::stop_interrupt_receiving_callback(
    void *priv, std::uint64_t id,
    usb_redir_stop_interrupt_receiving_header *header) {
  UsbredirLink &link = link_of(priv);
  link.interrupt_receiving_[slot_of(header->endpoint)] = false;
  usb_redir_interrupt_receiving_status_header status{};
  status.endpoint = header->endpoint;
  status.status = usb_redir_success;
  usbredirparser_send_interrupt_receiving_status(link.parser_, id, &status);
}

void UsbredirLink::cancel_data_packet_callback(void *priv, std::uint64_t id) {
  UsbredirLink &link = link_of(priv);
  for (auto &queue : link.transfers_) {
    const auto found = std::find_if(
        queue.begin(), queue.end(),
        [id](const Transfer &transfer) { return transfer.id == id; });
    if (found != queue.end()) {
      link.complete(*found, usb_redir_cancelled);
      queue.erase(found);
      return;
    }
  }
  // Already completed: the completion is on its way to QEMU.
}

void UsbredirLink::control_packet_callback(
    void *priv, std::uint64_t id, usb_redir_control_packet_header *header,
    std::uint8_t *data, int data_length) {
  UsbredirLink &link = link_of(priv);
  link.rebuild_set_address();
  const kernel::hil::usb::SetupBytes setup =
      host_tests::setup_bytes(header->requesttype, header->request,
                              header->value, header->index, header->length);
  const std::span<const std::uint8_t> out_data(
      data, data == nullptr ? 0 : static_cast<std::size_t>(data_length));
  const host_tests::ControlResult result = link.control(setup, out_data, id);
  const bool in = (header->requesttype & 0x80U) != 0;
  usb_redir_control_packet_header reply = *header;
  reply.status = redir_status(result.status);
  reply.length =
      static_cast<std::uint16_t>(in ? result.data.size() : out_data.size());
  usbredirparser_send_control_packet(
      link.parser_, id, &reply,
      in ? const_cast<std::uint8_t *>(result.data.data()) : nullptr,
      in ? static_cast<int>(result.data.size()) : 0);
  if (data != nullptr) {
    usbredirparser_free_packet_data(link.parser_, data);
  }
}

void UsbredirLink::bulk_packet_callback(void *priv, std::uint64_t id,
                                        usb_redir_bulk_packet_header *header,
                                        std::uint8_t *data, int data_length) {
  UsbredirLink &link = link_of(priv);
  Transfer transfer{.id = id,
                    .type = TransferType::bulk,
                    .endpoint = header->endpoint,
                    .length = header->length | std::size_t{header->length_high}
                                                   << 16U,
                    .stream_id = header->stream_id};
  if (data != nullptr) {
    transfer.data.assign(data, data + data_length);
    usbredirparser_free_packet_data(link.parser_, data);
  }
  const bool in = (header->endpoint & 0x80U) != 0;
  link.capture_.submitted(
      {.id = id, .type = TransferType::bulk, .endpoint = header->endpoint},
      static_cast<std::uint32_t>(transfer.length),
      in ? std::span<const std::uint8_t>()
         : std::span<const std::uint8_t>(transfer.data));
  link.transfers_[slot_of(header->endpoint)].push_back(std::move(transfer));
}

void UsbredirLink::interrupt_packet_callback(
    void *priv, std::uint64_t id, usb_redir_interrupt_packet_header *header,
    std::uint8_t *data, int data_length) {
  UsbredirLink &link = link_of(priv);
  // Only OUT: QEMU receives from interrupt IN endpoints.
  Transfer transfer{.id = id,
                    .type = TransferType::interrupt,
                    .endpoint = header->endpoint,
                    .length = header->length};
  if (data != nullptr) {
    transfer.data.assign(data, data + data_length);
    usbredirparser_free_packet_data(link.parser_, data);
  }
  link.capture_.submitted(
      {.id = id, .type = TransferType::interrupt, .endpoint = header->endpoint},
      header->length, transfer.data);
  link.transfers_[slot_of(header->endpoint)].push_back(std::move(transfer));
}

} // namespace usb_host
