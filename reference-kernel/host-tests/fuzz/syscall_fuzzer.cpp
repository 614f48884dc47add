/// libFuzzer target: the system call interface. Two processes in host memory
/// make arbitrary system calls (every class, invalid ones, arguments at and
/// around the edges of their memory) through the scheduler, as a process
/// does, to the real alarm, console and LED drivers; the UART and the alarm
/// finish requests when the input says, and the process console stops,
/// kills and restarts. After every step the harness checks, through the
/// public API and a shadow of what each process subscribed and allowed,
/// what the kernel promises processes and drivers; a broken promise stops
/// the run (libFuzzer saves the input).
#include "capsules/led_driver.h"
#include "capsules/process/alarm_driver.h"
#include "capsules/process/console_driver.h"
#include "capsules/process/driver_table.h"
#include "capsules/process/led_driver.h"
#include "fuzz/fuzz_hooks.h"
#include "fuzz/fuzz_input.h"
#include "kernel/debug.h"
#include "kernel/hil/gpio.h"
#include "kernel/hil/led.h"
#include "kernel/process/processes.h"
#include "support/fake_alarm.h"
#include "support/fake_pin.h"
#include "support/fake_uart.h"
#include "support/process_fakes.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace {

using capsules::process::AlarmDriver;
using capsules::process::ConsoleDriver;
using capsules::process::DriverEntry;
using capsules::process::DriverTable;
using host_tests::FakePin;
using host_tests::FuzzInput;
using kernel::ErrorCode;
using kernel::process::Allow;
using kernel::process::Process;
using kernel::process::ProcessId;
using kernel::process::ProcessMemory;
using kernel::process::ProcessState;
using kernel::process::ReadOnlyProcessBuffer;
using kernel::process::ReadWriteProcessBuffer;
using kernel::process::ReturnVariant;
using kernel::process::Subscription;
using kernel::process::SwitchReason;
using kernel::process::SyscallEntry;
using kernel::process::SyscallReturn;
using kernel::process::UpcallSlot;

/// Whether to print each step (SYSCALL_FUZZER_TRACE set): to read what a
/// saved input does.
const bool tracing = std::getenv("SYSCALL_FUZZER_TRACE") != nullptr;

/// Stops the run with `what`: the kernel broke a promise.
[[noreturn]] void fail(const char *what) {
  std::fprintf(stderr, "syscall fuzzer: invariant broken: %s\n", what);
  std::abort();
}

/// Stops the run with `what` unless `condition` holds.
void require(bool condition, const char *what) {
  if (!condition) {
    fail(what);
  }
}

/// Where a process's memory seems to be, and what it needs at start. The
/// two differ in size so that the edges differ too.
struct Layout {
  /// Its flash image's address and size.
  std::uint32_t flash_address;
  /// See `flash_address`.
  std::uint32_t flash_size;
  /// Its RAM block's address and size.
  std::uint32_t ram_address;
  /// See `ram_address`.
  std::uint32_t ram_size;
  /// The RAM its image asks for at start.
  std::uint32_t minimum_ram;
};

/// How many processes the harness loads.
constexpr std::size_t process_count = 2;
/// Their memory.
constexpr std::array<Layout, process_count> layouts{{
    {0x0020'0000, 1024, 0x2020'0000, 8192, 2048},
    {0x0021'0000, 512, 0x2021'0000, 4096, 1024},
}};
/// Where each process starts (Thumb), in its flash.
constexpr std::uint32_t entry_offset = 0x41;
/// FakeProtection's granularity: breaks are enforced at 256-byte steps.
constexpr std::uint32_t break_step = 256;
/// How many steps one input runs at most (a long input must not make a
/// slow run).
constexpr std::size_t max_steps = 200;
/// The size of an exception frame, and of the part a return writes.
constexpr std::uint32_t frame_bytes = 32;
/// See `frame_bytes`.
constexpr std::uint32_t return_bytes = 16;
/// A driver number no driver serves.
constexpr std::uint32_t unknown_driver = 0x4242;
/// The console's buffer slot (its read-only and read-write allow 1).
constexpr UpcallSlot console_buffer{ConsoleDriver::driver_number,
                                    ConsoleDriver::buffer_allow};
/// How many ended runs' ids of each process the harness keeps probing.
constexpr std::size_t max_dead_ids = 8;
/// How many restarts after a fault the policy grants.
constexpr std::uint32_t restarts_after_fault = 1;

/// Whether [`address`, `address` + `length`) lies in [`start`, `end`),
/// without wrapping.
constexpr bool within(std::uint32_t address, std::uint64_t length,
                      std::uint32_t start, std::uint32_t end) {
  return address >= start &&
         static_cast<std::uint64_t>(address) + length <= end;
}

/// Whether [a, a + a_length) and [b, b + b_length) share a byte.
constexpr bool overlapping(std::uint32_t a, std::uint32_t a_length,
                           std::uint32_t b, std::uint32_t b_length) {
  return a_length != 0 && b_length != 0 &&
         static_cast<std::uint64_t>(a) <
             static_cast<std::uint64_t>(b) + b_length &&
         static_cast<std::uint64_t>(b) <
             static_cast<std::uint64_t>(a) + a_length;
}

/// Whether `code` is one of TRD104's error numbers.
constexpr bool is_error_code(std::uint32_t code) {
  return code >= 1 && code <= 11 && code != 5;
}

/// Whether `variant` is one of TRD104's return variants.
constexpr bool is_variant(std::uint32_t variant) {
  switch (static_cast<ReturnVariant>(variant)) {
  case ReturnVariant::failure:
  case ReturnVariant::failure_u32:
  case ReturnVariant::failure_u32_u32:
  case ReturnVariant::success:
  case ReturnVariant::success_u32:
  case ReturnVariant::success_u32_u32:
  case ReturnVariant::success_u32_u32_u32:
    return true;
  }
  return false;
}

/// Whether a process in `state` runs or waits (its id reaches it).
constexpr bool is_live(ProcessState state) {
  return state == ProcessState::runnable || state == ProcessState::yielded ||
         state == ProcessState::stopped_runnable ||
         state == ProcessState::stopped_yielded;
}

/// The memory protection: FakeProtection's breaks, and a check of every
/// configuration the kernel asks for.
class BlockProtection final : public kernel::process::MemoryProtection {
public:
  /// The fake's break.
  std::optional<std::uint32_t>
  enforceable_break(const ProcessMemory &memory,
                    std::uint32_t requested) const override {
    return fake.enforceable_break(memory, requested);
  }
  /// Checks the configuration, then records it in the fake.
  void configure_for(std::size_t slot, const ProcessMemory &memory,
                     std::uint32_t app_break) const override {
    // The MPU lets a process reach exactly the memory the kernel keeps as
    // its own: its break, not a stale or another process's one.
    require(processes != nullptr && slot < process_count &&
                app_break == processes->process(slot).app_break() &&
                memory.ram_start() == layouts[slot].ram_address,
            "the MPU was set for memory other than the process's");
    fake.configure_for(slot, memory, app_break);
  }

