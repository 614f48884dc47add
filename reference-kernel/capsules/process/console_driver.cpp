/// The console driver: commands, the round robin of writes, and the UART's
/// callbacks.
#include "capsules/process/console_driver.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>

namespace capsules::process {

using kernel::ErrorCode;
using kernel::Result;
using kernel::process::ProcessId;
using kernel::process::ReadOnlyProcessBuffer;
using kernel::process::ReadWriteProcessBuffer;
using kernel::process::SyscallReturn;
using kernel::process::UpcallSlot;

namespace {

/// Where processes allow their buffers.
constexpr UpcallSlot buffer_slot{ConsoleDriver::driver_number,
                                 ConsoleDriver::buffer_allow};
/// The upcall slots.
constexpr UpcallSlot write_done_slot{ConsoleDriver::driver_number,
                                     ConsoleDriver::write_done_upcall};
/// See `write_done_slot`.
constexpr UpcallSlot read_done_slot{ConsoleDriver::driver_number,
                                    ConsoleDriver::read_done_upcall};

/// The slot number of `process` in the waiting table.
constexpr std::size_t slot_of(ProcessId process) { return process.index; }

/// Why a request of `length` bytes for a buffer of `allowed` bytes is
/// refused, in the documented order, given whether one is `pending`.
std::optional<ErrorCode> refusal(bool pending, std::size_t allowed,
                                 std::uint32_t length) {
  if (pending) {
    return ErrorCode::busy;
  }
  if (allowed == 0) {
    return ErrorCode::invalid;
  }
  if (length == 0 || length > allowed) {
    return ErrorCode::size;
  }
  return std::nullopt;
}

} // namespace

ConsoleDriver::ConsoleDriver(const kernel::process::Processes &processes,
                             const kernel::hil::uart::UartData &uart,
                             leash::Lease<std::uint8_t> transmit_buffer,
                             leash::Lease<std::uint8_t> receive_buffer)
    : processes_(processes), uart_(uart), requests_(processes),
      transmit_buffer_(std::move(transmit_buffer)),
      receive_buffer_(std::move(receive_buffer)) {}

SyscallReturn ConsoleDriver::command(std::uint32_t number,
                                     std::uint32_t argument1,
                                     std::uint32_t /*argument2*/,
                                     ProcessId process) const {
  switch (number) {
  case exists:
    return SyscallReturn::success();
  case write:
    return start_write(process, argument1);
  case read:
    return start_read(process, argument1);
  case abort_read:
    return abort(process);
  default:
    return SyscallReturn::failure(ErrorCode::no_support);
  }
}

SyscallReturn ConsoleDriver::start_write(ProcessId process,
                                         std::uint32_t length) const {
  std::size_t allowed = 0;
  const Result seen = processes_.with_read_only_allow(
      process, buffer_slot,
      [&allowed](const ReadOnlyProcessBuffer &view) { allowed = view.size(); });
  if (!seen.is_ok()) {
    return SyscallReturn::from(seen);
  }
  std::optional<ErrorCode> refused;
  const Result entered =
      requests_.enter(process, [&refused, allowed, length](Requests &requests) {
        refused = refusal(requests.write_pending, allowed, length);
        if (refused) {
          return;
        }
        requests.write_pending = true;
        requests.write_length = length;
        requests.written = 0;
      });
  if (!entered.is_ok()) {
    return SyscallReturn::from(entered);
  }
  if (refused) {
    return SyscallReturn::failure(*refused);
  }
  waiting_.mark(process);
  start_next_write();
  return SyscallReturn::success();
}

void ConsoleDriver::start_next_write() const {
  if (transmit_buffer_.is_none()) {
    return; // A chunk is on the UART; its end starts the next.
  }
  constexpr std::size_t slots = MarkedProcesses::slot_count;
  for (std::size_t step = 1; step <= slots; ++step) {
    const std::size_t slot = (served_last_.get() + step) % slots;
    const std::optional<ProcessId> process = waiting_.at(slot);
    if (process && send_chunk(*process)) {
      return;
    }
  }
}

bool ConsoleDriver::send_chunk(ProcessId process) const {
  std::uint32_t offset = 0;
  std::uint32_t remaining = 0;
  const Result entered =
      requests_.enter(process, [&offset, &remaining](Requests &requests) {
        offset = requests.written;
        remaining = requests.write_length - requests.written;
      });
  if (!entered.is_ok()) {
    waiting_.unmark(process); // The process is gone; so is its write.
    return false;
  }
  leash::Lease<std::uint8_t> buffer = transmit_buffer_.take();
  buffer.reset();
  std::size_t chunk = 0;
  // The process may have replaced its allow since the command: the view
  // says how much is still there, and the copy never reads past it.
  static_cast<void>(processes_.with_read_only_allow(
      process, buffer_slot,
      [&buffer, &chunk, offset, remaining](const ReadOnlyProcessBuffer &view) {
        const std::size_t available =
            view.size() > offset ? view.size() - offset : 0;
        chunk = std::min<std::size_t>({remaining, available, buffer.size()});
        for (std::size_t index = 0; index < chunk; ++index) {
          buffer[index] = view.at(offset + index);
        }
      }));
  if (chunk == 0) {
    transmit_buffer_.put(std::move(buffer));
    finish_write(process);
    return false;
  }
  kernel::hil::uart::BufferRefusal refusal =
      uart_.transmit(std::move(buffer), chunk);
  if (refusal) {
    transmit_buffer_.put(std::move(refusal).value());
    finish_write(process);
    return false;
  }
  writer_.set(process);
  served_last_.set(slot_of(process));
  return true;
}

void ConsoleDriver::transmitted(leash::Lease<std::uint8_t> buffer,
                                std::size_t length, Result result) const {
  transmit_buffer_.put(std::move(buffer));
  const std::optional<ProcessId> writer = writer_.take();
  if (!writer) {
    start_next_write();
    return;
  }
  bool more = false;
  const Result entered =
      requests_.enter(*writer, [&more, length, result](Requests &requests) {
        requests.written += static_cast<std::uint32_t>(length);
        more = result.is_ok() && requests.written < requests.write_length;
      });
  if (!entered.is_ok()) {
    waiting_.unmark(*writer); // It ended while its chunk was sent.
  } else if (!more) {
    finish_write(*writer);
  } else if (send_chunk(*writer)) {
    return; // The rest of the write follows before anyone else's.
  }
  start_next_write();
}

void ConsoleDriver::finish_write(ProcessId process) const {
  waiting_.unmark(process);
  std::uint32_t written = 0;
  const Result entered =
      requests_.enter(process, [&written](Requests &requests) {
        requests.write_pending = false;
        written = requests.written;
      });
  if (entered.is_ok()) {
    // A process that subscribed nothing gets nothing: TRD104's null upcall.
    static_cast<void>(
        processes_.schedule_upcall(process, write_done_slot, {written, 0, 0}));
  }
}

SyscallReturn ConsoleDriver::start_read(ProcessId process,
                                        std::uint32_t length) const {
  std::size_t allowed = 0;
  const Result seen = processes_.with_read_write_allow(
      process, buffer_slot, [&allowed](const ReadWriteProcessBuffer &view) {
        allowed = view.size();
      });
  if (!seen.is_ok()) {
    return SyscallReturn::from(seen);
  }
  // A reader that ended mid-read (killed, faulted, restarted) leaves a
  // reception running for nobody: abort it, and this read starts when the
  // UART gives the lease back (`received`), instead of every read being
  // refused until a byte arrives for the ended one.
  if (const std::optional<ProcessId> current = reader_.get();
      current && !requests_.enter(*current, [](Requests &) {}).is_ok()) {
    reader_.clear();
    draining_.set(draining_.get() || uart_.abort_receive().is_ok());
  }
  const bool other_reads = reader_.get().has_value();
  std::optional<ErrorCode> refused;
  const Result entered = requests_.enter(
      process, [&refused, other_reads, allowed, length](Requests &requests) {
        refused =
            refusal(requests.read_pending || other_reads, allowed, length);
        if (refused) {
          return;
        }
        requests.read_pending = true;
        requests.read_length = length;
        requests.received = 0;
      });
  if (!entered.is_ok()) {
    return SyscallReturn::from(entered);
  }
  if (refused) {
    return SyscallReturn::failure(*refused);
  }
  reader_.set(process);
  if (draining_.get()) {
    return SyscallReturn::success(); // `received` starts it.
  }
  const Result started = receive_chunk(process);
  if (!started.is_ok()) {
    // Refused at once: the command says so, and no upcall follows.
    reader_.clear();
    static_cast<void>(requests_.enter(
        process, [](Requests &requests) { requests.read_pending = false; }));
  }
  return SyscallReturn::from(started);
}

Result ConsoleDriver::receive_chunk(ProcessId process) const {
  std::uint32_t remaining = 0;
  const Result entered =
      requests_.enter(process, [&remaining](Requests &requests) {
        remaining = requests.read_length - requests.received;
      });
  if (!entered.is_ok()) {
    return entered;
  }
  leash::Lease<std::uint8_t> buffer = receive_buffer_.take();
  if (buffer.is_empty()) {
    return Result::failure(ErrorCode::busy);
  }
  buffer.reset();
  const std::size_t length = std::min<std::size_t>(remaining, buffer.size());
  kernel::hil::uart::BufferRefusal refusal =
      uart_.receive(std::move(buffer), length);
  if (refusal) {
    const ErrorCode error = refusal.error();
    receive_buffer_.put(std::move(refusal).value());
    return Result::failure(error);
  }
  return Result::ok();
}

void ConsoleDriver::received(leash::Lease<std::uint8_t> buffer,
                             std::size_t length, Result result) const {
  const std::optional<ProcessId> reader = reader_.get();
  if (draining_.get()) {
    // The aborted reception of a reader that ended: its bytes go nowhere,
    // and the read waiting for the lease starts.
    draining_.set(false);
    receive_buffer_.put(std::move(buffer));
    if (reader) {
      const Result started = receive_chunk(*reader);
      if (!started.is_ok()) {
        finish_read(*reader, started);
      }
    }
    return;
  }
  if (!reader) {
    receive_buffer_.put(std::move(buffer));
    return;
  }
  std::uint32_t offset = 0;
  static_cast<void>(requests_.enter(
      *reader, [&offset](Requests &requests) { offset = requests.received; }));
  // Copied through the view: it ends where the process's buffer ends now.
  static_cast<void>(processes_.with_read_write_allow(
      *reader, buffer_slot,
      [&buffer, length, offset](const ReadWriteProcessBuffer &view) {
        for (std::size_t index = 0; index < length; ++index) {
          static_cast<void>(view.set(offset + index, buffer[index]));
        }
      }));
  receive_buffer_.put(std::move(buffer));
  bool more = false;
  const Result entered =
      requests_.enter(*reader, [&more, length, result](Requests &requests) {
        requests.received += static_cast<std::uint32_t>(length);
        more = result.is_ok() && requests.received < requests.read_length;
      });
  if (!entered.is_ok()) {
    reader_.clear(); // The reader is gone: the UART is free for others.
    return;
  }
  if (!more) {
    finish_read(*reader, result);
    return;
  }
  const Result next = receive_chunk(*reader);
  if (!next.is_ok()) {
    finish_read(*reader, next);
  }
}

void ConsoleDriver::finish_read(ProcessId process, Result result) const {
  reader_.clear();
  std::uint32_t received = 0;
  const Result entered =
      requests_.enter(process, [&received](Requests &requests) {
        requests.read_pending = false;
        received = requests.received;
      });
  if (!entered.is_ok()) {
    return;
  }
  const std::uint32_t status =
      result.is_ok() ? 0 : kernel::process::abi_error_code(result.error());
  static_cast<void>(processes_.schedule_upcall(process, read_done_slot,
                                               {status, received, 0}));
}

SyscallReturn ConsoleDriver::abort(ProcessId process) const {
  const std::optional<ProcessId> reader = reader_.get();
  if (!reader || !(*reader == process)) {
    return SyscallReturn::failure(ErrorCode::off);
  }
  if (draining_.get()) {
    // Its reception has not started (an ended reader's is being aborted):
    // the read ends here, with nothing.
    finish_read(process, Result::failure(ErrorCode::cancel));
    return SyscallReturn::success();
  }
  // The UART's callback ends the read, with CANCEL and the bytes so far.
  return SyscallReturn::from(uart_.abort_receive());
}

} // namespace capsules::process
