/// Processes: the system call dispatch and the calls a process makes on
/// every operation (yield, command), optimised for speed
/// (kernel/CMakeLists.txt). The others are in setup_syscalls.cpp.
#include "kernel/process/processes.h"

namespace kernel::process {
void Processes::handle_syscall(const Process &process,
                               const SyscallEntry &entry) const {
  const std::array<std::uint32_t, 4> &arguments = entry.arguments;
  SyscallReturn result = SyscallReturn::failure(ErrorCode::no_support);
  // A switch on the immediate itself, not on `syscall_class`'s optional:
  // one bounds test and one jump on every call.
  switch (entry.number) {
  case immediate(SyscallClass::yield):
    // Yield returns nothing: an upcall it ran left its own registers.
    yield(process, arguments[0], arguments[1]);
    return;
  case immediate(SyscallClass::subscribe):
    result = subscribe(process, arguments);
    break;
  case immediate(SyscallClass::command):
    result = command(process, arguments);
    break;
  case immediate(SyscallClass::read_write_allow):
    result = allow(process, true, arguments);
    break;
  case immediate(SyscallClass::read_only_allow):
    result = allow(process, false, arguments);
    break;
  case immediate(SyscallClass::memop):
    result = memop(process, arguments[0], arguments[1]);
    break;
  case immediate(SyscallClass::exit):
    result = exit(process, arguments[0], arguments[1]);
    // A successful exit or restart left no frame to return into.
    if (result.is_success()) {
      return;
    }
    break;
  default:
    break;
  }
  // A process that the call ended takes no return values.
  const ProcessState state = process.state();
  if (state != ProcessState::runnable && state != ProcessState::yielded) {
    return;
  }
  // r0..r3 of the frame the `svc` pushed, which the exception return pops.
  if (!process.memory().write_words(process.stack_pointer(), result.registers(),
                                    process.app_break())) {
    kill_for(process, "its stack pointer left its memory");
  }
}

void Processes::yield(const Process &process, std::uint32_t kind,
                      std::uint32_t flag_address) const {
  if (kind == static_cast<std::uint32_t>(YieldKind::wait)) {
    // Delivered when the scheduler runs it next; until then it waits.
    process.state_.set(ProcessState::yielded);
    return;
  }
  if (kind != static_cast<std::uint32_t>(YieldKind::no_wait)) {
    return; // An unknown kind: the call returns at once, as no-wait would.
  }
  // yield-no-wait: one due upcall runs now, and the byte at r1 says
  // whether one did (TRD104 4.1). A flag outside its memory is ignored.
  const bool pending =
      process.upcalls_.map([](UpcallQueue &queue) { return queue.size() != 0; })
          .value_or(false);
  if (const auto flag =
          process.memory().ram_bytes(flag_address, 1, process.app_break())) {
    (*flag)[0] = pending ? 1 : 0;
  }
  if (pending) {
    static_cast<void>(deliver_upcall(process));
  }
}

SyscallReturn
Processes::command(const Process &process,
                   const std::array<std::uint32_t, 4> &arguments) const {
  const SyscallDriver *target = driver(arguments[0]);
  if (target == nullptr) {
    return SyscallReturn::failure(ErrorCode::no_device);
  }
  return target->command(arguments[1], arguments[2], arguments[3],
                         process.id());
}

} // namespace kernel::process