  /// The fake it asks.
  host_tests::FakeProtection fake;
  /// The table whose processes it confines (set once the table exists).
  const kernel::process::Processes *processes = nullptr;
};

/// What the harness knows of one process: its run, and what that run
/// subscribed and allowed, as TRD104 says the kernel keeps them.
struct Shadow {
  /// The run the harness follows.
  ProcessId id;
  /// Its allows (at most `max_allows`, read-write and read-only together;
  /// never one of length 0: a zero-length allow takes the buffer back).
  std::vector<Allow> allows;
  /// Its subscriptions (at most `max_subscriptions`; never one of function
  /// 0: the null upcall frees it).
  std::vector<Subscription> subscriptions;
  /// Every slot it ever allowed at (the probes look at each).
  std::vector<UpcallSlot> slots;
  /// The ids of its ended runs, which must reach nothing.
  std::vector<ProcessId> dead;
  /// Its grant region's start after the last step.
  std::uint32_t kernel_break = 0;
};

/// Every process's RAM, as it was before a step.
using RamImage = std::array<std::vector<std::uint8_t>, process_count>;
/// Byte ranges, [address, address + length) each.
using Ranges = std::vector<std::pair<std::uint32_t, std::uint32_t>>;
/// For each process, the ranges of its RAM a step may write (besides its
/// grant region, which the kernel and drivers use).
using Writable = std::array<Ranges, process_count>;

/// The process table, two processes, and the real drivers on fake
/// hardware. One per input.
class World {
public:
  /// Loads the processes (their memory filled with a pattern, so that
  /// bytes tell where they came from).
  World()
      : table_(std::array<DriverEntry, 3>{
            {{AlarmDriver::driver_number, &alarm_},
             {ConsoleDriver::driver_number, &console_},
             {capsules::process::LedDriver::driver_number, &led_syscalls_}}}),
        processes_(boundary_, protection_,
                   {.timeslice_microseconds = 10'000,
                    .restarts_after_fault = restarts_after_fault}),
        hardware_alarm_(1000), alarm_(processes_, hardware_alarm_),
        console_(processes_, uart_,
                 leash::Lease<std::uint8_t>::from(transmit_storage_),
                 leash::Lease<std::uint8_t>::from(receive_storage_)),
        leds_{kernel::hil::led::LedHigh(led_pins_[0]),
              kernel::hil::led::LedHigh(led_pins_[1]),
              kernel::hil::led::LedHigh(led_pins_[2])},
        led_table_{&leds_[0], &leds_[1], &leds_[2]}, numbered_leds_(led_table_),
        led_syscalls_(numbered_leds_) {
    kernel::debug::set_writer(host_tests::fresh_captured_debug());
    protection_.processes = &processes_;
    processes_.set_drivers(table_);
    hardware_alarm_.set_alarm_client(alarm_);
    uart_.set_transmit_client(console_);
    uart_.set_receive_client(console_);
    for (std::size_t index = 0; index < process_count; ++index) {
      const Layout &layout = layouts[index];
      // Separate allocations: a byte past one is outside every object, and
      // AddressSanitizer stops there.
      flash_[index].resize(layout.flash_size);
      ram_[index].resize(layout.ram_size);
      for (std::size_t offset = 0; offset < layout.flash_size; ++offset) {
        flash_[index][offset] = pattern(index, offset, 0x5A);
      }
      // "svc n" at offset 2n, as the host tests' processes have it.
      for (std::uint8_t number = 0; number < 10; ++number) {
        flash_[index][2 * number] = number;
        flash_[index][2 * number + 1] = 0xDF;
      }
      for (std::size_t offset = 0; offset < layout.ram_size; ++offset) {
        ram_[index][offset] = pattern(index, offset, 0xC3);
      }
      require(processes_
                  .load(index == 0 ? "first" : "second", memory(index),
                        layout.flash_address + entry_offset, layout.minimum_ram)
                  .is_ok(),
              "a process that fits was not loaded");
      shadows_[index].id = process(index).id();
      shadows_[index].kernel_break = process(index).kernel_break();
    }
    check_all();
  }

  /// Drops the drivers' leases with the world (they are its own members).
  ~World() { fuzz::set_tearing_down(true); }
  /// Not copied: the table and the drivers keep each other's addresses.
  World(const World &) = delete;
  /// See the copy constructor.
  World &operator=(const World &) = delete;

  /// Runs the step the input asks for, then checks every invariant.
  void step(FuzzInput &input) {
    const std::uint8_t action = input.byte();
    if (action < 0xC0) {
      system_call(input, action);
    } else if (action < 0xD0) {
      fault(input.byte() % process_count);
    } else if (action < 0xE0) {
      console_command(input, action);
    } else {
      hardware(input, action);
    }
    check_all();
  }

private:
  /// A byte of the pattern memory is filled with.
  static std::uint8_t pattern(std::size_t index, std::size_t offset,
                              std::uint8_t salt) {
    std::uint32_t value =
        static_cast<std::uint32_t>(offset * 2654435761U + index * 40503U);
    value ^= value >> 13;
    return static_cast<std::uint8_t>(value ^ salt);
  }

  /// Process `index`'s memory.
  ProcessMemory memory(std::size_t index) {
    const Layout &layout = layouts[index];
    return ProcessMemory(layout.flash_address, flash_[index],
                         layout.ram_address, ram_[index]);
  }
  /// Process `index`.
  [[nodiscard]] const Process &process(std::size_t index) const {
    return processes_.process(index);
  }
  /// The break process `index` starts with.
  static std::uint32_t initial_break(std::size_t index) {
    const Layout &layout = layouts[index];
    const std::uint32_t wanted = layout.ram_address + layout.minimum_ram;
    return (wanted + break_step - 1) & ~(break_step - 1);
  }
  /// The end of process `index`'s RAM block.
  static std::uint32_t ram_end(std::size_t index) {
    return layouts[index].ram_address + layouts[index].ram_size;
  }
  /// The end of process `index`'s flash image.
  static std::uint32_t flash_end(std::size_t index) {
    return layouts[index].flash_address + layouts[index].flash_size;
  }

  /// The 32-bit word of process `index`'s RAM at `address` (inside it).
  std::uint32_t word(std::size_t index, std::uint32_t address) const {
    const std::size_t offset = address - layouts[index].ram_address;
    std::uint32_t value = 0;
    for (std::size_t byte = 0; byte < 4; ++byte) {
      value |= static_cast<std::uint32_t>(ram_[index][offset + byte])
               << (8 * byte);
    }
    return value;
  }
  /// Sets the word at `address` if it lies in process `index`'s RAM.
  void set_word(std::size_t index, std::uint32_t address, std::uint32_t value) {
    if (!within(address, 4, layouts[index].ram_address, ram_end(index))) {
      return;
    }
    const std::size_t offset = address - layouts[index].ram_address;
    for (std::size_t byte = 0; byte < 4; ++byte) {
      ram_[index][offset + byte] =
          static_cast<std::uint8_t>(value >> (8 * byte));
    }
  }

  // Decoding.

