/// Tests of the bridge's usbredir side without QEMU: a usbredir guest (the
/// role QEMU's `usb-redir` plays, on the same libusbredirparser) talks to a
/// UsbredirLink over a socket pair, with the real stack behind the link.
#include "capsules/usb/standard_configurations.h"
#include "stack_device.h"
#include "support/host_hooks.h"
#include "usbmon_capture.h"
#include "usbredir_link.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace {

using usb_host::StackDevice;
using usb_host::StackKind;
using usb_host::UsbredirLink;
using Bytes = std::vector<std::uint8_t>;

/// The serial port's endpoint in `slot` of its function.
std::uint8_t serial_endpoint(std::size_t slot) {
  return capsules::usb::standard::serial_port_device.functions[0]
      .endpoint_addresses[slot];
}
/// Its bulk OUT, bulk IN and notification endpoints.
const std::uint8_t data_out =
    serial_endpoint(capsules::usb::CdcAcmFunction::data_out_slot);
/// See `data_out`.
const std::uint8_t data_in =
    serial_endpoint(capsules::usb::CdcAcmFunction::data_in_slot);
/// See `data_out`.
const std::uint8_t notification =
    serial_endpoint(capsules::usb::CdcAcmFunction::notification_slot);

/// A device that records the SETUP packets reaching the stack, and
/// forwards everything.
class RecordingDevice final : public usb_host::BridgedDevice {
public:
  explicit RecordingDevice(usb_host::BridgedDevice &inner) : inner_(inner) {}

  std::span<const std::uint8_t> device_descriptor() const override {
    return inner_.device_descriptor();
  }
  std::span<const std::uint8_t> configuration_descriptor() const override {
    return inner_.configuration_descriptor();
  }
  bool attach() override { return inner_.attach(); }
  void detach() override { inner_.detach(); }
  void bus_reset() override {
    setups.push_back("reset");
    inner_.bus_reset();
  }
  host_tests::ControlResult
  control(const kernel::hil::usb::SetupBytes &setup,
          std::span<const std::uint8_t> out_data) override {
    char text[32];
    std::snprintf(text, sizeof text, "%02x %02x %04x %04x %04x", setup[0],
                  setup[1], setup[2] | setup[3] << 8, setup[4] | setup[5] << 8,
                  setup[6] | setup[7] << 8);
    setups.push_back(text);
    return inner_.control(setup, out_data);
  }
  host_tests::InResult in_token(std::uint8_t number) override {
    return inner_.in_token(number);
  }
  host_tests::Handshake
  out_packet(std::uint8_t number,
             std::span<const std::uint8_t> bytes) override {
    return inner_.out_packet(number, bytes);
  }
  void idle() override { inner_.idle(); }
  bool command(std::string_view name, std::string_view argument,
               std::string &error) override {
    return inner_.command(name, argument, error);
  }
  bool leases_home() const override { return inner_.leases_home(); }

  /// What reached the stack: "reset", or a SETUP as "type request value
  /// index length" in hex.
  std::vector<std::string> setups;

private:
  usb_host::BridgedDevice &inner_;
};

