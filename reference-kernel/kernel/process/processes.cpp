/// Processes: loading, control, upcalls, allowed buffers, grants.
#include "kernel/process/processes.h"

#include <algorithm>

namespace kernel::process {
namespace {

/// The initial xPSR of a process: Thumb state, nothing else.
constexpr std::uint32_t thumb_state = 0x0100'0000;
/// The words of an exception frame (r0..r3, r12, lr, pc, xPSR).
constexpr std::uint32_t frame_size = 8 * 4;
/// Offsets of the frame's words.
constexpr std::uint32_t frame_pc = 6 * 4;
/// See `frame_pc`.
constexpr std::uint32_t frame_lr = 5 * 4;
/// See `frame_pc`.
constexpr std::uint32_t frame_psr = 7 * 4;

/// `value` rounded down to a multiple of `alignment` (a power of two).
constexpr std::uint32_t align_down(std::uint32_t value,
                                   std::uint32_t alignment) {
  return value & ~(alignment - 1);
}

} // namespace

const Process *Processes::live(ProcessId id) const {
  if (id.index >= capacity) {
    return nullptr;
  }
  const Process &process = table_[id.index];
  const ProcessState state = process.state();
  if (!(process.id() == id) || state == ProcessState::unused ||
      state == ProcessState::faulted || state == ProcessState::terminated) {
    return nullptr;
  }
  return &process;
}

Result Processes::load(std::string_view name, const ProcessMemory &memory,
                       std::uint32_t entry, std::uint32_t minimum_ram) const {
  for (std::size_t index = 0; index < capacity; ++index) {
    const Process &process = table_[index];
    if (process.state() != ProcessState::unused) {
      continue;
    }
    process.id_.set({static_cast<std::uint16_t>(index), 0});
    process.name_.set(name);
    process.memory_.set(memory);
    process.entry_.set(entry);
    process.minimum_ram_.set(minimum_ram);
    process.restart_count_.set(0);
    const Result started = start(process);
    if (!started.is_ok()) {
      process.state_.set(ProcessState::unused);
    }
    return started;
  }
  return Result::failure(ErrorCode::no_memory);
}

Result Processes::start(const Process &process) const {
  const ProcessMemory memory = process.memory();
  const std::uint32_t minimum_ram = process.minimum_ram_.get();
  if (minimum_ram > memory.ram_end() - memory.ram_start()) {
    return Result::failure(ErrorCode::no_memory);
  }
  const auto initial_break =
      protection_.enforceable_break(memory, memory.ram_start() + minimum_ram);
  if (!initial_break || *initial_break > memory.ram_end()) {
    return Result::failure(ErrorCode::no_memory);
  }
  ProcessId id = process.id();
  ++id.run;
  process.id_.set(id);
  process.app_break_.set(*initial_break);
  process.kernel_break_.set(memory.ram_end());
  forget_sharing(process);
  process.entered_grants_.set(0);
  process.upcalls_.map([](UpcallQueue &queue) { queue.clear(); });
  process.last_fault_.clear();
  process.exit_code_.clear();

  // The first exception return enters the process at its entry with r0..r3
  // telling it where its memory is: RAM start, RAM block size, break, flash
  // start (its crt0 places its stack and data from them).
  const std::uint32_t frame = align_down(*initial_break, 8) - frame_size;
  const std::array<std::uint32_t, 8> words{memory.ram_start(),
                                           memory.ram_end() -
                                               memory.ram_start(),
                                           *initial_break,
                                           memory.flash_start(),
                                           0,
                                           0,
                                           process.entry_.get() & ~1U,
                                           thumb_state};
  if (!memory.write_words(frame, words, *initial_break)) {
    return Result::failure(ErrorCode::no_memory);
  }
  process.callee_saved_.set({});
  process.stack_pointer_.set(frame);
  process.state_.set(ProcessState::runnable);
  return Result::ok();
}

void Processes::end(const Process &process, ProcessState state) const {
  process.state_.set(state);
  forget_sharing(process);
  process.upcalls_.map([](UpcallQueue &queue) { queue.clear(); });
}

std::optional<ProcessInfo> Processes::info(std::size_t index) const {
  if (index >= capacity || table_[index].state() == ProcessState::unused) {
    return std::nullopt;
  }
  const Process &process = table_[index];
  return ProcessInfo{.id = process.id(),
                     .name = process.name(),
                     .state = process.state(),
                     .restart_count = process.restart_count(),
                     .memory = process.memory(),
                     .app_break = process.app_break(),
                     .kernel_break = process.kernel_break(),
                     .last_fault = process.last_fault()};
}

std::optional<std::size_t> Processes::find(std::string_view name) const {
  for (std::size_t index = 0; index < capacity; ++index) {
    if (table_[index].state() != ProcessState::unused &&
        table_[index].name() == name) {
      return index;
    }
  }
  return std::nullopt;
}

Result Processes::stop(std::size_t index) const {
  if (index >= capacity) {
    return Result::failure(ErrorCode::invalid);
  }
  const Process &process = table_[index];
  switch (process.state()) {
  case ProcessState::runnable:
    process.state_.set(ProcessState::stopped_runnable);
    return Result::ok();
  case ProcessState::yielded:
    process.state_.set(ProcessState::stopped_yielded);
    return Result::ok();
  case ProcessState::stopped_runnable:
  case ProcessState::stopped_yielded:
    return Result::failure(ErrorCode::already);
  default:
    return Result::failure(ErrorCode::off);
  }
}

Result Processes::resume(std::size_t index) const {
  if (index >= capacity) {
    return Result::failure(ErrorCode::invalid);
  }
  const Process &process = table_[index];
  switch (process.state()) {
  case ProcessState::stopped_runnable:
    process.state_.set(ProcessState::runnable);
    return Result::ok();
  case ProcessState::stopped_yielded:
    process.state_.set(ProcessState::yielded);
    return Result::ok();
  case ProcessState::runnable:
  case ProcessState::yielded:
    return Result::failure(ErrorCode::already);
  default:
    return Result::failure(ErrorCode::off);
  }
}

Result Processes::kill(std::size_t index) const {
  if (index >= capacity || table_[index].state() == ProcessState::unused) {
    return Result::failure(ErrorCode::invalid);
  }
  if (table_[index].state() == ProcessState::terminated) {
    return Result::failure(ErrorCode::already);
  }
  end(table_[index], ProcessState::terminated);
  return Result::ok();
}

Result Processes::restart(std::size_t index) const {
  if (index >= capacity || table_[index].state() == ProcessState::unused) {
    return Result::failure(ErrorCode::invalid);
  }
  const Process &process = table_[index];
  end(process, ProcessState::terminated);
  process.restart_count_.set(process.restart_count() + 1);
  return start(process);
}

Result Processes::schedule_upcall(
    ProcessId id, UpcallSlot slot,
    const std::array<std::uint32_t, 3> &arguments) const {
  const Process *process = live(id);
  if (process == nullptr) {
    return Result::failure(ErrorCode::invalid);
  }
  const auto found = subscription_of(*process, slot);
  if (found == process->subscriptions_.end()) {
    return Result::failure(ErrorCode::off);
  }
  const Subscription subscription = found->get();
  const Upcall upcall{.slot = slot,
                      .function = subscription.function,
                      .arguments = arguments,
                      .user_data = subscription.user_data};
  const bool queued =
      process->upcalls_
          .map([&upcall](UpcallQueue &queue) { return queue.push(upcall); })
          .value_or(false);
  return queued ? Result::ok() : Result::failure(ErrorCode::busy);
}

std::array<leash::Cell<Subscription>, max_subscriptions>::const_iterator
Processes::subscription_of(const Process &process, UpcallSlot slot) {
  return std::find_if(
      process.subscriptions_.begin(), process.subscriptions_.end(),
      [slot](const leash::Cell<Subscription> &entry) {
        const Subscription subscription = entry.get();
        return subscription.function != 0 && subscription.slot == slot;
      });
}

void Processes::forget_sharing(const Process &process) {
  for (const leash::Cell<Subscription> &subscription : process.subscriptions_) {
    subscription.set({});
  }
  for (const leash::Cell<Allow> &allow : process.allows_) {
    allow.set({});
  }
  for (const leash::Cell<std::uint32_t> &offset : process.grant_offsets_) {
    offset.set(0);
  }
}

std::optional<Allow> Processes::find_allow(const Process &process,
                                           UpcallSlot slot, bool read_write) {
  for (const leash::Cell<Allow> &entry : process.allows_) {
    const Allow allow = entry.get();
    if (allow.length != 0 && allow.slot == slot &&
        allow.read_write == read_write) {
      return allow;
    }
  }
  return std::nullopt;
}

std::optional<std::span<const std::uint8_t>>
Processes::read_only_bytes(ProcessId id, UpcallSlot slot) const {
  const Process *process = live(id);
  if (process == nullptr) {
    return std::nullopt;
  }
  const auto allow = find_allow(*process, slot, false);
  if (!allow) {
    return std::span<const std::uint8_t>();
  }
  // Checked again at each use: the break may have moved below the buffer
  // since the allow (a brk), and then the buffer is no longer shared.
  return process->memory()
      .readable_bytes(allow->address, allow->length, process->app_break())
      .value_or(std::span<const std::uint8_t>());
}

std::optional<std::span<std::uint8_t>>
Processes::read_write_bytes(ProcessId id, UpcallSlot slot) const {
  const Process *process = live(id);
  if (process == nullptr) {
    return std::nullopt;
  }
  const auto allow = find_allow(*process, slot, true);
  if (!allow) {
    return std::span<std::uint8_t>();
  }
  return process->memory()
      .ram_bytes(allow->address, allow->length, process->app_break())
      .value_or(std::span<std::uint8_t>());
}

Result Processes::begin_grant(ProcessId id, std::size_t number,
                              std::size_t size, std::size_t alignment,
                              std::span<std::uint8_t> &storage,
                              bool &fresh) const {
  const Process *process = live(id);
  if (process == nullptr || number >= max_grants || alignment == 0 ||
      (alignment & (alignment - 1)) != 0) {
    return Result::failure(ErrorCode::invalid);
  }
  const std::uint32_t bit = 1U << number;
  if ((process->entered_grants_.get() & bit) != 0) {
    return Result::failure(ErrorCode::already);
  }
  const ProcessMemory memory = process->memory();
  const leash::Cell<std::uint32_t> &offset = process->grant_offsets_[number];
  fresh = offset.get() == 0;
  if (fresh) {
    // The grant region grows down from the end of the RAM block, never
    // below the break the MPU enforces for the process.
    const std::uint32_t kernel_break = process->kernel_break();
    if (size > kernel_break - process->app_break()) {
      return Result::failure(ErrorCode::no_memory);
    }
    const std::uint32_t start =
        align_down(kernel_break - static_cast<std::uint32_t>(size),
                   static_cast<std::uint32_t>(alignment));
    if (start < process->app_break()) {
      return Result::failure(ErrorCode::no_memory);
    }
    process->kernel_break_.set(start);
    offset.set(start - memory.ram_start());
  }
  storage = memory.ram().subspan(offset.get(), size);
  if (fresh) {
    std::fill(storage.begin(), storage.end(), std::uint8_t{0});
  }
  process->entered_grants_.set(process->entered_grants_.get() | bit);
  return Result::ok();
}

void Processes::end_grant(ProcessId id, std::size_t number) const {
  const Process &process = table_[id.index];
  process.entered_grants_.set(process.entered_grants_.get() & ~(1U << number));
}

bool Processes::deliver_upcall(const Process &process) const {
  const auto upcall =
      process.upcalls_.map([](UpcallQueue &queue) { return queue.pop(); })
          .value_or(std::nullopt);
  if (!upcall) {
    return false;
  }
  // Tock's way: the frame the `yield` left is rewritten in place to call
  // the upcall, with lr = the instruction after the `svc`, so that the
  // upcall returns to where the process yielded, its stack as it was.
  const ProcessMemory memory = process.memory();
  const std::uint32_t frame = process.stack_pointer();
  const std::uint32_t limit = process.app_break();
  auto words = memory.read_words<8>(frame, limit);
  if (words) {
    (*words)[0] = upcall->arguments[0];
    (*words)[1] = upcall->arguments[1];
    (*words)[2] = upcall->arguments[2];
    (*words)[3] = upcall->user_data;
    // The frame's pc is where the `svc` left it: after the `svc`.
    (*words)[frame_lr / 4] = (*words)[frame_pc / 4] | 1U;
    (*words)[frame_pc / 4] = upcall->function & ~1U;
    (*words)[frame_psr / 4] |= thumb_state;
  }
  const bool written = words && memory.write_words(frame, *words, limit);
  if (!written) {
    kill_for(process, "its stack pointer left its memory");
    return false;
  }
  return true;
}

} // namespace kernel::process
