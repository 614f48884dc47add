/// Test support: a register-level model of the nRF52840's UARTE0 and EasyDMA.
#ifndef HOST_TESTS_SUPPORT_SIMULATED_NRF52840_UARTE_H
#define HOST_TESTS_SUPPORT_SIMULATED_NRF52840_UARTE_H

#include "chips/nrf52840/easy_dma.h"
#include "chips/nrf52840/uarte_registers.h"
#include "libraries/registers/simulated_access.h"
#include "support/simulated_data_ram.h"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace host_tests {

/// The UARTE's behaviour behind a register block in host memory, as the
/// Product Specification describes it. Tasks start and stop transfers;
/// EasyDMA reads and writes the memory at PTR, up to MAXCNT bytes, and
/// reports AMOUNT; events are set as the hardware sets them (TXSTARTED,
/// TXDRDY, ENDTX, TXSTOPPED, RXSTARTED, RXDRDY, ENDRX, RXTO, ERROR) and the
/// interrupt line is high while an event enabled in INTEN is set. The test
/// plays the far end of the line: bytes arrive, a slow transmitter sends
/// only when told, line errors happen.
///
/// It also keeps the hardware honest about ownership, failing the test
/// loudly (ADD_FAILURE) when the driver breaks EasyDMA's rules: a PTR outside
/// the Data RAM the test registered, a transmit buffer that changed between
/// EasyDMA taking it (STARTTX) and releasing it (ENDTX), a receive buffer
/// that changed under EasyDMA other than by EasyDMA's own writes, a task
/// the model does not implement.
///
/// The address map. The driver writes 32-bit addresses into PTR, but host
/// memory has 64-bit ones, so EasyDMA cannot see host memory directly. The
/// test registers each host array its leases are made from
/// (`add_data_ram`); the model gives it the next free range of the chip's
/// Data RAM (0x2000'0000 up, word-aligned, 256 KiB in all) and answers the
/// driver's `easy_dma_address` with the array's address in that range. A
/// PTR is then translated back to the host array when a transfer starts;
/// host memory the test did not register maps to an address in flash
/// (below 0x2000'0000), which EasyDMA refuses as the chip would fault. The
/// map is `SimulatedDataRam`, which the USBD's model shares.
class SimulatedNrf52840Uarte final
    : public registers::simulation::Bus,
      public chips::nrf52840::simulation::DataRamMap {
public:
  /// Attaches the model to the register accesses and the EasyDMA addresses
  /// of the program.
  SimulatedNrf52840Uarte();
  /// Detaches it.
  ~SimulatedNrf52840Uarte();

  SimulatedNrf52840Uarte(const SimulatedNrf52840Uarte &) = delete;
  SimulatedNrf52840Uarte &operator=(const SimulatedNrf52840Uarte &) = delete;

  std::uint64_t read(std::uintptr_t address, std::uint64_t stored) override;
  std::uint64_t write(std::uintptr_t address, std::uint64_t value,
                      std::uint64_t stored) override;
  std::uint32_t device_address(std::uintptr_t host_address) override;

  /// Makes `array` Data RAM that EasyDMA may reach; returns its address.
  template <std::size_t N>
  std::uint32_t add_data_ram(std::uint8_t (&array)[N]) {
    return data_ram_.add(array, N);
  }

  /// `bytes` arrive on the line, one after the other.
  void receive(std::string_view bytes);
  /// A line error (ERRORSRC bits: 1 overrun, 2 parity, 4 framing, 8 break).
  void line_error(std::uint32_t sources);
  /// While set, the transmitter sends only when `send` says so (a slow
  /// line); otherwise a transmission completes as it starts.
  void hold_transmitter(bool hold) { hold_transmitter_ = hold; }
  /// Sends up to `count` more bytes of the running transmission.
  void send(std::size_t count);

  /// Whether the interrupt line is high (an enabled event is set).
  [[nodiscard]] bool interrupt_line() const;
  /// How many bytes wait in the receive FIFO.
  [[nodiscard]] std::size_t fifo_level() const { return fifo_.size(); }
  /// Whether the receiver runs (STARTRX until RXTO).
  [[nodiscard]] bool receiver_running() const { return receiver_running_; }
  /// Whether EasyDMA holds a transmit buffer (STARTTX until ENDTX).
  [[nodiscard]] bool transmitting() const { return tx_.active; }
  /// Whether EasyDMA holds a receive buffer (STARTRX until ENDRX).
  [[nodiscard]] bool receiving() const { return rx_.active; }

  /// The block the driver is given.
  chips::nrf52840::UarteRegisters registers{};
  /// Every byte sent on the line.
  std::string sent;

  /// The receive FIFO's depth.
  static constexpr std::size_t fifo_depth = 5;

private:
  /// A transfer EasyDMA holds: its buffer in host memory, its length, how
  /// far it got, and what the buffer must hold (a snapshot for transmit,
  /// the snapshot plus EasyDMA's own writes for receive).
  struct Transfer {
    bool active = false;
    std::uint8_t *memory = nullptr;
    std::size_t length = 0;
    std::size_t done = 0;
    std::vector<std::uint8_t> expected;
  };

  /// Whether ENABLE holds the UARTE's value.
  [[nodiscard]] bool enabled() const;
  /// Fails the test if `transfer`'s buffer no longer holds what it should.
  void check_untouched(Transfer &transfer, const char *what);
  /// Sets an event register.
  static void
  raise(registers::ReadWrite<std::uint32_t, chips::nrf52840::Signal> &event);

  /// STARTTX: EasyDMA takes (and remembers) the TXD buffer.
  void start_tx();
  /// STOPTX: ENDTX if a buffer is held, then TXSTOPPED.
  void stop_tx();
  /// EasyDMA releases the TXD buffer: AMOUNT, ENDTX.
  void end_tx();
  /// STARTRX: the receiver runs, EasyDMA takes the RXD buffer and first
  /// fills it from the FIFO.
  void start_rx();
  /// STOPRX: ENDRX if a buffer is held, then RXTO; the receiver stops.
  void stop_rx();
  /// EasyDMA releases the RXD buffer: AMOUNT, ENDRX.
  void end_rx();
  /// One byte from the line: into the buffer, else the FIFO, else lost.
  void arrive(std::uint8_t byte);
  /// EasyDMA writes `byte` into the receive buffer.
  void dma_write(std::uint8_t byte);

  /// The host arrays the test registered as Data RAM.
  SimulatedDataRam data_ram_;
  /// Whether the transmitter waits for `send`.
  bool hold_transmitter_ = false;
  /// Whether the receiver runs (STARTRX until the RXTO of a STOPRX).
  bool receiver_running_ = false;
  /// The TXD channel's transfer.
  Transfer tx_;
  /// The RXD channel's transfer.
  Transfer rx_;
  /// Bytes received while no RXD buffer was held.
  std::deque<std::uint8_t> fifo_;
};

} // namespace host_tests

#endif // HOST_TESTS_SUPPORT_SIMULATED_NRF52840_UARTE_H