/// The usbredir guest: what QEMU's usb-redir device says and hears.
class Guest {
public:
  explicit Guest(int socket)
      : socket_(socket), parser_(usbredirparser_create()) {
    parser_->priv = this;
    parser_->read_func = [](void *priv, std::uint8_t *data, int count) {
      const ssize_t got = recv(self(priv).socket_, data, count, 0);
      return got > 0                        ? static_cast<int>(got)
             : (got < 0 && errno == EAGAIN) ? 0
                                            : -1;
    };
    parser_->write_func = [](void *priv, std::uint8_t *data, int count) {
      return static_cast<int>(send(self(priv).socket_, data, count, 0));
    };
    parser_->log_func = [](void *, int, const char *) {};
    parser_->hello_func = [](void *, usb_redir_hello_header *) {};
    parser_->device_connect_func = [](void *priv,
                                      usb_redir_device_connect_header *header) {
      self(priv).connect = *header;
      self(priv).connected = true;
    };
    parser_->device_disconnect_func = [](void *priv) {
      self(priv).connected = false;
      ++self(priv).disconnects;
    };
    parser_->interface_info_func = [](void *priv,
                                      usb_redir_interface_info_header *header) {
      self(priv).interfaces = *header;
    };
    parser_->ep_info_func = [](void *priv, usb_redir_ep_info_header *header) {
      self(priv).endpoints = *header;
    };
    parser_->configuration_status_func =
        [](void *priv, std::uint64_t id,
           usb_redir_configuration_status_header *header) {
          self(priv).statuses[id] = {header->status, header->configuration};
        };
    parser_->alt_setting_status_func =
        [](void *priv, std::uint64_t id,
           usb_redir_alt_setting_status_header *header) {
          self(priv).statuses[id] = {header->status, header->alt};
        };
    parser_->interrupt_receiving_status_func =
        [](void *priv, std::uint64_t id,
           usb_redir_interrupt_receiving_status_header *header) {
          self(priv).statuses[id] = {header->status, header->endpoint};
        };
    parser_->control_packet_func = [](void *priv, std::uint64_t id,
                                      usb_redir_control_packet_header *header,
                                      std::uint8_t *data, int length) {
      self(priv).replies[id] = {header->status, Bytes(data, data + length)};
      usbredirparser_free_packet_data(self(priv).parser_, data);
    };
    parser_->bulk_packet_func = [](void *priv, std::uint64_t id,
                                   usb_redir_bulk_packet_header *header,
                                   std::uint8_t *data, int length) {
      Bytes bytes(data, data + length);
      if (data == nullptr) {
        // An OUT completion says how many bytes went, in its header.
        bytes.assign(header->length | header->length_high << 16U, 0);
      }
      self(priv).replies[id] = {header->status, bytes};
      usbredirparser_free_packet_data(self(priv).parser_, data);
    };
    parser_->interrupt_packet_func =
        [](void *priv, std::uint64_t, usb_redir_interrupt_packet_header *header,
           std::uint8_t *data, int length) {
          self(priv).interrupts.push_back(
              {header->endpoint, Bytes(data, data + length)});
          usbredirparser_free_packet_data(self(priv).parser_, data);
        };
    std::uint32_t caps[USB_REDIR_CAPS_SIZE] = {};
    usbredirparser_caps_set_cap(caps, usb_redir_cap_connect_device_version);
    usbredirparser_caps_set_cap(caps, usb_redir_cap_ep_info_max_packet_size);
    usbredirparser_caps_set_cap(caps, usb_redir_cap_64bits_ids);
    usbredirparser_caps_set_cap(caps, usb_redir_cap_32bits_bulk_length);
    usbredirparser_init(parser_, "test guest", caps, USB_REDIR_CAPS_SIZE, 0);
  }
  ~Guest() { usbredirparser_destroy(parser_); }

  /// Sends what is queued and reads what arrived.
  void exchange() {
    while (usbredirparser_has_data_to_write(parser_) > 0) {
      usbredirparser_do_write(parser_);
    }
    usbredirparser_do_read(parser_);
  }

  /// A control transfer's SETUP fields and OUT data, under `id`.
  void control(std::uint64_t id, std::uint8_t type, std::uint8_t request,
               std::uint16_t value, std::uint16_t index, std::uint16_t length,
               Bytes data = {}) {
    usb_redir_control_packet_header header{};
    header.endpoint = type & 0x80U;
    header.requesttype = type;
    header.request = request;
    header.value = value;
    header.index = index;
    header.length = length;
    usbredirparser_send_control_packet(parser_, id, &header, data.data(),
                                       static_cast<int>(data.size()));
  }
  /// A bulk transfer to `endpoint`: `data` OUT, or `length` bytes IN.
  void bulk(std::uint64_t id, std::uint8_t endpoint, Bytes data,
            std::uint32_t length = 0) {
    usb_redir_bulk_packet_header header{};
    header.endpoint = endpoint;
    const std::uint32_t total = (endpoint & 0x80U) != 0
                                    ? length
                                    : static_cast<std::uint32_t>(data.size());
    header.length = static_cast<std::uint16_t>(total & 0xFFFFU);
    header.length_high = static_cast<std::uint16_t>(total >> 16U);
    usbredirparser_send_bulk_packet(parser_, id, &header, data.data(),
                                    static_cast<int>(data.size()));
  }
  usbredirparser *parser() { return parser_; }