  /// A value with a bias toward the edges of process `index`'s memory and
  /// of 32-bit arithmetic; `previous` is the argument before it (a length
  /// may reach from it to an edge).
  std::uint32_t value(FuzzInput &input, std::size_t index,
                      std::uint32_t previous) {
    const std::uint8_t kind = input.byte();
    const auto delta = static_cast<std::uint32_t>(
        static_cast<std::int32_t>(static_cast<std::int8_t>(input.byte())));
    const Layout &layout = layouts[index];
    const Process &self = process(index);
    switch (kind % 16) {
    case 0:
      return 0;
    case 1:
      return 0xFFFF'FFFFU;
    case 2:
      return input.word();
    case 3:
      return delta & 0xFFU;
    case 4:
      return layout.ram_address + delta;
    case 5:
      return self.app_break() + delta;
    case 6:
      return self.kernel_break() + delta;
    case 7:
      return ram_end(index) + delta;
    case 8:
      return layout.flash_address + delta;
    case 9:
      return flash_end(index) + delta;
    case 10:
      return layouts[(index + 1) % process_count].ram_address + delta;
    case 11:
      return layout.ram_address + (delta & 0xFFU) * 32;
    case 12:
      return 0x8000'0000U + delta;
    case 13:
      return 0U - (delta & 0xFFU);
    case 14:
      return layout.flash_address + 2 * (delta & 0xFFU) + 1;
    default:
      return self.app_break() - previous + delta;
    }
  }
  /// A small number (a driver's, a command's, an allow's), sometimes any.
  std::uint32_t small(FuzzInput &input, std::size_t index,
                      std::uint32_t modulus) {
    const std::uint8_t choice = input.byte();
    if (choice < 0xE0) {
      return choice % modulus;
    }
    return value(input, index, 0);
  }
  /// A driver number: the three there are, one nobody serves, or any.
  std::uint32_t driver_number(FuzzInput &input, std::size_t index) {
    const std::uint32_t number = small(input, index, 4);
    return number == 3 ? unknown_driver : number;
  }

  // Steps.

  /// What the harness expects of a call: the exact return, when it knows
  /// it, or only its class's rules.
  struct Expected {
    /// The return, when the shadow says what it must be.
    std::optional<SyscallReturn> exact;
    /// Other returns the rules allow besides `exact` (a driver's refusals).
    std::vector<SyscallReturn> alternatives;
    /// Whether the return is success or failure with no values (when
    /// `exact` is not known).
    bool plain = false;
    /// The break after the call.
    std::uint32_t app_break = 0;
    /// Whether the call ends or restarts the process, so that it takes no
    /// return values.
    bool ends = false;
  };

  /// Process `index` makes a system call decoded from `input`, as the
  /// scheduler runs it.
  void system_call(FuzzInput &input, std::uint8_t action) {
    const std::size_t index = action % process_count;
    const std::uint8_t class_byte = input.byte();
    const std::uint32_t number =
        class_byte < 0xF0 ? class_byte % 8U : class_byte;
    std::array<std::uint32_t, 4> arguments{};
    switch (number) {
    case 0: // yield: the kind, the flag's address
      arguments[0] = small(input, index, 3);
      arguments[1] = value(input, index, 0);
      break;
    case 1: // subscribe, command, the allows: driver, number, two values
    case 2:
    case 3:
    case 4:
      arguments[0] = driver_number(input, index);
      arguments[1] = small(input, index, number == 2 ? 8 : 4);
      arguments[2] = value(input, index, 0);
      arguments[3] = value(input, index, arguments[2]);
      break;
    case 5: // memop: the operation, its argument
      arguments[0] = small(input, index, 8);
      arguments[1] = value(input, index, 0);
      break;
    case 6: // exit: the kind, the code
      arguments[0] = small(input, index, 3);
      arguments[1] = value(input, index, 0);
      break;
    default:
      for (std::uint32_t &argument : arguments) {
        argument = value(input, index, 0);
      }
      break;
    }
    // Now and then the process moved its stack pointer before the call.
    std::optional<std::uint32_t> new_stack;
    const std::uint8_t stack_choice = input.byte();
    if (stack_choice >= 0xF0) {
      // Not 0: the scripted boundary takes 0 as "leave it".
      new_stack = value(input, index, 0);
      if (*new_stack == 0) {
        new_stack.reset();
      }
    }
    run_call(index, {.arguments = arguments, .number = number}, new_stack);
  }

  /// Runs process `index` alone (the others stopped meanwhile, so that the
  /// round robin can pick only it) for one scripted switch: `call`, or a
  /// fault when there is none. Returns whether it ran.
  bool run_alone(std::size_t index, std::optional<SyscallEntry> call,
                 std::optional<std::uint32_t> new_stack) {
    std::vector<std::size_t> stopped;
    for (std::size_t other = 0; other < process_count; ++other) {
      if (other != index && processes_.stop(other).is_ok()) {
        stopped.push_back(other);
      }
    }
    boundary_.syscalls.clear();
    boundary_.reasons.clear();
    if (call) {
      boundary_.syscalls.push_back(*call);
      boundary_.reasons.push_back(SwitchReason::syscall);
    } else {
      boundary_.reasons.push_back(SwitchReason::fault);
    }
    boundary_.stack_pointer_to_set = new_stack.value_or(0);
    const std::size_t switches = boundary_.ran.size();
    const ProcessState state = process(index).state();
    const std::uint32_t stack = process(index).stack_pointer();
    const bool ran = processes_.run_next(chip_);
    const bool switched = boundary_.ran.size() != switches;
    // Only the process the harness chose could run, and only if it was
    // due: a stopped or ended process never runs again.
    require(ran == switched || (!switched && state == ProcessState::yielded),
            "run_next ran a process without switching to it");
    if (switched) {
      require(state == ProcessState::runnable || state == ProcessState::yielded,
              "a process that was not due ran");
      require(boundary_.ran[switches] == stack,
              "the switch went to another process's stack");
    } else {
      require(state != ProcessState::runnable,
              "a runnable process was passed over");
    }
    for (const std::size_t other : stopped) {
      require(processes_.resume(other).is_ok(), "a stopped process resumed");
    }
    boundary_.syscalls.clear();
    boundary_.reasons.clear();
    boundary_.stack_pointer_to_set = 0;
    return switched;
  }

