/// Processes: the system calls a process makes to set itself up and to end
/// (subscribe, the two allows, memop, exit), every argument checked. They
/// run a few times in a process's life, not on every operation, so they are
/// optimised for size where syscalls.cpp is optimised for speed.
#include "kernel/process/processes.h"

#include <algorithm>

namespace kernel::process {
namespace {

/// Whether [a, a + a_length) and [b, b + b_length) share a byte.
constexpr bool overlap(std::uint32_t a, std::uint32_t a_length, std::uint32_t b,
                       std::uint32_t b_length) {
  return a_length != 0 && b_length != 0 && a < b + b_length && b < a + a_length;
}

} // namespace

SyscallReturn
Processes::subscribe(const Process &process,
                     const std::array<std::uint32_t, 4> &arguments) const {
  const UpcallSlot slot{.driver = arguments[0], .number = arguments[1]};
  const std::uint32_t function = arguments[2];
  const std::uint32_t user_data = arguments[3];
  if (driver(slot.driver) == nullptr) {
    return SyscallReturn::failure_u32_u32(ErrorCode::no_device, function,
                                          user_data);
  }
  // An upcall must run the process's own code: a function outside its
  // flash image would fault it only when the upcall comes.
  const ProcessMemory memory = process.memory();
  if (function != 0 && !memory.readable_bytes(function & ~1U, 2, 0)) {
    return SyscallReturn::failure_u32_u32(ErrorCode::invalid, function,
                                          user_data);
  }
  auto entry = subscription_of(process, slot);
  Subscription previous{};
  if (entry != process.subscriptions_.end()) {
    previous = entry->get();
  } else {
    entry = std::find_if(process.subscriptions_.begin(),
                         process.subscriptions_.end(),
                         [](const leash::Cell<Subscription> &subscription) {
                           return subscription.get().function == 0;
                         });
    if (entry == process.subscriptions_.end()) {
      return SyscallReturn::failure_u32_u32(ErrorCode::no_memory, function,
                                            user_data);
    }
  }
  entry->set(
      Subscription{.slot = slot, .function = function, .user_data = user_data});
  process.upcalls_.map([slot](UpcallQueue &queue) { queue.remove(slot); });
  return SyscallReturn::success_u32_u32(previous.function, previous.user_data);
}

SyscallReturn
Processes::allow(const Process &process, bool read_write,
                 const std::array<std::uint32_t, 4> &arguments) const {
  const UpcallSlot slot{.driver = arguments[0], .number = arguments[1]};
  const std::uint32_t address = arguments[2];
  const std::uint32_t length = arguments[3];
  const auto refuse = [address, length](ErrorCode error) {
    return SyscallReturn::failure_u32_u32(error, address, length);
  };
  if (driver(slot.driver) == nullptr) {
    return refuse(ErrorCode::no_device);
  }
  // A zero-length allow takes the buffer back, whatever its address. Any
  // other must lie in the process's own memory: RAM below its break, or
  // (read-only) its flash image.
  const ProcessMemory memory = process.memory();
  const bool inside =
      length == 0 ||
      (read_write
           ? memory.ram_bytes(address, length, process.app_break()).has_value()
           : memory.readable_bytes(address, length, process.app_break())
                 .has_value());
  if (!inside) {
    return refuse(ErrorCode::invalid);
  }
  const auto &allows = process.allows_;
  // Two read-write allows of the same bytes would give two drivers (or one,
  // twice) mutable views of the same memory: refused, as a second lease of
  // the same buffer is.
  if (read_write &&
      std::any_of(
          allows.begin(), allows.end(), [&](const leash::Cell<Allow> &entry) {
            const Allow other = entry.get();
            return other.read_write && !(other.slot == slot) &&
                   overlap(address, length, other.address, other.length);
          })) {
    return refuse(ErrorCode::invalid);
  }
  auto entry = std::find_if(
      allows.begin(), allows.end(), [&](const leash::Cell<Allow> &other) {
        return other.get().length != 0 && other.get().slot == slot &&
               other.get().read_write == read_write;
      });
  const Allow previous = entry == allows.end() ? Allow{} : entry->get();
  if (entry == allows.end() && length != 0) {
    entry = std::find_if(allows.begin(), allows.end(),
                         [](const leash::Cell<Allow> &other) {
                           return other.get().length == 0;
                         });
    if (entry == allows.end()) {
      return refuse(ErrorCode::no_memory);
    }
  }
  if (entry != allows.end()) {
    entry->set(Allow{.slot = slot,
                     .read_write = read_write,
                     .address = address,
                     .length = length});
  }
  return SyscallReturn::success_u32_u32(previous.address, previous.length);
}

SyscallReturn Processes::set_break(const Process &process,
                                   std::uint32_t requested) const {
  const ProcessMemory memory = process.memory();
  // Not below the memory the process started with (its stack and data),
  // and never into the grant region, at the granularity the MPU enforces.
  if (requested < memory.ram_start() + process.minimum_ram_.get()) {
    return SyscallReturn::failure(ErrorCode::invalid);
  }
  // The answer is checked too: one below the request (a rounding that
  // wrapped) would move the break under the process's stack.
  const auto enforced = protection_.enforceable_break(memory, requested);
  if (!enforced || *enforced < requested ||
      *enforced > process.kernel_break()) {
    return SyscallReturn::failure(ErrorCode::no_memory);
  }
  process.app_break_.set(*enforced);
  return SyscallReturn::success();
}

SyscallReturn Processes::memop(const Process &process, std::uint32_t operation,
                               std::uint32_t argument) const {
  const ProcessMemory memory = process.memory();
  switch (static_cast<MemopOperation>(operation)) {
  case MemopOperation::brk:
    return set_break(process, argument);
  case MemopOperation::sbrk: {
    const std::uint32_t previous = process.app_break();
    const auto increment = static_cast<std::int32_t>(argument);
    // Overflow either way is refused before any arithmetic wraps.
    if ((increment > 0 &&
         static_cast<std::uint32_t>(increment) > 0xFFFF'FFFFU - previous) ||
        (increment < 0 && static_cast<std::uint32_t>(-static_cast<std::int64_t>(
                              increment)) > previous)) {
      return SyscallReturn::failure(ErrorCode::no_memory);
    }
    const SyscallReturn moved =
        set_break(process, previous + static_cast<std::uint32_t>(increment));
    return moved.is_success() ? SyscallReturn::success_u32(previous) : moved;
  }
  case MemopOperation::memory_start:
    return SyscallReturn::success_u32(memory.ram_start());
  case MemopOperation::memory_end:
    return SyscallReturn::success_u32(process.app_break());
  case MemopOperation::flash_start:
    return SyscallReturn::success_u32(memory.flash_start());
  case MemopOperation::flash_end:
    return SyscallReturn::success_u32(memory.flash_end());
  case MemopOperation::grant_start:
    return SyscallReturn::success_u32(process.kernel_break());
  }
  return SyscallReturn::failure(ErrorCode::no_support);
}

SyscallReturn Processes::exit(const Process &process, std::uint32_t kind,
                              std::uint32_t code) const {
  if (kind == exit_terminate) {
    process.exit_code_.set(code);
    end(process, ProcessState::terminated);
    return SyscallReturn::success();
  }
  if (kind == exit_restart) {
    static_cast<void>(restart(process.id().index));
    return SyscallReturn::success();
  }
  return SyscallReturn::failure(ErrorCode::invalid);
}

} // namespace kernel::process