  /// What the device side sent.
  bool connected = false;
  int disconnects = 0;
  usb_redir_device_connect_header connect{};
  std::optional<usb_redir_interface_info_header> interfaces;
  std::optional<usb_redir_ep_info_header> endpoints;
  std::map<std::uint64_t, std::pair<std::uint8_t, std::uint8_t>> statuses;
  std::map<std::uint64_t, std::pair<std::uint8_t, Bytes>> replies;
  std::vector<std::pair<std::uint8_t, Bytes>> interrupts;

private:
  static Guest &self(void *priv) { return *static_cast<Guest *>(priv); }

  int socket_;
  usbredirparser *parser_;
};

class UsbredirLinkTest : public ::testing::Test {
protected:
  void SetUp() override {
    if (!kernel::DeferredCall::verify_setup()) {
      GTEST_SKIP() << "no deferred call left in this process";
    }
    ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, sockets_), 0);
    for (const int fd : sockets_) {
      fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    }
    violations_before_ = host_tests::violation_count();
    stack_ = std::make_unique<StackDevice>(
        StackKind::serial,
        [this](const std::string &text) { events_.push_back(text); });
    device_ = std::make_unique<RecordingDevice>(*stack_);
    link_ = std::make_unique<UsbredirLink>(
        sockets_[0], *device_, capture_,
        [this](const std::string &text) { events_.push_back(text); });
    guest_ = std::make_unique<Guest>(sockets_[1]);
    ASSERT_TRUE(link_->attach());
    run_until([this] { return guest_->connected; });
  }

  void TearDown() override {
    if (IsSkipped()) {
      return;
    }
    link_->detach();
    EXPECT_TRUE(stack_->leases_home());
    EXPECT_EQ(host_tests::violation_count(), violations_before_);
    guest_.reset();
    link_.reset();
    close(sockets_[0]);
    close(sockets_[1]);
  }

  /// Runs both sides (the bridge's loop: read, pump, write; idle when
  /// nothing moved) until `done`, or fails the test after many rounds.
  void run_until(const std::function<bool()> &done) {
    for (int round = 0; round < 2000; ++round) {
      guest_->exchange();
      link_->read();
      const bool moved = link_->pump();
      ASSERT_TRUE(link_->write());
      if (!moved) {
        device_->idle();
      }
      guest_->exchange();
      if (done()) {
        return;
      }
    }
    FAIL() << "the bridge never got there";
  }

  /// Runs both sides for `rounds` rounds, whatever happens.
  void run_rounds(int rounds) {
    int round = 0;
    run_until([&round, rounds] { return ++round == rounds; });
  }

  /// Resets the bus and selects configuration 1, as Linux enumerates.
  void enumerate() {
    usbredirparser_send_reset(guest_->parser());
    usb_redir_set_configuration_header configuration{.configuration = 1};
    usbredirparser_send_set_configuration(guest_->parser(), 1, &configuration);
    run_until([this] { return guest_->statuses.contains(1); });
    ASSERT_EQ(guest_->statuses[1].first, usb_redir_success);
  }

  int sockets_[2] = {-1, -1};
  std::vector<std::string> events_;
  usb_host::UsbmonCapture capture_;
  std::unique_ptr<StackDevice> stack_;
  std::unique_ptr<RecordingDevice> device_;
  std::unique_ptr<UsbredirLink> link_;
  std::unique_ptr<Guest> guest_;
  std::size_t violations_before_ = 0;
};