  /// Runs `call` of process `index` and checks its effects.
  void run_call(std::size_t index, const SyscallEntry &call,
                std::optional<std::uint32_t> new_stack) {
    const Process &self = process(index);
    const ProcessState state = self.state();
    const ProcessId id = self.id();
    const std::uint32_t old_stack = self.stack_pointer();
    const std::uint32_t stack = new_stack.value_or(old_stack);
    const std::uint32_t break_before = self.app_break();
    const std::uint32_t kernel_break_before = self.kernel_break();
    const std::uint32_t restarts = self.restart_count();
    const std::uint32_t svc_return_address =
        layouts[index].flash_address + 2 * (call.number & 0xFF) + 2;
    // The frame the `svc` pushed, where the process's stack pointer is.
    for (std::uint32_t register_index = 0; register_index < 4;
         ++register_index) {
      set_word(index, stack + 4 * register_index,
               call.arguments[register_index]);
    }
    set_word(index, stack + 24, svc_return_address);
    const Expected expected = expect(index, call);
    const std::vector<Subscription> subscriptions =
        shadows_[index].subscriptions;
    led_was_high_ = call.arguments[2] < led_pins_.size() &&
                    led_pins_[call.arguments[2]].high;
    const auto before = ram_;
    if (tracing) {
      std::fprintf(stderr,
                   "process %zu (%s, break 0x%08x, grants 0x%08x): svc %u "
                   "(0x%08x, 0x%08x, 0x%08x, 0x%08x) sp 0x%08x -> 0x%08x\n",
                   index, kernel::process::name(state), break_before,
                   kernel_break_before, call.number, call.arguments[0],
                   call.arguments[1], call.arguments[2], call.arguments[3],
                   old_stack, stack);
    }

    const bool ran = run_alone(index, call, new_stack);

    if (!ran) {
      // A yielded process with nothing due waits on; one whose frame left
      // its memory is killed when an upcall is delivered into it.
      require(self.id() == id, "a process that did not run was restarted");
      require(self.state() == state ||
                  (state == ProcessState::yielded &&
                   self.state() == ProcessState::faulted &&
                   !within(old_stack, frame_bytes, layouts[index].ram_address,
                           break_before)),
              "a process that did not run changed state");
      check_writes(before, index, {{old_stack, frame_bytes}});
      if (self.state() == ProcessState::faulted) {
        end_shadow(index);
      }
      return;
    }
    Ranges written{{old_stack, frame_bytes}, {stack, frame_bytes}};
    if (call.number == 0 && call.arguments[0] == 0) {
      written.push_back({call.arguments[1], 1});
    }
    const ProcessState after = self.state();
    if (call.number == 6 && expected.ends) {
      // Exit: terminated with its code, or a new run from its entry.
      if (call.arguments[0] == kernel::process::exit_terminate) {
        require(after == ProcessState::terminated,
                "exit left the process running");
        require(self.exit_code() == call.arguments[1], "exit code lost");
        end_shadow(index);
      } else {
        require(after == ProcessState::runnable &&
                    self.id().run == static_cast<std::uint16_t>(id.run + 1) &&
                    self.restart_count() == restarts + 1,
                "exit-restart did not start a new run");
        restart_shadow(index, id);
        written.push_back(
            {(initial_break(index) & ~7U) - frame_bytes, frame_bytes});
      }
      check_writes(before, index, written);
      return;
    }
    require(self.id() == id, "a call other than exit changed the run");
    if (after == ProcessState::faulted) {
      // Only a frame outside its memory below its break kills a process
      // that calls: the return's words, or an upcall's frame that
      // yield-no-wait delivers.
      const std::uint32_t needed =
          call.number == 0 ? frame_bytes : return_bytes;
      require((call.number != 0 || call.arguments[0] == 0) &&
                  !within(stack, needed, layouts[index].ram_address,
                          self.app_break()),
              "a process with a good frame was killed");
      end_shadow(index);
      check_writes(before, index, written);
      return;
    }
    require(self.app_break() == expected.app_break,
            "the break moved other than the call said");
    // A waiting process that runs starts in an upcall, delivered into its
    // frame before its call. A yield-no-wait may deliver a second one over
    // it; any other call's return covers r0..r3 (the user data).
    std::optional<std::uint32_t> pc_before = svc_return_address;
    if (state == ProcessState::yielded) {
      pc_before.reset();
      const bool no_wait = call.number == 0 && call.arguments[0] == 0;
      if (stack == old_stack && !no_wait &&
          within(stack, frame_bytes, layouts[index].ram_address,
                 self.app_break())) {
        check_upcall(index, subscriptions, stack, svc_return_address,
                     call.number == 0);
      }
    }
    if (call.number == 0) {
      check_yield(index, call, stack, pc_before, subscriptions);
    } else {
      require(after == ProcessState::runnable,
              "a call other than yield left the process not runnable");
      require(within(stack, return_bytes, layouts[index].ram_address,
                     self.app_break()),
              "a return was written outside the process's memory");
      check_return(index, call, expected, stack);
    }
    const std::uint32_t grants =
        std::min(kernel_break_before, self.kernel_break());
    written.push_back({grants, ram_end(index) - grants});
    check_writes(before, index, written);
  }

  /// What `call` of process `index` must do, from the shadow.
  Expected expect(std::size_t index, const SyscallEntry &call) const {
    const Process &self = process(index);
    const Shadow &shadow = shadows_[index];
    const Layout &layout = layouts[index];
    const auto &arguments = call.arguments;
    Expected expected{
        .exact = std::nullopt, .app_break = self.app_break(), .ends = false};
    const bool known_driver = arguments[0] <= 2;
    switch (call.number) {
    case 0:
      break; // Checked by its rules after the call.
    case 2:
      expect_command(arguments, expected);
      break;
    case 1: {
      const UpcallSlot slot{arguments[0], arguments[1]};
      const auto refuse = [&](ErrorCode error) {
        return SyscallReturn::failure_u32_u32(error, arguments[2],
                                              arguments[3]);
      };
      const auto existing = std::find_if(
          shadow.subscriptions.begin(), shadow.subscriptions.end(),
          [slot](const Subscription &entry) { return entry.slot == slot; });
      if (!known_driver) {
        expected.exact = refuse(ErrorCode::no_device);
      } else if (arguments[2] != 0 &&
                 !within(arguments[2] & ~1U, 2, layout.flash_address,
                         flash_end(index))) {
        // An upcall runs the process's own code, in its flash.
        expected.exact = refuse(ErrorCode::invalid);
      } else if (existing != shadow.subscriptions.end()) {
        expected.exact = SyscallReturn::success_u32_u32(existing->function,
                                                        existing->user_data);
      } else if (shadow.subscriptions.size() ==
                 kernel::process::max_subscriptions) {
        expected.exact = refuse(ErrorCode::no_memory);
      } else {
        expected.exact = SyscallReturn::success_u32_u32(0, 0);
      }
      break;
    }
    case 3:
    case 4: {
      const bool read_write = call.number == 3;
      const UpcallSlot slot{arguments[0], arguments[1]};
      const std::uint32_t address = arguments[2];
      const std::uint32_t length = arguments[3];
      const auto refuse = [&](ErrorCode error) {
        return SyscallReturn::failure_u32_u32(error, address, length);
      };
      // RAM below the break; read-only, its flash too.
      const bool inside =
          length == 0 ||
          within(address, length, layout.ram_address, self.app_break()) ||
          (!read_write &&
           within(address, length, layout.flash_address, flash_end(index)));
      const bool overlaps =
          read_write &&
          std::any_of(shadow.allows.begin(), shadow.allows.end(),
                      [&](const Allow &other) {
                        return other.read_write && !(other.slot == slot) &&
                               overlapping(address, length, other.address,
                                           other.length);
                      });
      const auto existing = std::find_if(
          shadow.allows.begin(), shadow.allows.end(), [&](const Allow &entry) {
            return entry.slot == slot && entry.read_write == read_write;
          });
      if (!known_driver) {
        expected.exact = refuse(ErrorCode::no_device);
      } else if (!inside || overlaps) {
        expected.exact = refuse(ErrorCode::invalid);
      } else if (existing != shadow.allows.end()) {
        expected.exact =
            SyscallReturn::success_u32_u32(existing->address, existing->length);
      } else if (length != 0 &&
                 shadow.allows.size() == kernel::process::max_allows) {
        expected.exact = refuse(ErrorCode::no_memory);
      } else {
        expected.exact = SyscallReturn::success_u32_u32(0, 0);
      }
      break;
    }
    case 5:
      expect_memop(index, arguments[0], arguments[1], expected);
      break;
    case 6:
      if (arguments[0] == kernel::process::exit_terminate ||
          arguments[0] == kernel::process::exit_restart) {
        expected.ends = true;
      } else {
        expected.exact = SyscallReturn::failure(ErrorCode::invalid);
      }
      break;
    default:
      expected.exact = SyscallReturn::failure(ErrorCode::no_support);
      break;
    }
    return expected;
  }

