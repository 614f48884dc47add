/// ConsoleDriver: processes' text output and input over a shared UART, as
/// system call driver 0x1.
#ifndef CAPSULES_PROCESS_CONSOLE_DRIVER_H
#define CAPSULES_PROCESS_CONSOLE_DRIVER_H

#include "capsules/process/grant_numbers.h"
#include "capsules/process/marked_processes.h"
#include "kernel/hil/uart.h"
#include "kernel/process/grant.h"
#include "kernel/process/processes.h"
#include "kernel/process/syscall_driver.h"

#include <leash/annotations.h>
#include <leash/cell.h>
#include <leash/lease.h>
#include <leash/optional_cell.h>
#include <leash/take_cell.h>

#include <array>
#include <cstddef>
#include <cstdint>

namespace capsules::process {

/// The system call half of Tock's console (capsules/core/src/console.rs):
/// each process writes from, and reads into, buffers it allowed, and hears
/// of the end through an upcall.
///
/// Driver 0x1, Tock's numbers:
/// - command 0: the driver exists (success);
/// - command 1 `n`: write the first `n` bytes of read-only allow 1; upcall
///   1 with (bytes written, 0, 0) when they have been sent. Refused with
///   `ErrorCode::busy` while this process's previous write is pending,
///   `ErrorCode::invalid` when it allowed no buffer, `ErrorCode::size` when
///   `n` is 0 or larger than the buffer;
/// - command 2 `n`: read `n` bytes into read-write allow 1; upcall 2 with
///   (status, bytes read, 0), status 0 or TRD104's error number (8, CANCEL,
///   after an abort). Refused as a write is, and with `ErrorCode::busy`
///   while another process reads (the UART has one receiver; a reader that
///   ended mid-read no longer counts: its reception is aborted and the new
///   read starts when it ends);
/// - command 3: abort this process's read (its upcall 2 follows, with
///   CANCEL and what arrived so far); `ErrorCode::off` when it has none.
///
/// Writes of several processes wait their turn: one transmission at a time
/// goes to the UART, a write is sent whole (all its chunks back to back)
/// before the next process's, and the next write is chosen round robin from
/// the process after the one just served, so no process starves another.
/// On the board the UART is a virtual UART of the `MuxUart`, so that the
/// kernel's own console shares the wire.
///
/// Process memory never goes to the UART: the driver owns one transmit and
/// one receive lease and copies through the bounded views of the allowed
/// buffers, chunk by chunk. A process's request (lengths, progress) lives
/// in its grant and ends with it; the driver itself only remembers which
/// processes wait, by `ProcessId`, so an ended process's id reaches nothing
/// and is dropped when its turn comes.
class LEASH_COMPONENT ConsoleDriver final
    : public kernel::process::SyscallDriver,
      public kernel::hil::uart::TransmitClient,
      public kernel::hil::uart::ReceiveClient {
public:
  /// Tock's driver number for the console.
  static constexpr std::uint32_t driver_number = 0x1;

  /// The commands.
  enum Command : std::uint32_t {
    /// Whether the driver exists.
    exists = 0,
    /// Write from read-only allow 1.
    write = 1,
    /// Read into read-write allow 1.
    read = 2,
    /// Abort the read.
    abort_read = 3,
  };

  /// The allow number of the buffers (read-only for writes, read-write for
  /// reads).
  static constexpr std::uint32_t buffer_allow = 1;
  /// The upcall that ends a write.
  static constexpr std::uint32_t write_done_upcall = 1;
  /// The upcall that ends a read.
  static constexpr std::uint32_t read_done_upcall = 2;

  /// A driver for the processes of `processes` on `uart`, sending through
  /// `transmit_buffer` and receiving through `receive_buffer` (each at
  /// least one byte; longer leases mean fewer chunks). The board makes the
  /// driver the UART's transmit and receive client.
  ConsoleDriver(const kernel::process::Processes &processes,
                const kernel::hil::uart::UartData &uart,
                leash::Lease<std::uint8_t> transmit_buffer,
                leash::Lease<std::uint8_t> receive_buffer);

  // kernel::process::SyscallDriver

  /// Answers command `number` with length `argument1` from `process`.
  [[nodiscard]] kernel::process::SyscallReturn
  command(std::uint32_t number, std::uint32_t argument1,
          std::uint32_t argument2,
          kernel::process::ProcessId process) const override;

  // kernel::hil::uart::TransmitClient and ReceiveClient

  /// A chunk was sent: the write goes on, or ends with its upcall and the
  /// next process's write starts.
  void transmitted(leash::Lease<std::uint8_t> buffer, std::size_t length,
                   kernel::Result result) const override;
  /// Bytes arrived: they go into the reader's buffer; the read goes on, or
  /// ends with its upcall.
  void received(leash::Lease<std::uint8_t> buffer, std::size_t length,
                kernel::Result result) const override;

private:
  /// A process's requests, in its grant.
  struct Requests {
    /// Whether a write waits or runs.
    bool write_pending;
    /// Its length.
    std::uint32_t write_length;
    /// How many of its bytes were sent.
    std::uint32_t written;
    /// Whether a read runs.
    bool read_pending;
    /// Its length.
    std::uint32_t read_length;
    /// How many bytes arrived.
    std::uint32_t received;
  };

  // The commands' work stays out of line (`noinline`), so that `command`
  // itself is a jump table that saves no registers: processes probe drivers
  // with command 0, and that costs a few instructions, not a frame built for
  // the largest case.

  /// Starts `process`'s write, or says why not.
  [[nodiscard, gnu::noinline]] kernel::process::SyscallReturn
  start_write(kernel::process::ProcessId process, std::uint32_t length) const;
  /// Starts `process`'s read, or says why not.
  [[nodiscard, gnu::noinline]] kernel::process::SyscallReturn
  start_read(kernel::process::ProcessId process, std::uint32_t length) const;
  /// Stops `process`'s read.
  [[nodiscard, gnu::noinline]] kernel::process::SyscallReturn
  abort(kernel::process::ProcessId process) const;

  /// Sends the next chunk of the write of the next waiting process, round
  /// robin after the one served last, if the transmit lease is idle.
  void start_next_write() const;
  /// Sends the next chunk of `process`'s write; false when it could not
  /// (the process is gone, or its buffer shrank, or the UART refused: then
  /// the write has ended).
  bool send_chunk(kernel::process::ProcessId process) const;
  /// Ends `process`'s write: it no longer waits, and hears how much was
  /// sent.
  void finish_write(kernel::process::ProcessId process) const;
  /// Asks the UART for the next bytes of `process`'s read; the UART's
  /// refusal, if it refused.
  kernel::Result receive_chunk(kernel::process::ProcessId process) const;
  /// Ends `process`'s read with `result`: it hears the status and count.
  void finish_read(kernel::process::ProcessId process,
                   kernel::Result result) const;

  /// The process table.
  const kernel::process::Processes &processes_;
  /// The UART.
  const kernel::hil::uart::UartData &uart_;
  /// Each process's requests.
  kernel::process::Grant<Requests, grant_numbers::console> requests_;
  /// The transmit lease while no chunk is being sent.
  leash::TakeCell<leash::Lease<std::uint8_t>> transmit_buffer_;
  /// The receive lease while no read runs.
  leash::TakeCell<leash::Lease<std::uint8_t>> receive_buffer_;
  /// The process whose chunk is being sent.
  leash::OptionalCell<kernel::process::ProcessId> writer_;
  /// The process whose read runs.
  leash::OptionalCell<kernel::process::ProcessId> reader_;
  /// Whether the UART's reception is one being aborted because its reader
  /// ended; the read in `reader_`, if any, starts when it ends.
  leash::Cell<bool> draining_{false};
  /// The processes waiting to write.
  MarkedProcesses waiting_;
  /// The slot of the process served last (where the round robin resumes).
  leash::Cell<std::size_t> served_last_;
};

} // namespace capsules::process

#endif // CAPSULES_PROCESS_CONSOLE_DRIVER_H