TEST_F(UsbredirLinkTest, AnnouncesTheDeclaredInterfacesEndpointsAndIdentity) {
  ASSERT_TRUE(guest_->interfaces.has_value());
  ASSERT_TRUE(guest_->endpoints.has_value());
  // The serial port: a communication interface (CDC ACM) and a data one.
  EXPECT_EQ(guest_->interfaces->interface_count, 2U);
  EXPECT_EQ(guest_->interfaces->interface_class[0], 0x02);
  EXPECT_EQ(guest_->interfaces->interface_subclass[0], 0x02);
  EXPECT_EQ(guest_->interfaces->interface_class[1], 0x0A);
  // Its endpoints, in usbredir's slots (OUT n at n, IN n at 16 + n):
  // notification interrupt IN, bulk OUT and bulk IN of 64 bytes.
  int interrupt_in = 0;
  int bulk = 0;
  for (int slot = 1; slot < 32; ++slot) {
    if (slot == 16) {
      continue;
    }
    if (guest_->endpoints->type[slot] == usb_redir_type_interrupt) {
      EXPECT_GE(slot, 16);
      EXPECT_NE(guest_->endpoints->interval[slot], 0);
      ++interrupt_in;
    } else if (guest_->endpoints->type[slot] == usb_redir_type_bulk) {
      EXPECT_EQ(guest_->endpoints->max_packet_size[slot], 64);
      EXPECT_EQ(guest_->endpoints->interface[slot], 1);
      ++bulk;
    } else {
      EXPECT_EQ(guest_->endpoints->type[slot], usb_redir_type_invalid);
    }
  }
  EXPECT_EQ(interrupt_in, 1);
  EXPECT_EQ(bulk, 2);
  EXPECT_EQ(guest_->connect.vendor_id, 0x1209);
  EXPECT_EQ(guest_->connect.product_id, 0x0001);
  EXPECT_EQ(guest_->connect.device_version_bcd, 0x0101);
  EXPECT_EQ(guest_->connect.speed, usb_redir_speed_full);
}

TEST_F(UsbredirLinkTest, RebuildsSetAddressAndSetConfigurationForTheStack) {
  usbredirparser_send_reset(guest_->parser());
  guest_->control(7, 0x80, 6, 0x0100, 0, 18);
  run_until([this] { return guest_->replies.contains(7); });
  ASSERT_EQ(guest_->replies[7].first, usb_redir_success);
  const auto declared = stack_->device_descriptor();
  EXPECT_EQ(guest_->replies[7].second, Bytes(declared.begin(), declared.end()));

  usb_redir_set_configuration_header configuration{.configuration = 1};
  usbredirparser_send_set_configuration(guest_->parser(), 8, &configuration);
  run_until([this] { return guest_->statuses.contains(8); });
  EXPECT_EQ(guest_->statuses[8].first, usb_redir_success);
  EXPECT_EQ(guest_->statuses[8].second, 1);

  // QEMU kept SET_ADDRESS to itself: the stack got one after the reset,
  // before anything else, then the SETUP of the SET_CONFIGURATION message.
  const std::vector<std::string> expected{"reset", "00 05 0001 0000 0000",
                                          "80 06 0100 0000 0012",
                                          "00 09 0001 0000 0000"};
  EXPECT_EQ(device_->setups, expected);
}

TEST_F(UsbredirLinkTest, RebuildsSetAndGetInterfaceForTheStack) {
  enumerate();
  device_->setups.clear();
  usb_redir_set_alt_setting_header data_interface{.interface = 1, .alt = 0};
  usbredirparser_send_set_alt_setting(guest_->parser(), 2, &data_interface);
  usb_redir_set_alt_setting_header no_such_setting{.interface = 1, .alt = 1};
  usbredirparser_send_set_alt_setting(guest_->parser(), 3, &no_such_setting);
  usb_redir_get_alt_setting_header which{.interface = 1};
  usbredirparser_send_get_alt_setting(guest_->parser(), 4, &which);
  run_until([this] { return guest_->statuses.contains(4); });
  EXPECT_EQ(guest_->statuses[2].first, usb_redir_success);
  EXPECT_EQ(guest_->statuses[3].first, usb_redir_stall);
  EXPECT_EQ(guest_->statuses[4].first, usb_redir_success);
  EXPECT_EQ(guest_->statuses[4].second, 0);
  const std::vector<std::string> expected{
      "01 0b 0000 0001 0000", "01 0b 0001 0001 0000", "81 0a 0000 0001 0001"};
  EXPECT_EQ(device_->setups, expected);
}

TEST_F(UsbredirLinkTest, TheStacksStallsReachTheHost) {
  usb_redir_set_configuration_header configuration{.configuration = 5};
  usbredirparser_send_set_configuration(guest_->parser(), 1, &configuration);
  guest_->control(2, 0x80, 6, 0x0363, 0x0409, 255); // string 99
  guest_->control(3, 0x80, 0x55, 0, 0, 8);          // no such request
  run_until([this] {
    return guest_->statuses.contains(1) && guest_->replies.contains(3);
  });
  EXPECT_EQ(guest_->statuses[1].first, usb_redir_stall);
  EXPECT_EQ(guest_->replies[2].first, usb_redir_stall);
  EXPECT_EQ(guest_->replies[3].first, usb_redir_stall);
}