  /// What a command must return, from each driver's documented commands
  /// (a driver's per-process state lives in a grant, which may not fit:
  /// then NOMEM).
  void expect_command(const std::array<std::uint32_t, 4> &arguments,
                      Expected &expected) const {
    const auto failure = SyscallReturn::failure;
    const SyscallReturn no_grant = failure(ErrorCode::no_memory);
    const std::uint32_t command = arguments[1];
    switch (arguments[0]) {
    case AlarmDriver::driver_number:
      switch (command) {
      case AlarmDriver::exists:
        expected.exact = SyscallReturn::success();
        break;
      case AlarmDriver::frequency:
        expected.exact = SyscallReturn::success_u32(1000);
        break;
      case AlarmDriver::now:
        expected.exact = SyscallReturn::success_u32(hardware_alarm_.now());
        break;
      case AlarmDriver::stop:
        expected.exact = SyscallReturn::success();
        expected.alternatives = {failure(ErrorCode::already), no_grant};
        break;
      case AlarmDriver::set_relative:
        expected.exact =
            SyscallReturn::success_u32(hardware_alarm_.now() + arguments[2]);
        expected.alternatives = {no_grant};
        break;
      case AlarmDriver::set_absolute:
        expected.exact =
            SyscallReturn::success_u32(arguments[2] + arguments[3]);
        expected.alternatives = {no_grant};
        break;
      default:
        expected.exact = failure(ErrorCode::no_support);
        break;
      }
      break;
    case ConsoleDriver::driver_number:
      switch (command) {
      case ConsoleDriver::exists:
        expected.exact = SyscallReturn::success();
        break;
      case ConsoleDriver::write:
      case ConsoleDriver::read:
      case ConsoleDriver::abort_read:
        expected.plain = true;
        break;
      default:
        expected.exact = failure(ErrorCode::no_support);
        break;
      }
      break;
    case capsules::process::LedDriver::driver_number:
      if (command == capsules::process::LedDriver::count) {
        expected.exact = SyscallReturn::success_u32(led_pins_.size());
      } else if (command <= capsules::process::LedDriver::toggle) {
        expected.exact = arguments[2] < led_pins_.size()
                             ? SyscallReturn::success()
                             : failure(ErrorCode::invalid);
      } else {
        expected.exact = failure(ErrorCode::no_support);
      }
      break;
    default:
      expected.exact = failure(ErrorCode::no_device);
      break;
    }
  }

  /// What memop `operation` with `argument` must return, and the break it
  /// leaves (TRD104 4.6, and the break's bounds: not below what the
  /// process started with, not into the grant region).
  void expect_memop(std::size_t index, std::uint32_t operation,
                    std::uint32_t argument, Expected &expected) const {
    const Process &self = process(index);
    const Layout &layout = layouts[index];
    const std::uint32_t previous = self.app_break();
    const auto set_break = [&](std::uint64_t requested) -> SyscallReturn {
      if (requested < layout.ram_address + layout.minimum_ram) {
        return SyscallReturn::failure(ErrorCode::invalid);
      }
      const std::uint64_t rounded =
          (requested + break_step - 1) & ~std::uint64_t{break_step - 1};
      if (rounded > ram_end(index) || rounded > self.kernel_break()) {
        return SyscallReturn::failure(ErrorCode::no_memory);
      }
      expected.app_break = static_cast<std::uint32_t>(rounded);
      return SyscallReturn::success();
    };
    switch (operation) {
    case 0:
      expected.exact = set_break(argument);
      break;
    case 1: {
      const std::int64_t requested = static_cast<std::int64_t>(previous) +
                                     static_cast<std::int32_t>(argument);
      if (requested < 0 || requested > 0xFFFF'FFFFLL) {
        expected.exact = SyscallReturn::failure(ErrorCode::no_memory);
        break;
      }
      const SyscallReturn moved =
          set_break(static_cast<std::uint64_t>(requested));
      expected.exact =
          moved.is_success() ? SyscallReturn::success_u32(previous) : moved;
      break;
    }
    case 2:
      expected.exact = SyscallReturn::success_u32(layout.ram_address);
      break;
    case 3:
      expected.exact = SyscallReturn::success_u32(previous);
      break;
    case 4:
      expected.exact = SyscallReturn::success_u32(layout.flash_address);
      break;
    case 5:
      expected.exact = SyscallReturn::success_u32(flash_end(index));
      break;
    case 6:
      expected.exact = SyscallReturn::success_u32(self.kernel_break());
      break;
    default:
      expected.exact = SyscallReturn::failure(ErrorCode::no_support);
      break;
    }
  }

