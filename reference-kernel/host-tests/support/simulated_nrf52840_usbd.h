/// Test support: a register-level model of the nRF52840's USBD and its EasyDMA,
/// driven by a scripted USB host.
#ifndef HOST_TESTS_SUPPORT_SIMULATED_NRF52840_USBD_H
#define HOST_TESTS_SUPPORT_SIMULATED_NRF52840_USBD_H

#include "chips/nrf52840/easy_dma.h"
#include "chips/nrf52840/usbd_registers.h"
#include "libraries/registers/simulated_access.h"
#include "support/simulated_data_ram.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace host_tests {

/// How the device answered a token from the host.
enum class Handshake : std::uint8_t {
  /// The packet moved.
  ack,
  /// The device is not ready: the host retries later.
  nak,
  /// The endpoint is halted, or the control transfer stalled.
  stall,
  /// Nobody answers: the device is not on the bus (no pull-up).
  none,
};

/// What an IN token got: a handshake, and the packet when it is `ack`.
struct InResult {
  /// The device's answer.
  Handshake handshake = Handshake::none;
  /// The packet's bytes (empty for a zero-length packet).
  std::vector<std::uint8_t> data;
};

/// The USBD's behaviour behind register blocks in host memory, in the order
/// the notes on the nRF52840 (shared notes, USBD section) give it, with a
/// host-side API in USB terms. A later bridge (usbredir to a Linux guest)
/// drives the same API: each call is one bus transaction or bus condition,
/// and it changes registers and raises events exactly as the hardware would;
/// the driver then runs from the kernel loop while `interrupt_line()` is
/// high.
///
/// The host side:
/// - `connect_vbus(bool)`: VBUS appears or goes (USBREGSTATUS, POWER's
///   USBDETECTED/USBPWRRDY/USBREMOVED);
/// - `bus_reset()`: USBRESET; every endpoint but 0 disabled, halts and
///   packets dropped, USBADDR 0;
/// - `setup(8 bytes)`: latches BMREQUESTTYPE..WLENGTHH, ends a stall, drops
///   endpoint 0's packets, raises EP0SETUP; SET_ADDRESS is remembered for
///   the hardware's own status stage;
/// - `host_in(n)`: an IN token: the packet ENDEPIN left in the endpoint's
///   buffer (then EP0DATADONE, or EPDATA with EPDATASTATUS.EPIN[n]), or
///   NAK, or STALL;
/// - `host_out(n, bytes)`: an OUT data packet: ACK when the endpoint was
///   armed (EP0RCVOUT for endpoint 0, a SIZE.EPOUT write or the re-arm after
///   ENDEPOUT for the others), then SIZE.EPOUT[n] and EP0DATADONE, or EPDATA
///   with EPDATASTATUS.EPOUT[n]; NAK or STALL otherwise;
/// - `host_status()`: the status stage of the current control transfer:
///   ACK once EP0STATUS was triggered (or by the hardware itself for
///   SET_ADDRESS, which then sets USBADDR), NAK before, STALL when stalled;
/// - `suspend()`, `resume()`: USBEVENT with EVENTCAUSE.SUSPEND or RESUME.
///
/// EasyDMA: a STARTEPIN/STARTEPOUT task raises STARTED and sets the
/// endpoint's EPSTATUS bit; the transfer runs until the host side calls
/// `finish_dma()` (time passing) or the driver polls the transfer's END
/// event a few times (a packet takes EasyDMA microseconds). At its end it
/// reads or writes the memory at PTR, at most MAXCNT bytes, sets AMOUNT and
/// raises ENDEPIN[n] or ENDEPOUT[n].
///
/// It keeps the driver honest, failing the test (ADD_FAILURE) when it
/// breaks the hardware's rules: a second transfer started while one runs
/// (one EasyDMA transfer at a time across all endpoints), a PTR outside the
/// Data RAM the test registered, a buffer that changed between a
/// transfer's START and END (the CPU touched memory EasyDMA owned),
/// EP0RCVOUT or EP0STATUS while a transfer runs (the driver's documented
/// choice), EP0STATUS for SET_ADDRESS, a transfer on an endpoint not
/// enabled, an OUT transfer with no packet, a transfer started without
/// erratum 199's write.
class SimulatedNrf52840Usbd final
    : public registers::simulation::Bus,
      public chips::nrf52840::simulation::DataRamMap {
public:
  /// Attaches the model to the register accesses and the EasyDMA addresses
  /// of the program.
  SimulatedNrf52840Usbd();
  /// Detaches it.
  ~SimulatedNrf52840Usbd();

  SimulatedNrf52840Usbd(const SimulatedNrf52840Usbd &) = delete;
  SimulatedNrf52840Usbd &operator=(const SimulatedNrf52840Usbd &) = delete;

  std::uint64_t read(std::uintptr_t address, std::uint64_t stored) override;
  std::uint64_t write(std::uintptr_t address, std::uint64_t value,
                      std::uint64_t stored) override;
  std::uint32_t device_address(std::uintptr_t host_address) override;

  /// Makes `array` Data RAM that EasyDMA may reach; returns its address.
  template <std::size_t N>
  std::uint32_t add_data_ram(std::uint8_t (&array)[N]) {
    return data_ram_.add(array, N);
  }

  // The host side.

  /// VBUS appears (`present`) or goes away.
  void connect_vbus(bool present);
  /// The host resets the bus.
  void bus_reset();
  /// The host sends a SETUP packet on endpoint 0.
  void setup(const std::array<std::uint8_t, 8> &bytes);
  /// The host sends an IN token to endpoint `number`.
  InResult host_in(std::uint8_t number);
  /// The host sends `bytes` (at most 64) as an OUT data packet to endpoint
  /// `number`.
  Handshake host_out(std::uint8_t number, std::span<const std::uint8_t> bytes);
  /// The host runs the status stage of the current control transfer.
  Handshake host_status();
  /// The bus goes idle: the device must suspend.
  void suspend();
  /// The host resumes the bus.
  void resume();

  // Time and observation.

  /// EasyDMA completes the running transfer; returns whether one ran.
  bool finish_dma();
  /// Whether EasyDMA runs a transfer.
  [[nodiscard]] bool dma_running() const { return dma_.active; }
  /// Whether the interrupt line is high (an event enabled in INTEN is set).
  [[nodiscard]] bool interrupt_line() const;
  /// Whether the device is on the bus (enabled, D+ pull-up on).
  [[nodiscard]] bool connected() const;
  /// The address the hardware answers on (USBADDR).
  [[nodiscard]] std::uint32_t address() const;
  /// How many OUT packets the driver dropped by arming an endpoint that
  /// held one.
  [[nodiscard]] std::size_t dropped_out_packets() const {
    return dropped_out_packets_;
  }
  /// How many transfers EasyDMA ran, and the most that ever ran at once.
  [[nodiscard]] std::size_t dma_transfers() const { return dma_transfers_; }
  /// Every endpoint transfer in the order EasyDMA started them: "IN1",
  /// "OUT0"...
  [[nodiscard]] const std::vector<std::string> &dma_log() const {
    return dma_log_;
  }
  /// The power-up writes in order ("ED14=3", "ENABLE=1", "PULLUP=1"...).
  [[nodiscard]] const std::vector<std::string> &power_log() const {
    return power_log_;
  }

  /// The USBD's block the driver is given.
  chips::nrf52840::UsbdRegisters registers{};
  /// The USB part of POWER.
  chips::nrf52840::PowerUsbRegisters power{};
  /// The errata registers from 0x4006'EC00.
  chips::nrf52840::UsbdErrataRegisters errata{};

private:
  /// One endpoint's buffer inside the USBD (one direction).
  struct EndpointBuffer {
    /// IN: EasyDMA filled it and the host has not fetched it. OUT: the host
    /// filled it and EasyDMA has not emptied it.
    bool full = false;
    /// OUT only: the endpoint ACKs the next packet.
    bool armed = false;
    /// The packet.
    std::vector<std::uint8_t> data;
  };
  /// The transfer EasyDMA runs.
  struct Transfer {
    bool active = false;
    bool in = false;
    std::uint8_t number = 0;
    std::uint8_t *memory = nullptr;
    std::size_t length = 0;
    /// The buffer's bytes at START: they must still be there at END.
    std::vector<std::uint8_t> snapshot;
    /// How often the driver read the END event while the transfer ran.
    std::size_t end_polls = 0;
  };

  /// Sets an event register.
  static void raise(chips::nrf52840::UsbdEvent &event);
  /// The event register of INTEN bit `bit` (null for a bit with none).
  [[nodiscard]] const chips::nrf52840::UsbdEvent *
  event_of_bit(unsigned bit) const;
  /// Whether endpoint `number` is enabled in direction `in`.
  [[nodiscard]] bool endpoint_enabled(bool in, std::uint8_t number) const;
  /// Whether endpoint `number` is halted in direction `in`.
  [[nodiscard]] bool halted(bool in, std::uint8_t number) const;
  /// STARTEPIN[n] or STARTEPOUT[n].
  void start_dma(bool in, std::uint8_t number);
  /// A write to EPSTALL.
  void endpoint_stall(std::uint32_t value);
  /// A write to ENABLE.
  void enable(std::uint32_t value);
  /// Drops every packet and halt, and the control transfer's state.
  void forget_endpoints();
  /// Sets bits of a write-one-to-clear status register.
  static void add_bits(
      registers::Aliased<std::uint32_t, chips::nrf52840::UsbdEndpointStatus>
          &status,
      std::uint32_t bits);

  /// The registered Data RAM.
  SimulatedDataRam data_ram_;
  /// IN endpoints 0..7.
  std::array<EndpointBuffer, chips::nrf52840::usbd_endpoint_count> in_;
  /// OUT endpoints 0..7.
  std::array<EndpointBuffer, chips::nrf52840::usbd_endpoint_count> out_;
  /// The running transfer.
  Transfer dma_;
  /// Endpoint 0 answers STALL until the next SETUP.
  bool endpoint0_stalled_ = false;
  /// EP0STATUS was triggered: the status stage may complete.
  bool status_enabled_ = false;
  /// The current control transfer is SET_ADDRESS, to this address.
  bool set_address_pending_ = false;
  /// The address SET_ADDRESS asked for.
  std::uint32_t pending_address_ = 0;
  /// See dropped_out_packets().
  std::size_t dropped_out_packets_ = 0;
  /// See dma_transfers().
  std::size_t dma_transfers_ = 0;
  /// See dma_log().
  std::vector<std::string> dma_log_;
  /// See power_log().
  std::vector<std::string> power_log_;
};

} // namespace host_tests

#endif // HOST_TESTS_SUPPORT_SIMULATED_NRF52840_USBD_H
