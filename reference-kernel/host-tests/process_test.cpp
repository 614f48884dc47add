/// Tests of the process table's portable parts: loading, every system call
/// class with good and bad arguments, upcalls, allowed buffers, grants, and
/// round-robin scheduling with faults, over arrays standing in for a
/// process's flash and RAM and a scripted boundary in place of the CPU.
#include "kernel/debug.h"
#include "kernel/debug_writer.h"
#include "kernel/process/grant.h"
#include "kernel/process/processes.h"
#include "support/process_fakes.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace {

using kernel::ErrorCode;
using kernel::process::FaultRecord;
using kernel::process::MemoryProtection;
using kernel::process::Processes;
using kernel::process::ProcessId;
using kernel::process::ProcessMemory;
using kernel::process::ProcessState;
using kernel::process::ReturnVariant;
using kernel::process::StoredRegisters;
using kernel::process::SwitchReason;
using kernel::process::SyscallReturn;
using kernel::process::UpcallSlot;

/// Where the test's processes think their memory is.
constexpr std::uint32_t flash_base = 0x0020'0000;
constexpr std::uint32_t ram_base = 0x2020'0000;
constexpr std::uint32_t ram_size = 8192;
constexpr std::uint32_t minimum_ram = 2048;
/// The test driver's number, and one nobody serves.
constexpr std::uint32_t driver_number = 0x42;
constexpr std::uint32_t no_driver = 0x99;
/// TRD104's error numbers the tests expect.
constexpr std::uint32_t abi_invalid = 6;
constexpr std::uint32_t abi_no_memory = 9;
constexpr std::uint32_t abi_no_support = 10;
constexpr std::uint32_t abi_no_device = 11;

/// The debug output, kept for the tests to read.
host_tests::CapturedDebug &captured_debug = host_tests::fresh_captured_debug();

/// A driver that answers command n with the sum of its arguments.
class AddingDriver final : public kernel::process::SyscallDriver {
public:
  SyscallReturn command(std::uint32_t number, std::uint32_t argument1,
                        std::uint32_t argument2,
                        ProcessId process) const override {
    last_process = process;
    if (number == 0) {
      return SyscallReturn::success();
    }
    if (number == 1) {
      return SyscallReturn::success_u32(argument1 + argument2);
    }
    return SyscallReturn::failure(ErrorCode::no_support);
  }
  mutable ProcessId last_process{};
};

/// The one driver the tests reach, and the lookup that finds it.
struct Drivers {
  AddingDriver adding;
  const std::array<kernel::process::DriverEntry, 1> rows{
      {{driver_number, &adding}}};
  const kernel::process::SyscallDriverLookup lookup{rows};
};

using host_tests::FakeProtection;
using host_tests::QuietChip;
using host_tests::ScriptedBoundary;

/// The grant the tests use.
struct Counter {
  std::uint32_t value;
};

class ProcessTest : public ::testing::Test {
protected:
  ProcessTest() : processes_(boundary_, protection_, {}) {
    processes_.set_drivers(drivers_.lookup);
    kernel::debug::set_writer(captured_debug);
    captured_debug.output.clear();
    // Each process's flash: "svc n" (0xDFnn) for every class at offset
    // 2n, then code.
    for (auto &flash : flash_) {
      for (std::uint8_t number = 0; number < 10; ++number) {
        flash[2 * number] = number;
        flash[2 * number + 1] = 0xDF;
      }
    }
  }