  /// Checks the return of `call` in the frame at `stack`, and follows what
  /// it changed in the shadow.
  void check_return(std::size_t index, const SyscallEntry &call,
                    const Expected &expected, std::uint32_t stack) {
    const SyscallReturn returned{static_cast<ReturnVariant>(word(index, stack)),
                                 {word(index, stack + 4),
                                  word(index, stack + 8),
                                  word(index, stack + 12)}};
    const std::uint32_t variant = word(index, stack);
    if (tracing) {
      std::fprintf(stderr, "  returned %u (0x%08x, 0x%08x, 0x%08x)\n", variant,
                   returned.values[0], returned.values[1], returned.values[2]);
    }
    require(is_variant(variant), "a return variant TRD104 does not have");
    if (!returned.is_success()) {
      require(is_error_code(returned.values[0]), "an unknown error code");
    }
    if (expected.exact) {
      require(returned == *expected.exact ||
                  std::find(expected.alternatives.begin(),
                            expected.alternatives.end(),
                            returned) != expected.alternatives.end(),
              "a return other than the call's rules give");
    }
    if (expected.plain) {
      require((returned.variant == ReturnVariant::success &&
               returned.values == std::array<std::uint32_t, 3>{}) ||
                  (returned.variant == ReturnVariant::failure &&
                   returned.values[1] == 0 && returned.values[2] == 0),
              "a command returned a variant its driver does not document");
    }
    Shadow &shadow = shadows_[index];
    const auto &arguments = call.arguments;
    switch (call.number) {
    case 1:
      if (returned.is_success()) {
        const UpcallSlot slot{arguments[0], arguments[1]};
        std::erase_if(shadow.subscriptions, [slot](const Subscription &entry) {
          return entry.slot == slot;
        });
        if (arguments[2] != 0) {
          shadow.subscriptions.push_back({slot, arguments[2], arguments[3]});
        }
      }
      break;
    case 2:
      if (arguments[0] == capsules::process::LedDriver::driver_number &&
          arguments[1] >= capsules::process::LedDriver::on &&
          arguments[1] <= capsules::process::LedDriver::toggle &&
          returned.is_success()) {
        // The LED's pin follows: on, off, or inverted.
        const bool high = led_pins_[arguments[2]].high;
        require(arguments[1] == capsules::process::LedDriver::toggle
                    ? high != led_was_high_
                    : high ==
                          (arguments[1] == capsules::process::LedDriver::on),
                "an LED command left the LED otherwise");
      }
      break;
    case 3:
    case 4:
      if (returned.is_success()) {
        const UpcallSlot slot{arguments[0], arguments[1]};
        const bool read_write = call.number == 3;
        std::erase_if(shadow.allows, [&](const Allow &entry) {
          return entry.slot == slot && entry.read_write == read_write;
        });
        if (arguments[3] != 0) {
          shadow.allows.push_back(
              {slot, read_write, arguments[2], arguments[3]});
        }
        if (std::find(shadow.slots.begin(), shadow.slots.end(), slot) ==
            shadow.slots.end()) {
          shadow.slots.push_back(slot);
        }
      }
      break;
    default:
      break;
    }
  }

  /// Checks a yield: wait leaves the process waiting; no-wait sets its flag
  /// (when the flag is its memory) and runs at most one upcall, of a
  /// function it subscribed, returning to after the `svc`.
  void check_yield(std::size_t index, const SyscallEntry &call,
                   std::uint32_t stack, std::optional<std::uint32_t> pc_before,
                   const std::vector<Subscription> &subscriptions) {
    const Process &self = process(index);
    const std::uint32_t kind = call.arguments[0];
    if (kind == 1) {
      require(self.state() == ProcessState::yielded, "yield-wait did not wait");
      return;
    }
    require(self.state() == ProcessState::runnable, "yield-no-wait waited");
    const std::uint32_t flag = call.arguments[1];
    if (kind != 0 ||
        !within(flag, 1, layouts[index].ram_address, self.app_break())) {
      return;
    }
    // A flag byte inside the frame is overwritten by the upcall's words.
    const bool flag_in_frame = flag >= stack && flag - stack < frame_bytes;
    if (flag_in_frame) {
      return;
    }
    const std::uint8_t set = ram_[index][flag - layouts[index].ram_address];
    require(set == 0 || set == 1, "yield's flag is neither 0 nor 1");
    if (!within(stack, frame_bytes, layouts[index].ram_address,
                self.app_break())) {
      return;
    }
    const std::uint32_t pc = word(index, stack + 24);
    if (set == 0) {
      require(!pc_before || pc == *pc_before,
              "yield-no-wait ran an upcall but said none was due");
      return;
    }
    check_upcall(index, subscriptions, stack, pc_before, true);
  }

  /// Checks the upcall delivered into process `index`'s frame at
  /// `stack`: a function it subscribed (among `subscriptions`), in its
  /// flash, returning to `return_address` (where the process was, when the
  /// harness knows it), with that subscription's user data (when
  /// `user_data_kept`: no return covered it).
  void check_upcall(std::size_t index,
                    const std::vector<Subscription> &subscriptions,
                    std::uint32_t stack,
                    std::optional<std::uint32_t> return_address,
                    bool user_data_kept) const {
    const std::uint32_t pc = word(index, stack + 24);
    const std::uint32_t user_data = word(index, stack + 12);
    const std::uint32_t lr = word(index, stack + 20);
    require(std::any_of(subscriptions.begin(), subscriptions.end(),
                        [&](const Subscription &entry) {
                          return (entry.function & ~1U) == pc &&
                                 (!user_data_kept ||
                                  entry.user_data == user_data);
                        }),
            "an upcall ran a function the process did not subscribe");
    require(within(pc, 2, layouts[index].flash_address, flash_end(index)),
            "an upcall ran outside the process's flash");
    require(!return_address || lr == (*return_address | 1U),
            "an upcall does not return to where the process was");
  }

  /// A fault of process `index` while it runs: it restarts once, then stays
  /// faulted.
  void fault(std::size_t index) {
    const Process &self = process(index);
    const ProcessId id = self.id();
    const ProcessState state = self.state();
    const std::uint32_t restarts = self.restart_count();
    const std::uint32_t old_stack = self.stack_pointer();
    const auto before = ram_;
    const bool ran = run_alone(index, std::nullopt, std::nullopt);
    Ranges written;
    if (!ran) {
      require(self.id() == id && (self.state() == state ||
                                  self.state() == ProcessState::faulted),
              "a process that did not run changed");
    } else if (restarts < restarts_after_fault) {
      require(self.state() == ProcessState::runnable &&
                  self.id().run == static_cast<std::uint16_t>(id.run + 1) &&
                  self.last_fault().has_value(),
              "a fault within the policy did not restart the process");
      restart_shadow(index, id);
      written.push_back(
          {(initial_break(index) & ~7U) - frame_bytes, frame_bytes});
    } else {
      require(self.state() == ProcessState::faulted &&
                  self.last_fault().has_value(),
              "a fault past the policy did not end the process");
    }
    if (self.state() == ProcessState::faulted) {
      end_shadow(index);
    }
    // An upcall delivered before the fault wrote the old frame.
    written.push_back({old_stack, frame_bytes});
    check_writes(before, index, written);
  }

  /// The process console: stop, resume, kill or restart a process.
  void console_command(FuzzInput &input, std::uint8_t action) {
    const std::size_t index = input.byte() % process_count;
    const Process &self = process(index);
    const ProcessState state = self.state();
    const ProcessId id = self.id();
    const auto before = ram_;
    Ranges written;
    switch (action % 4) {
    case 0:
      static_cast<void>(processes_.stop(index));
      require(self.id() == id, "stop restarted");
      break;
    case 1:
      static_cast<void>(processes_.resume(index));
      require(self.id() == id, "resume restarted");
      break;
    case 2: {
      const kernel::Result killed = processes_.kill(index);
      require(killed.is_ok() == (state != ProcessState::terminated),
              "kill refused a process or killed one twice");
      require(self.state() == ProcessState::terminated,
              "a killed process is not terminated");
      end_shadow(index);
      break;
    }
    default:
      require(processes_.restart(index).is_ok(), "restart failed");
      require(self.state() == ProcessState::runnable &&
                  self.id().run == static_cast<std::uint16_t>(id.run + 1),
              "restart did not start a new run");
      restart_shadow(index, id);
      written.push_back(
          {(initial_break(index) & ~7U) - frame_bytes, frame_bytes});
      break;
    }
    check_writes(before, index, written);
  }