TEST_F(UsbredirLinkTest, BulkDataIsEchoedThroughTheStackWithBackPressure) {
  enumerate();
  guest_->control(2, 0x21, 0x22, 3, 0, 0); // DTR and RTS: a terminal opens
  // More than the echo's two leases hold, in one OUT transfer, with no IN
  // transfer yet: the stack NAKs, and the link retries after each IN.
  Bytes sent(3 * usb_host::SerialEcho::buffer_size);
  for (std::size_t index = 0; index < sent.size(); ++index) {
    sent[index] = static_cast<std::uint8_t>(index * 7 + 1);
  }
  guest_->bulk(3, data_out, sent);
  run_until([this] { return guest_->replies.contains(2); });
  run_rounds(50);
  EXPECT_FALSE(guest_->replies.contains(3)) << "nothing held the host back";
  Bytes echoed;
  std::uint64_t id = 100;
  while (echoed.size() < sent.size() && id < 500) {
    guest_->bulk(id, data_in, {}, 128);
    run_until([this, id] { return guest_->replies.contains(id); });
    ASSERT_EQ(guest_->replies[id].first, usb_redir_success);
    echoed.insert(echoed.end(), guest_->replies[id].second.begin(),
                  guest_->replies[id].second.end());
    ++id;
  }
  EXPECT_EQ(echoed, sent);
  ASSERT_TRUE(guest_->replies.contains(3));
  EXPECT_EQ(guest_->replies[3].first, usb_redir_success);
  EXPECT_EQ(guest_->replies[3].second.size(), sent.size());
  EXPECT_NE(
      std::find(events_.begin(), events_.end(), "control-lines dtr=1 rts=1"),
      events_.end());
}

TEST_F(UsbredirLinkTest, ACancelledTransferIsAnsweredCancelled) {
  enumerate();
  guest_->bulk(5, data_in, {}, 64); // nothing to read: it waits
  run_until([this] { return !guest_->replies.contains(5); });
  usbredirparser_send_cancel_data_packet(guest_->parser(), 5);
  run_until([this] { return guest_->replies.contains(5); });
  EXPECT_EQ(guest_->replies[5].first, usb_redir_cancelled);
}

TEST_F(UsbredirLinkTest, SerialStateArrivesOnTheInterruptEndpoint) {
  enumerate();
  usb_redir_start_interrupt_receiving_header start{.endpoint = notification};
  usbredirparser_send_start_interrupt_receiving(guest_->parser(), 9, &start);
  run_until([this] { return guest_->statuses.contains(9); });
  EXPECT_EQ(guest_->statuses[9].first, usb_redir_success);
  std::string error;
  ASSERT_TRUE(stack_->command("serial-state", "3", error)) << error;
  // SERIAL_STATE (CDC PSTN table 31): bmRequestType A1, bNotification 20,
  // wLength 2, then the bitmap: DCD | DSR (after the one of the
  // configuration, all zero).
  const auto announced = [this] {
    return std::any_of(guest_->interrupts.begin(), guest_->interrupts.end(),
                       [](const auto &packet) {
                         return packet.second.size() == 10 &&
                                packet.second[8] == 0x03;
                       });
  };
  run_until(announced);
  for (const auto &[endpoint, packet] : guest_->interrupts) {
    EXPECT_EQ(endpoint, notification);
    ASSERT_EQ(packet.size(), 10U);
    EXPECT_EQ(packet[0], 0xA1);
    EXPECT_EQ(packet[1], 0x20);
    EXPECT_EQ(packet[6], 2);
  }
}

TEST_F(UsbredirLinkTest, DetachTellsTheHostAndBringsEveryLeaseHome) {
  enumerate();
  guest_->control(2, 0x21, 0x22, 3, 0, 0);
  guest_->bulk(3, data_in, {}, 64);
  guest_->bulk(4, data_out, Bytes(100, 0x55));
  run_until([this] { return guest_->replies.contains(3); });
  link_->detach();
  run_until([this] { return guest_->disconnects == 1; });
  EXPECT_TRUE(stack_->leases_home());
  ASSERT_TRUE(link_->attach());
  run_until([this] { return guest_->connected; });
  enumerate();
}

} // namespace
