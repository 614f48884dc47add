/// leash-usb-bridge: the reference USB stack, on the simulated nRF52840
/// USBD, offered to QEMU as a usbredir device, so that a real Linux kernel
/// enumerates it and moves data through it.
///
///   leash-usb-bridge --device serial|keyboard|composite|bare-echo
///                    [--port N] [--pcap FILE]
///
/// It listens on 127.0.0.1:N (0, the default, picks a free port), prints
/// `declared device HEX`, `declared configuration HEX`, then `listening N`,
/// and serves the one QEMU that connects (`-chardev socket,...,port=N
/// -device usb-redir,...`). The device is plugged in from the start.
/// Commands on standard input, one a line: `attach`, `detach` (hot-plug),
/// `serial-state BITS`, `hid-report HEX`, `quit`. What happens is printed
/// as `event TEXT` lines (`connected`, `attached`, `detached`,
/// `leases-home yes|no` after each detach, the host's line coding, control
/// lines and LED changes). At `quit` or the end of standard input it prints
/// `leases-home yes|no`, `model-failures N` and `violations N`.
///
/// Exit status: 0 when every buffer came home and neither the USBD model
/// nor the vocabulary saw a fault; 1 otherwise; 2 for bad arguments or a
/// socket or capture that cannot be opened.
#include "echo_device.h"
#include "hex.h"
#include "stack_device.h"
#include "support/host_hooks.h"
#include "usbmon_capture.h"
#include "usbredir_link.h"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace {

using usb_host::BridgedDevice;
using usb_host::UsbredirLink;

/// What the command line asks for.
struct Options {
  /// The device: serial, keyboard, composite or bare-echo.
  std::string device;
  /// The TCP port to listen on (0: any free one).
  std::uint16_t port = 0;
  /// Where to write the usbmon capture, if anywhere.
  std::string pcap;
};

/// How long the bus must be quiet before the device's time-driven work
/// runs (a serial port's receive timeout), in milliseconds.
constexpr int quiet_period_ms = 1;

/// Prints a usage error and returns exit status 2.
int usage_error(const std::string &message) {
  std::fprintf(stderr,
               "leash-usb-bridge: %s\nusage: leash-usb-bridge --device "
               "serial|keyboard|composite|bare-echo [--port N] [--pcap FILE]\n",
               message.c_str());
  return 2;
}

/// The options in `argv`, or nothing with `error` set.
std::optional<Options> parse_options(int argc, char **argv,
                                     std::string &error) {
  Options options;
  for (int index = 1; index < argc; ++index) {
    const std::string_view name = argv[index];
    if (index + 1 >= argc) {
      error = "option " + std::string(name) + " needs a value";
      return std::nullopt;
    }
    const std::string_view value = argv[++index];
    if (name == "--device") {
      options.device = value;
    } else if (name == "--pcap") {
      options.pcap = value;
    } else if (name == "--port") {
      const auto [end, status] = std::from_chars(
          value.data(), value.data() + value.size(), options.port);
      if (status != std::errc{} || end != value.data() + value.size()) {
        error =
            "--port takes a TCP port number, not '" + std::string(value) + "'";
        return std::nullopt;
      }
    } else {
      error = "unknown option " + std::string(name);
      return std::nullopt;
    }
  }
  if (options.device.empty()) {
    error = "--device is required";
    return std::nullopt;
  }
  return options;
}

/// The device the options name, or nothing.
std::unique_ptr<BridgedDevice> make_device(const std::string &name,
                                           usb_host::EventSink events) {
  if (name == "serial") {
    return std::make_unique<usb_host::StackDevice>(usb_host::StackKind::serial,
                                                   events);
  }
  if (name == "keyboard") {
    return std::make_unique<usb_host::StackDevice>(
        usb_host::StackKind::keyboard, events);
  }
  if (name == "composite") {
    return std::make_unique<usb_host::StackDevice>(
        usb_host::StackKind::composite, events);
  }
  if (name == "bare-echo") {
    return std::make_unique<usb_host::EchoDevice>();
  }
  return nullptr;
}

/// A socket listening on 127.0.0.1:`port`, or -1 with `error` set; `port`
/// becomes the port chosen.
int listen_on(std::uint16_t &port, std::string &error) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  const int reuse = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, sizeof reuse);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (fd < 0 ||
      bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 ||
      listen(fd, 1) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) != 0) {
    error = "cannot listen on 127.0.0.1:" + std::to_string(port) + ": " +
            std::strerror(errno);
    if (fd >= 0) {
      close(fd);
    }
    return -1;
  }
  port = ntohs(address.sin_port);
  return fd;
}

/// The bridge's main loop: the socket, standard input, and the device.
class Bridge {
public:
  Bridge(BridgedDevice &device, usb_host::UsbmonCapture &capture, int listener)
      : device_(device), capture_(capture), listener_(listener) {}