  /// The hardware finishes something: the UART sends or receives, or time
  /// passes. Drivers write processes' memory only through their allows.
  void hardware(FuzzInput &input, std::uint8_t action) {
    const auto before = ram_;
    switch (action % 5) {
    case 0:
      if (uart_.is_transmitting()) {
        uart_.complete_transmit();
      }
      break;
    case 1: {
      // The bytes are read whatever the state, so that an input means the
      // same steps however the kernel answered.
      const std::size_t sent = input.byte() % 4;
      if (uart_.is_transmitting()) {
        uart_.end_transmit(sent, kernel::Result::failure(ErrorCode::fail));
      }
      break;
    }
    case 2: {
      std::string bytes(input.byte() % 4, '\0');
      for (char &character : bytes) {
        character = static_cast<char>(input.byte());
      }
      const bool cancelled = input.byte() < 0x20;
      if (uart_.is_receiving()) {
        uart_.complete_receive(
            bytes, cancelled ? kernel::Result::failure(ErrorCode::cancel)
                             : kernel::Result::ok());
      }
      break;
    }
    case 3:
      uart_.refuse = !uart_.refuse;
      break;
    default:
      hardware_alarm_.run_for(input.byte() * 16U);
      break;
    }
    Writable writable{};
    for (std::size_t index = 0; index < process_count; ++index) {
      for (const Allow &allow : shadows_[index].allows) {
        if (allow.read_write && allow.slot == console_buffer) {
          writable[index].push_back({allow.address, allow.length});
        }
      }
    }
    check_writes(before, writable);
  }

  // Following runs.

  /// Process `index`'s run ended: its id joins the dead, its sharing goes.
  void end_shadow(std::size_t index) {
    Shadow &shadow = shadows_[index];
    if (std::find(shadow.dead.begin(), shadow.dead.end(), shadow.id) ==
        shadow.dead.end()) {
      shadow.dead.push_back(shadow.id);
    }
    // The latest few are enough: runs are numbered, so an older one is no
    // more likely to reach a newer run than the last.
    if (shadow.dead.size() > max_dead_ids) {
      shadow.dead.erase(shadow.dead.begin());
    }
    shadow.allows.clear();
    shadow.subscriptions.clear();
  }
  /// Process `index` restarted after run `old`: a fresh start.
  void restart_shadow(std::size_t index, ProcessId old) {
    Shadow &shadow = shadows_[index];
    shadow.id = old;
    end_shadow(index);
    const Process &self = process(index);
    require(self.app_break() == initial_break(index) &&
                self.kernel_break() == ram_end(index) &&
                self.stack_pointer() ==
                    (initial_break(index) & ~7U) - frame_bytes,
            "a restart did not start from the image's memory");
    shadow.id = self.id();
    shadow.kernel_break = self.kernel_break();
  }

  // Checks.

  /// Since `before`, each process's RAM changed only in its ranges in
  /// `writable` and in its grant region.
  void check_writes(const RamImage &before, const Writable &writable) const {
    for (std::size_t index = 0; index < process_count; ++index) {
      if (ram_[index] == before[index]) {
        continue;
      }
      const std::uint32_t start = layouts[index].ram_address;
      const std::uint32_t grants = process(index).kernel_break();
      for (std::size_t offset = 0; offset < ram_[index].size(); ++offset) {
        if (ram_[index][offset] == before[index][offset]) {
          continue;
        }
        const auto address = static_cast<std::uint32_t>(start + offset);
        const bool allowed =
            address >= grants ||
            std::any_of(writable[index].begin(), writable[index].end(),
                        [address](const auto &range) {
                          return address >= range.first &&
                                 address - range.first < range.second;
                        });
        require(allowed, "a step wrote process memory it had no right to");
      }
    }
  }
  /// Like `check_writes`, when only process `index` may have been written.
  void check_writes(const RamImage &before, std::size_t index,
                    const Ranges &written) const {
    Writable writable{};
    writable[index] = written;
    check_writes(before, writable);
  }

  /// Checks every process after a step.
  void check_all() {
    for (std::size_t index = 0; index < process_count; ++index) {
      check_process(index);
    }
  }

  /// Checks process `index`: its state follows the shadow's run, its
  /// memory's bounds hold, its allows are what drivers see and lie in its
  /// memory, and its old ids reach nothing.
  void check_process(std::size_t index) {
    const Process &self = process(index);
    Shadow &shadow = shadows_[index];
    const Layout &layout = layouts[index];
    require(self.state() != ProcessState::unused, "a loaded process vanished");
    require(self.id() == shadow.id && self.id().index == index,
            "a process's run changed without a start");
    const auto info = processes_.info(index);
    require(info && info->id == self.id() && info->state == self.state() &&
                info->app_break == self.app_break() &&
                info->kernel_break == self.kernel_break(),
            "the console sees another process");
    // The break: not below what it started with, not into the grant
    // region, which stays in the RAM block and grows only down in a run.
    require(self.app_break() >= initial_break(index) &&
                self.app_break() >= layout.ram_address + layout.minimum_ram,
            "the break fell below the process's initial memory");
    require(self.app_break() <= self.kernel_break(),
            "the break reached into the grant region");
    require(self.kernel_break() <= ram_end(index) &&
                self.kernel_break() >= layout.ram_address,
            "the grant region left the RAM block");
    require(self.kernel_break() <= shadow.kernel_break,
            "the grant region shrank within a run");
    shadow.kernel_break = self.kernel_break();
    require(self.memory().ram_start() == layout.ram_address &&
                self.memory().ram_end() == ram_end(index) &&
                self.memory().flash_start() == layout.flash_address &&
                self.memory().flash_end() == flash_end(index),
            "a process's memory moved");
    const bool live = is_live(self.state());
    if (!live) {
      require(shadow.allows.empty() && shadow.subscriptions.empty(),
              "the harness kept sharing of an ended process");
    }
    std::vector<UpcallSlot> slots = shadow.slots;
    if (std::find(slots.begin(), slots.end(), console_buffer) == slots.end()) {
      slots.push_back(console_buffer);
    }
    std::vector<std::pair<std::uint32_t, std::uint32_t>> seen;
    for (const UpcallSlot slot : slots) {
      probe_read_only(index, slot, live);
      if (const auto range = probe_read_write(index, slot, live)) {
        for (const auto &other : seen) {
          require(!overlapping(range->first, range->second, other.first,
                               other.second),
                  "two read-write allows share bytes");
        }
        seen.push_back(*range);
      }
    }
    for (const ProcessId dead : shadow.dead) {
      check_dead(dead);
    }
  }