  /// Process `index`'s memory (its flash and RAM 64 KiB apart per index).
  ProcessMemory memory(std::size_t index) {
    return ProcessMemory(flash_base + index * 0x1'0000, flash_[index],
                         ram_base + index * 0x1'0000, ram_[index]);
  }
  void load(std::size_t index, const char *name = "app") {
    ASSERT_TRUE(processes_
                    .load(name, memory(index),
                          flash_base + index * 0x1'0000 + 0x41, minimum_ram)
                    .is_ok());
  }

  /// The word of process `index`'s RAM at `address`.
  std::uint32_t word(std::size_t index, std::uint32_t address) {
    const std::uint32_t offset = address - (ram_base + index * 0x1'0000);
    const auto &ram = ram_[index];
    return ram[offset] | ram[offset + 1] << 8 | ram[offset + 2] << 16 |
           static_cast<std::uint32_t>(ram[offset + 3]) << 24;
  }
  void set_word(std::size_t index, std::uint32_t address, std::uint32_t value) {
    const std::uint32_t offset = address - (ram_base + index * 0x1'0000);
    for (int byte = 0; byte < 4; ++byte) {
      ram_[index][offset + byte] =
          static_cast<std::uint8_t>(value >> (8 * byte));
    }
  }

  /// Process `index` makes system call `number` with r0..r3 = `arguments`:
  /// the frame at its stack pointer is what an `svc` would leave.
  std::array<std::uint32_t, 4> call(std::size_t index, std::uint8_t number,
                                    std::array<std::uint32_t, 4> arguments) {
    const std::uint32_t frame =
        processes_.process(index).registers().stack_pointer;
    for (std::uint32_t word = 0; word < 4; ++word) {
      set_word(index, frame + 4 * word, arguments[word]);
    }
    set_word(index, frame + 24, flash_base + index * 0x1'0000 + 2 * number + 2);
    processes_.handle_syscall(processes_.process(index), {arguments, number});
    return {word(index, frame), word(index, frame + 4), word(index, frame + 8),
            word(index, frame + 12)};
  }

  static std::array<std::uint32_t, 4> failure(std::uint32_t code) {
    return {static_cast<std::uint32_t>(ReturnVariant::failure), code, 0, 0};
  }

  ScriptedBoundary boundary_;
  FakeProtection protection_;
  Drivers drivers_;
  Processes processes_;
  std::array<std::array<std::uint8_t, 1024>, 2> flash_{};
  std::array<std::array<std::uint8_t, ram_size>, 2> ram_{};
};

TEST_F(ProcessTest, LoadingWritesTheFirstFrameAtTheInitialBreak) {
  load(0, "hello");
  const auto &process = processes_.process(0);
  EXPECT_EQ(process.state(), ProcessState::runnable);
  EXPECT_EQ(process.name(), "hello");
  EXPECT_EQ(process.app_break(), ram_base + minimum_ram);
  EXPECT_EQ(process.kernel_break(), ram_base + ram_size);
  const std::uint32_t frame = process.registers().stack_pointer;
  EXPECT_EQ(frame, ram_base + minimum_ram - 32);
  // r0..r3: RAM start, RAM size, break, flash start; pc the entry; Thumb.
  EXPECT_EQ(word(0, frame), ram_base);
  EXPECT_EQ(word(0, frame + 4), ram_size);
  EXPECT_EQ(word(0, frame + 8), ram_base + minimum_ram);
  EXPECT_EQ(word(0, frame + 12), flash_base);
  EXPECT_EQ(word(0, frame + 24), flash_base + 0x40);
  EXPECT_EQ(word(0, frame + 28), 0x0100'0000U);
}

TEST_F(ProcessTest, AProcessThatNeedsMoreThanItsBlockIsRefused) {
  EXPECT_EQ(processes_.load("big", memory(0), flash_base + 1, ram_size + 4),
            kernel::Result::failure(ErrorCode::no_memory));
  EXPECT_FALSE(processes_.info(0).has_value());
}

TEST_F(ProcessTest, CommandsReachTheDriverWithTheCallersId) {
  load(0);
  EXPECT_EQ(call(0, 2, {driver_number, 1, 40, 2}),
            (std::array<std::uint32_t, 4>{129, 42, 0, 0}));
  EXPECT_EQ(drivers_.adding.last_process, processes_.process(0).id());
  EXPECT_EQ(call(0, 2, {driver_number, 7, 0, 0}), failure(abi_no_support));
}

TEST_F(ProcessTest, EveryClassNamingAnUnknownDriverGetsNoDevice) {
  load(0);
  EXPECT_EQ(call(0, 2, {no_driver, 0, 0, 0}), failure(abi_no_device));
  // Subscribe and allow hand back what was passed (failure_u32_u32).
  EXPECT_EQ(
      call(0, 1, {no_driver, 0, flash_base + 0x41, 7}),
      (std::array<std::uint32_t, 4>{2, abi_no_device, flash_base + 0x41, 7}));
  EXPECT_EQ(
      call(0, 3, {no_driver, 0, ram_base + 1024, 16}),
      (std::array<std::uint32_t, 4>{2, abi_no_device, ram_base + 1024, 16}));
}

TEST_F(ProcessTest, AnUnknownSyscallClassGetsNoSupport) {
  load(0);
  EXPECT_EQ(call(0, 9, {0, 0, 0, 0}), failure(abi_no_support));
  EXPECT_EQ(processes_.process(0).state(), ProcessState::runnable);
}

TEST_F(ProcessTest, AllowsOutsideTheProcessesMemoryAreInvalid) {
  load(0);
  const auto invalid = [](std::uint32_t address, std::uint32_t length) {
    return std::array<std::uint32_t, 4>{2, abi_invalid, address, length};
  };
  // Above its break (its own block, but not yet its memory), the kernel's
  // RAM, the other process's RAM, a length that wraps around.
  EXPECT_EQ(call(0, 3, {driver_number, 0, ram_base + minimum_ram, 4}),
            invalid(ram_base + minimum_ram, 4));
  EXPECT_EQ(call(0, 3, {driver_number, 0, 0x2000'0000, 4}),
            invalid(0x2000'0000, 4));
  EXPECT_EQ(call(0, 3, {driver_number, 0, ram_base + 0x1'0000, 4}),
            invalid(ram_base + 0x1'0000, 4));
  EXPECT_EQ(call(0, 3, {driver_number, 0, ram_base + 16, 0xFFFF'FFF8}),
            invalid(ram_base + 16, 0xFFFF'FFF8));
  // Its flash may be shared read-only, not read-write.
  EXPECT_EQ(call(0, 3, {driver_number, 0, flash_base, 16}),
            invalid(flash_base, 16));
  EXPECT_EQ(call(0, 4, {driver_number, 0, flash_base, 16}),
            (std::array<std::uint32_t, 4>{130, 0, 0, 0}));
  // A zero-length allow takes a buffer back, whatever its address.
  EXPECT_EQ(call(0, 3, {driver_number, 0, 0, 0}),
            (std::array<std::uint32_t, 4>{130, 0, 0, 0}));
}

TEST_F(ProcessTest, OverlappingReadWriteAllowsAreRefused) {
  load(0);
  EXPECT_EQ(call(0, 3, {driver_number, 0, ram_base + 100, 50})[0], 130U);
  EXPECT_EQ(call(0, 3, {driver_number, 1, ram_base + 120, 10}),
            (std::array<std::uint32_t, 4>{2, abi_invalid, ram_base + 120, 10}));
  // Replacing the same allow is fine, and returns the previous buffer.
  EXPECT_EQ(call(0, 3, {driver_number, 0, ram_base + 120, 10}),
            (std::array<std::uint32_t, 4>{130, ram_base + 100, 50, 0}));
  // Read-only allows may overlap anything.
  EXPECT_EQ(call(0, 4, {driver_number, 1, ram_base + 120, 10})[0], 130U);
}

TEST_F(ProcessTest, DriversSeeAllowedBuffersOnlyThroughBoundedViews) {
  load(0);
  ram_[0][100] = 'h';
  ram_[0][101] = 'i';
  ASSERT_EQ(call(0, 4, {driver_number, 0, ram_base + 100, 2})[0], 130U);
  ASSERT_EQ(call(0, 3, {driver_number, 0, ram_base + 200, 4})[0], 130U);
  const ProcessId id = processes_.process(0).id();
  std::string seen;
  EXPECT_TRUE(processes_
                  .with_read_only_allow(
                      id, {driver_number, 0},
                      [&seen](const kernel::process::ReadOnlyProcessBuffer &b) {
                        for (std::size_t i = 0; i < b.size() + 3; ++i) {
                          seen += static_cast<char>(b.at(i));
                        }
                      })
                  .is_ok());
  EXPECT_EQ(seen, std::string("hi\0\0\0", 5)); // past the end reads as 0
  EXPECT_TRUE(
      processes_
          .with_read_write_allow(
              id, {driver_number, 0},
              [](const kernel::process::ReadWriteProcessBuffer &buffer) {
                const std::uint8_t reply[] = {'o', 'k', '!', '!', '!', '!'};
                EXPECT_EQ(buffer.copy_from(0, reply), 4U);
                EXPECT_FALSE(buffer.set(4, 'x'));
              })
          .is_ok());
  EXPECT_EQ(ram_[0][200], 'o');
  EXPECT_EQ(ram_[0][203], '!');
  EXPECT_EQ(ram_[0][204], 0); // nothing past the allowed four bytes
  // After a brk below the buffer, it is no longer shared.
  ASSERT_EQ(call(0, 5, {1, 512, 0, 0})[0], 129U);
  ASSERT_EQ(call(0, 3, {driver_number, 0, ram_base + 2300, 40})[0], 130U);
  ASSERT_EQ(call(0, 5, {1, static_cast<std::uint32_t>(-512), 0, 0})[0], 129U);
  std::size_t size = 99;
  EXPECT_TRUE(
      processes_
          .with_read_write_allow(
              id, {driver_number, 0},
              [&size](const kernel::process::ReadWriteProcessBuffer &b) {
                size = b.size();
              })
          .is_ok());
  EXPECT_EQ(size, 0U);
}

TEST_F(ProcessTest, TheBreakMovesOnlyWithinTheProcessesBlock) {
  load(0);
  const std::uint32_t start = ram_base + minimum_ram;
  // sbrk returns the old break; the new one is rounded up to what the MPU
  // can enforce.
  EXPECT_EQ(call(0, 5, {1, 100, 0, 0}),
            (std::array<std::uint32_t, 4>{129, start, 0, 0}));
  EXPECT_EQ(processes_.process(0).app_break(), start + 256);
  EXPECT_EQ(call(0, 5, {3, 0, 0, 0}),
            (std::array<std::uint32_t, 4>{129, start + 256, 0, 0}));
  // Past the block, wrapping around either way, or below the memory it
  // started with: refused.
  EXPECT_EQ(call(0, 5, {1, 0x10'0000, 0, 0}), failure(abi_no_memory));
  EXPECT_EQ(call(0, 5, {1, 0x7FFF'FFFF, 0, 0}), failure(abi_no_memory));
  EXPECT_EQ(call(0, 5, {1, 0x8000'0000, 0, 0}), failure(abi_no_memory));
  EXPECT_EQ(call(0, 5, {1, static_cast<std::uint32_t>(-4096), 0, 0}),
            failure(abi_invalid));
  EXPECT_EQ(call(0, 5, {0, ram_base, 0, 0}), failure(abi_invalid));
  EXPECT_EQ(call(0, 5, {0, ram_base + ram_size, 0, 0})[0], 128U);
  // The memory queries.
  EXPECT_EQ(call(0, 5, {2, 0, 0, 0})[1], ram_base);
  EXPECT_EQ(call(0, 5, {4, 0, 0, 0})[1], flash_base);
  EXPECT_EQ(call(0, 5, {5, 0, 0, 0})[1], flash_base + 1024);
  EXPECT_EQ(call(0, 5, {6, 0, 0, 0})[1], ram_base + ram_size);
  EXPECT_EQ(call(0, 5, {77, 0, 0, 0}), failure(abi_no_support));
}

TEST_F(ProcessTest, ABreakBelowTheRequestIsRefusedWhateverTheMpuSays) {
  load(0);
  const std::uint32_t before = processes_.process(0).app_break();
  // A protection whose rounding wrapped: its answer is under the request.
  protection_.wrong_answer = ram_base;
  EXPECT_EQ(call(0, 5, {0, before + 512, 0, 0}), failure(abi_no_memory));
  EXPECT_EQ(processes_.process(0).app_break(), before);
  EXPECT_EQ(processes_.process(0).state(), ProcessState::runnable);
}

TEST_F(ProcessTest, UpcallsNeedASubscriptionAndRunWhenTheProcessYields) {
  load(0);
  const ProcessId id = processes_.process(0).id();
  const UpcallSlot slot{driver_number, 3};
  EXPECT_EQ(processes_.schedule_upcall(id, slot, {1, 2, 3}),
            kernel::Result::failure(ErrorCode::off));
  // A function outside its flash is refused; inside, the previous (none)
  // comes back.
  EXPECT_EQ(call(0, 1, {driver_number, 3, 0x2000'0001, 5})[0], 2U);
  EXPECT_EQ(call(0, 1, {driver_number, 3, flash_base + 0x101, 5}),
            (std::array<std::uint32_t, 4>{130, 0, 0, 0}));
  EXPECT_TRUE(processes_.schedule_upcall(id, slot, {1, 2, 3}).is_ok());
  // yield-wait: the process waits; the scheduler then runs the upcall,
  // which returns to the instruction after the svc.
  call(0, 0, {1, 0, 0, 0});
  EXPECT_EQ(processes_.process(0).state(), ProcessState::yielded);
  QuietChip chip;
  boundary_.reasons = {SwitchReason::timeslice_expired};
  EXPECT_TRUE(processes_.run_next(chip));
  const std::uint32_t frame = processes_.process(0).registers().stack_pointer;
  EXPECT_EQ(word(0, frame), 1U);
  EXPECT_EQ(word(0, frame + 4), 2U);
  EXPECT_EQ(word(0, frame + 8), 3U);
  EXPECT_EQ(word(0, frame + 12), 5U);                         // user data
  EXPECT_EQ(word(0, frame + 20), flash_base + 2 * 0 + 2 + 1); // lr
  EXPECT_EQ(word(0, frame + 24), flash_base + 0x100);         // pc
  EXPECT_EQ(processes_.process(0).state(), ProcessState::runnable);
  // Nothing due: a yielded process is not run.
  call(0, 0, {1, 0, 0, 0});
  EXPECT_FALSE(processes_.run_next(chip));
}

TEST_F(ProcessTest, YieldNoWaitSaysWhetherAnUpcallRan) {
  load(0);
  const ProcessId id = processes_.process(0).id();
  ASSERT_EQ(call(0, 1, {driver_number, 0, flash_base + 0x101, 0})[0], 130U);
  const std::uint32_t flag = ram_base + 64;
  ram_[0][64] = 7;
  call(0, 0, {0, flag, 0, 0});
  EXPECT_EQ(ram_[0][64], 0);
  EXPECT_EQ(processes_.process(0).state(), ProcessState::runnable);
  ASSERT_TRUE(
      processes_.schedule_upcall(id, {driver_number, 0}, {9, 0, 0}).is_ok());
  call(0, 0, {0, flag, 0, 0});
  EXPECT_EQ(ram_[0][64], 1);
  const std::uint32_t frame = processes_.process(0).registers().stack_pointer;
  EXPECT_EQ(word(0, frame), 9U);
  EXPECT_EQ(word(0, frame + 24), flash_base + 0x100);
}

TEST_F(ProcessTest, ResubscribingDropsTheOldFunctionsQueuedUpcalls) {
  load(0);
  const ProcessId id = processes_.process(0).id();
  const UpcallSlot slot{driver_number, 1};
  ASSERT_EQ(call(0, 1, {driver_number, 1, flash_base + 0x101, 0})[0], 130U);
  for (std::uint32_t n = 0; n < kernel::process::UpcallQueue::capacity; ++n) {
    EXPECT_TRUE(processes_.schedule_upcall(id, slot, {n, 0, 0}).is_ok());
  }
  EXPECT_EQ(processes_.schedule_upcall(id, slot, {99, 0, 0}),
            kernel::Result::failure(ErrorCode::busy));
  EXPECT_EQ(call(0, 1, {driver_number, 1, flash_base + 0x201, 4}),
            (std::array<std::uint32_t, 4>{130, flash_base + 0x101, 0, 0}));
  call(0, 0, {1, 0, 0, 0});
  QuietChip chip;
  EXPECT_FALSE(processes_.run_next(chip)); // nothing left to deliver
}

TEST_F(ProcessTest, GrantsAreAllocatedOnceZeroedAndNeverEnteredTwice) {
  load(0);
  const ProcessId id = processes_.process(0).id();
  const kernel::process::Grant<Counter, 2> grant{processes_};
  bool nested_refused = false;
  EXPECT_TRUE(grant
                  .enter(id,
                         [&](Counter &counter) {
                           EXPECT_EQ(counter.value, 0U);
                           counter.value = 41;
                           nested_refused = grant.enter(id, [](Counter &) {
                           }) == kernel::Result::failure(ErrorCode::already);
                         })
                  .is_ok());
  EXPECT_TRUE(nested_refused);
  EXPECT_TRUE(
      grant.enter(id, [](Counter &counter) { EXPECT_EQ(counter.value, 41U); })
          .is_ok());
  // It lives at the top of the block, below the kernel break, which the
  // process's break can no longer cross.
  const std::uint32_t kernel_break = processes_.process(0).kernel_break();
  EXPECT_EQ(kernel_break, ram_base + ram_size - sizeof(Counter));
  EXPECT_EQ(call(0, 5, {0, ram_base + ram_size, 0, 0}), failure(abi_no_memory));
  EXPECT_EQ(call(0, 5, {6, 0, 0, 0})[1], kernel_break);
}

TEST_F(ProcessTest, AGrantThatDoesNotFitIsRefused) {
  load(0);
  const ProcessId id = processes_.process(0).id();
  struct Large {
    std::array<std::uint8_t, ram_size> bytes;
  };
  const kernel::process::Grant<Large, 1> grant{processes_};
  EXPECT_EQ(grant.enter(id, [](Large &) { ADD_FAILURE(); }),
            kernel::Result::failure(ErrorCode::no_memory));
}

TEST_F(ProcessTest, ExitEndsTheProcessAndItsOldIdReachesNothing) {
  load(0);
  const ProcessId id = processes_.process(0).id();
  ASSERT_EQ(call(0, 1, {driver_number, 0, flash_base + 0x101, 0})[0], 130U);
  EXPECT_EQ(call(0, 6, {7, 0, 0, 0}), failure(abi_invalid));
  call(0, 6, {0, 3, 0, 0});
  EXPECT_EQ(processes_.process(0).state(), ProcessState::terminated);
  EXPECT_EQ(processes_.process(0).exit_code(), 3U);
  EXPECT_EQ(processes_.schedule_upcall(id, {driver_number, 0}, {}),
            kernel::Result::failure(ErrorCode::invalid));
  QuietChip chip;
  EXPECT_FALSE(processes_.run_next(chip));
  // A restart runs it again under a new id.
  ASSERT_TRUE(processes_.restart(0).is_ok());
  EXPECT_NE(processes_.process(0).id(), id);
  EXPECT_EQ(processes_.process(0).state(), ProcessState::runnable);
}

TEST_F(ProcessTest, AStackPointerOutsideItsMemoryKillsTheProcess) {
  load(0);
  load(1, "other");
  // The process moved its stack pointer into the other process's RAM and
  // made a system call (the MPU would fault the stacking; the kernel must
  // not trust it either way).
  boundary_.stack_pointer_to_set = ram_base + 0x1'0000 + 64;
  boundary_.reasons = {SwitchReason::syscall};
  QuietChip chip;
  EXPECT_TRUE(processes_.run_next(chip));
  EXPECT_EQ(processes_.process(0).state(), ProcessState::faulted);
  EXPECT_EQ(processes_.process(1).state(), ProcessState::runnable);
  EXPECT_NE(captured_debug.output.find("process app killed: its stack "
                                       "pointer left its memory"),
            std::string::npos);
}

TEST_F(ProcessTest, CallsInOneSliceKeepTheRegistersTheProcessLeft) {
  load(0);
  const std::uint32_t start = processes_.process(0).stack_pointer();
  // The process moves its stack and uses r4, then makes two calls in the
  // same slice: an exit of an unknown kind (refused: it goes on) and a
  // command. Each switch back must give it what it left.
  boundary_.stack_pointer_to_set = start - 64;
  boundary_.r4_to_set = 0x1234;
  boundary_.reasons = {SwitchReason::syscall, SwitchReason::syscall,
                       SwitchReason::timeslice_expired};
  boundary_.syscalls = {{.arguments = {7, 0, 0, 0}, .number = 6},
                        {.arguments = {driver_number, 0, 0, 0}, .number = 2}};
  QuietChip chip;
  EXPECT_TRUE(processes_.run_next(chip));
  EXPECT_EQ(boundary_.ran,
            (std::vector<std::uint32_t>{start, start - 64, start - 64}));
  EXPECT_EQ(boundary_.ran_r4, (std::vector<std::uint32_t>{0, 0x1234, 0x1234}));
  EXPECT_EQ(processes_.process(0).registers().callee_saved[0], 0x1234U);
}

TEST_F(ProcessTest, ARestartInTheSliceRunsTheFreshProcess) {
  load(0);
  const std::uint32_t start = processes_.process(0).stack_pointer();
  boundary_.stack_pointer_to_set = start - 64;
  boundary_.r4_to_set = 0x1234;
  boundary_.reasons = {SwitchReason::syscall, SwitchReason::timeslice_expired};
  boundary_.syscalls = {{.arguments = {1, 0, 0, 0}, .number = 6}};
  QuietChip chip;
  EXPECT_TRUE(processes_.run_next(chip));
  EXPECT_EQ(processes_.process(0).restart_count(), 1U);
  // After the restart it runs from its first frame with cleared registers.
  EXPECT_EQ(boundary_.ran, (std::vector<std::uint32_t>{start, start}));
  EXPECT_EQ(boundary_.ran_r4, (std::vector<std::uint32_t>{0, 0}));
}

TEST_F(ProcessTest, RoundRobinGivesEachProcessItsTurn) {
  load(0, "first");
  load(1, "second");
  QuietChip chip;
  for (int turn = 0; turn < 4; ++turn) {
    EXPECT_TRUE(processes_.run_next(chip));
  }
  const std::uint32_t first = processes_.process(0).registers().stack_pointer;
  const std::uint32_t second = processes_.process(1).registers().stack_pointer;
  EXPECT_EQ(boundary_.ran,
            (std::vector<std::uint32_t>{first, second, first, second}));
}

TEST_F(ProcessTest, AFaultKillsOnlyTheFaultingProcessAndIsReported) {
  load(0, "faulty");
  load(1, "healthy");
  QuietChip chip;
  boundary_.fault =
      FaultRecord{.exception = 4, .fault_status = 0x82, .address = 0x2000'0000};
  boundary_.reasons = {SwitchReason::fault};
  EXPECT_TRUE(processes_.run_next(chip));
  EXPECT_EQ(processes_.process(0).state(), ProcessState::faulted);
  EXPECT_EQ(processes_.process(1).state(), ProcessState::runnable);
  EXPECT_NE(captured_debug.output.find(
                "process faulty faulted: exception 4 CFSR=0x00000082 "
                "address=0x20000000"),
            std::string::npos)
      << captured_debug.output;
  EXPECT_TRUE(processes_.run_next(chip)); // the other one runs on
  EXPECT_EQ(processes_.info(0)->last_fault->fault_status, 0x82U);
}

TEST_F(ProcessTest, TheConsoleCanStopResumeAndKill) {
  load(0);
  EXPECT_TRUE(processes_.stop(0).is_ok());
  EXPECT_EQ(processes_.stop(0), kernel::Result::failure(ErrorCode::already));
  QuietChip chip;
  EXPECT_FALSE(processes_.run_next(chip));
  EXPECT_TRUE(processes_.resume(0).is_ok());
  EXPECT_TRUE(processes_.run_next(chip));
  EXPECT_TRUE(processes_.kill(0).is_ok());
  EXPECT_EQ(processes_.kill(0), kernel::Result::failure(ErrorCode::already));
  EXPECT_EQ(processes_.find("app"), 0U);
  EXPECT_EQ(processes_.info(0)->state, ProcessState::terminated);
}

} // namespace