  /// Serves until `quit` or the end of standard input.
  void run() {
    bool quiet_work_done = false;
    while (!quit_) {
      const bool moved = link_ && link_->pump();
      if (link_ && !link_->write()) {
        drop_connection();
      }
      pollfd descriptors[2] = {
          {.fd = STDIN_FILENO, .events = POLLIN, .revents = 0},
          {.fd = link_ ? socket_ : listener_, .events = POLLIN, .revents = 0},
      };
      const int timeout = moved ? 0 : (quiet_work_done ? 50 : quiet_period_ms);
      const int ready = poll(descriptors, 2, timeout);
      if (ready == 0 && !moved) {
        device_.idle();
        quiet_work_done = true;
        continue;
      }
      quiet_work_done = quiet_work_done && !moved && ready == 0;
      if ((descriptors[0].revents & (POLLIN | POLLHUP)) != 0) {
        read_commands();
      }
      if ((descriptors[1].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
        quiet_work_done = false;
        if (link_) {
          if (!link_->read()) {
            drop_connection();
          }
        } else {
          accept_connection();
        }
      }
    }
  }

private:
  /// QEMU connects: the device is offered to it.
  void accept_connection() {
    const int fd = accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) {
      return;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    // Each reply is a small message that QEMU waits for: Nagle's algorithm
    // would hold it back for the previous one's acknowledgement.
    const int no_delay = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &no_delay, sizeof no_delay);
    socket_ = fd;
    link_ =
        std::make_unique<UsbredirLink>(socket_, device_, capture_, print_event);
    if (link_->attach()) {
      print_event("attached");
    } else {
      print_event("attach-failed");
    }
  }

  /// QEMU went away.
  void drop_connection() {
    if (link_->attached()) {
      device_.detach();
    }
    link_.reset();
    close(socket_);
    socket_ = -1;
    print_event("disconnected");
  }

  /// Handles the complete lines on standard input.
  void read_commands() {
    char chunk[4096];
    const ssize_t count = ::read(STDIN_FILENO, chunk, sizeof chunk);
    if (count <= 0) {
      quit_ = true;
      return;
    }
    pending_input_.append(chunk, static_cast<std::size_t>(count));
    std::size_t end;
    while ((end = pending_input_.find('\n')) != std::string::npos) {
      const std::string line = pending_input_.substr(0, end);
      pending_input_.erase(0, end + 1);
      handle_command(line);
    }
  }

  /// Carries out one command.
  void handle_command(std::string_view line) {
    const std::size_t space = line.find(' ');
    const std::string_view name = line.substr(0, space);
    const std::string_view argument =
        space == std::string_view::npos ? "" : line.substr(space + 1);
    if (name.empty()) {
      return;
    }
    if (name == "quit") {
      quit_ = true;
    } else if (name == "attach") {
      if (!link_) {
        command_failed(line, "QEMU is not connected");
      } else if (link_->attach()) {
        print_event("attached");
      } else {
        command_failed(line, "the device did not attach");
      }
    } else if (name == "detach") {
      if (!link_) {
        command_failed(line, "QEMU is not connected");
        return;
      }
      link_->detach();
      print_event("detached");
      print_event(std::string("leases-home ") +
                  (device_.leases_home() ? "yes" : "no"));
    } else {
      std::string error;
      if (!device_.command(name, argument, error)) {
        command_failed(line, error);
      }
    }
  }

  /// Reports a command that could not be carried out.
  static void command_failed(std::string_view line, const std::string &why) {
    std::fprintf(stderr, "leash-usb-bridge: '%.*s': %s\n",
                 static_cast<int>(line.size()), line.data(), why.c_str());
    print_event("command-failed " + std::string(line));
  }

  /// Prints `event TEXT`.
  static void print_event(const std::string &text) {
    std::printf("event %s\n", text.c_str());
    std::fflush(stdout);
  }

  /// The device.
  BridgedDevice &device_;
  /// The capture.
  usb_host::UsbmonCapture &capture_;
  /// The listening socket.
  int listener_;
  /// The connection to QEMU, or -1.
  int socket_ = -1;
  /// The usbredir link over it.
  std::unique_ptr<UsbredirLink> link_;
  /// Standard input not yet ending in a newline.
  std::string pending_input_;
  /// Whether to stop.
  bool quit_ = false;
};

} // namespace

int main(int argc, char **argv) {
  std::string error;
  const std::optional<Options> options = parse_options(argc, argv, error);
  if (!options) {
    return usage_error(error);
  }
  const auto print = [](const std::string &text) {
    std::printf("event %s\n", text.c_str());
    std::fflush(stdout);
  };
  std::unique_ptr<BridgedDevice> device = make_device(options->device, print);
  if (!device) {
    return usage_error("unknown device '" + options->device +
                       "' (serial, keyboard, composite or bare-echo)");
  }
  usb_host::UsbmonCapture capture;
  if (!options->pcap.empty() && !capture.open(options->pcap, error)) {
    return usage_error(error);
  }
  std::uint16_t port = options->port;
  const int listener = listen_on(port, error);
  if (listener < 0) {
    return usage_error(error);
  }
  const std::size_t violations_before = host_tests::violation_count();
  std::printf("declared device %s\n",
              usb_host::to_hex(device->device_descriptor()).c_str());
  std::printf("declared configuration %s\n",
              usb_host::to_hex(device->configuration_descriptor()).c_str());
  std::printf("listening %u\n", static_cast<unsigned>(port));
  std::fflush(stdout);

  Bridge bridge(*device, capture, listener);
  bridge.run();

  // The USBD model reports a driver's misuse of the hardware as a
  // GoogleTest failure outside any test.
  const int model_failures =
      testing::UnitTest::GetInstance()->ad_hoc_test_result().total_part_count();
  const std::size_t violations =
      host_tests::violation_count() - violations_before;
  const bool home = device->leases_home();
  std::printf("leases-home %s\nmodel-failures %d\nviolations %zu\n",
              home ? "yes" : "no", model_failures, violations);
  std::fflush(stdout);
  return home && model_failures == 0 && violations == 0 ? 0 : 1;
}