  /// The view a driver gets of process `index`'s read-only allow at
  /// `slot`: what the process allowed, while it lies in its RAM below its
  /// break or in its flash, else empty; nothing for an ended process.
  void probe_read_only(std::size_t index, UpcallSlot slot, bool live) {
    const Process &self = process(index);
    const Layout &layout = layouts[index];
    const auto allow =
        std::find_if(shadows_[index].allows.begin(),
                     shadows_[index].allows.end(), [slot](const auto &entry) {
                       return entry.slot == slot && !entry.read_write;
                     });
    std::optional<std::span<const std::uint8_t>> expected;
    if (allow != shadows_[index].allows.end()) {
      if (within(allow->address, allow->length, layout.ram_address,
                 self.app_break())) {
        expected =
            std::span<const std::uint8_t>(ram_[index])
                .subspan(allow->address - layout.ram_address, allow->length);
      } else if (within(allow->address, allow->length, layout.flash_address,
                        flash_end(index))) {
        expected =
            std::span<const std::uint8_t>(flash_[index])
                .subspan(allow->address - layout.flash_address, allow->length);
      }
    }
    bool called = false;
    const kernel::Result result = processes_.with_read_only_allow(
        self.id(), slot, [&](const ReadOnlyProcessBuffer &view) {
          called = true;
          const std::size_t size = expected ? expected->size() : 0;
          require(view.size() == size,
                  "a read-only view other than the allowed buffer");
          for (std::size_t offset = 0; offset < size; ++offset) {
            require(view.at(offset) == (*expected)[offset],
                    "a read-only view shows other bytes");
          }
          require(view.at(size) == 0, "a read-only view reads past its end");
        });
    require(result.is_ok() == live && called == live,
            "a read-only view of an ended process, or none of a live one");
  }

  /// Like `probe_read_only`, for the read-write allow at `slot`: its view
  /// writes exactly the allowed bytes, below the break. Returns where it
  /// lies, when it is not empty.
  std::optional<std::pair<std::uint32_t, std::uint32_t>>
  probe_read_write(std::size_t index, UpcallSlot slot, bool live) {
    const Process &self = process(index);
    const Layout &layout = layouts[index];
    const auto allow =
        std::find_if(shadows_[index].allows.begin(),
                     shadows_[index].allows.end(), [slot](const auto &entry) {
                       return entry.slot == slot && entry.read_write;
                     });
    std::optional<std::pair<std::uint32_t, std::uint32_t>> expected;
    if (allow != shadows_[index].allows.end() &&
        within(allow->address, allow->length, layout.ram_address,
               self.app_break())) {
      expected = {allow->address, allow->length};
    }
    // Only a view that should not be empty is written through (an empty
    // one that is not fails its size check first).
    std::vector<std::uint8_t> saved;
    if (expected) {
      saved = ram_[index];
    }
    bool called = false;
    const kernel::Result result = processes_.with_read_write_allow(
        self.id(), slot, [&](const ReadWriteProcessBuffer &view) {
          called = true;
          const std::size_t size = expected ? expected->second : 0;
          require(view.size() == size,
                  "a read-write view other than the allowed buffer");
          // Every byte inverted through the view: the bytes that change
          // are where the view lies.
          for (std::size_t offset = 0; offset < size; ++offset) {
            require(
                view.set(offset, static_cast<std::uint8_t>(~view.at(offset))),
                "a read-write view refused a byte inside it");
          }
          require(!view.set(size, 0), "a read-write view writes past its end");
        });
    require(result.is_ok() == live && called == live,
            "a read-write view of an ended process, or none of a live one");
    if (!expected || !called) {
      return std::nullopt;
    }
    const std::vector<std::uint8_t> &now = ram_[index];
    const std::size_t first = expected->first - layout.ram_address;
    const std::size_t last = first + expected->second;
    require(std::equal(now.begin(), now.begin() + first, saved.begin()) &&
                std::equal(now.begin() + last, now.end(), saved.begin() + last),
            "a read-write view reaches bytes outside the allowed ones");
    for (std::size_t offset = first; offset < last; ++offset) {
      require(now[offset] == static_cast<std::uint8_t>(~saved[offset]),
              "a read-write view misses an allowed byte");
    }
    ram_[index] = saved;
    return expected;
  }

  /// An id of an ended run reaches nothing: no view, no upcall, no grant.
  void check_dead(ProcessId dead) {
    const auto refuse_view = [](const auto &) {
      fail("a dead id reached a buffer");
    };
    require(
        processes_.with_read_only_allow(dead, console_buffer, refuse_view) ==
            kernel::Result::failure(ErrorCode::invalid),
        "a dead id's read-only view was not refused");
    require(
        processes_.with_read_write_allow(dead, console_buffer, refuse_view) ==
            kernel::Result::failure(ErrorCode::invalid),
        "a dead id's read-write view was not refused");
    require(processes_.schedule_upcall(dead, {AlarmDriver::driver_number, 0},
                                       {1, 2, 3}) ==
                kernel::Result::failure(ErrorCode::invalid),
            "a dead id was sent an upcall");
    require(processes_.enter_grant(dead, 0, 4, 4,
                                   [](std::span<std::uint8_t>, bool) {
                                     fail("a dead id entered a grant");
                                   }) ==
                kernel::Result::failure(ErrorCode::invalid),
            "a dead id's grant was not refused");
  }

  /// The protection, the CPU and a chip with no interrupts, faked.
  BlockProtection protection_;
  /// See `protection_`.
  host_tests::ScriptedBoundary boundary_;
  /// See `protection_`.
  host_tests::QuietChip chip_;
  /// The drivers by number (their addresses only; they come later).
  DriverTable<3> table_;
  /// The process table.
  kernel::process::Processes processes_;
  /// The alarm hardware and its driver.
  host_tests::FakeAlarm hardware_alarm_;
  /// See `hardware_alarm_`.
  AlarmDriver alarm_;
  /// The console's leases (small, so that requests take several chunks).
  std::uint8_t transmit_storage_[4] = {};
  /// See `transmit_storage_`.
  std::uint8_t receive_storage_[2] = {};
  /// The UART and the console driver.
  host_tests::FakeUart uart_;
  /// See `uart_`.
  ConsoleDriver console_;
  /// Three LEDs and their system call driver.
  std::array<FakePin, 3> led_pins_;
  /// See `led_pins_`.
  std::array<kernel::hil::led::LedHigh, 3> leds_;
  /// See `led_pins_`.
  std::array<const kernel::hil::led::Led *, 3> led_table_;
  /// See `led_pins_`.
  capsules::LedDriver numbered_leds_;
  /// See `led_pins_`.
  capsules::process::LedDriver led_syscalls_;
  /// Whether the LED a command names was lit before the command.
  bool led_was_high_ = false;
  /// Each process's flash image and RAM block.
  std::array<std::vector<std::uint8_t>, process_count> flash_;
  /// See `flash_`.
  std::array<std::vector<std::uint8_t>, process_count> ram_;
  /// What the harness knows of each process.
  std::array<Shadow, process_count> shadows_;
};

} // namespace

/// One input: a fresh world, then its steps, each checked.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data,
                                      std::size_t size) {
  fuzz::set_tearing_down(false);
  FuzzInput input({data, size});
  const auto world = std::make_unique<World>();
  for (std::size_t step = 0; step < max_steps && input.more(); ++step) {
    world->step(input);
  }
  return 0;
}
