/// Test support: a process table with two fake processes in host memory,
/// for testing system call drivers the way processes reach them.
#ifndef HOST_TESTS_SUPPORT_PROCESS_RIG_H
#define HOST_TESTS_SUPPORT_PROCESS_RIG_H

#include "kernel/debug.h"
#include "kernel/debug_writer.h"
#include "kernel/process/processes.h"
#include "support/process_fakes.h"

#include <gtest/gtest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace host_tests {

/// An upcall a process received: its slot's subscribe number (from the
/// function it ran) and its three arguments.
struct ReceivedUpcall {
  /// The subscribe number whose function ran.
  std::uint32_t number = 0;
  /// r0..r2.
  std::array<std::uint32_t, 3> arguments{};

  friend bool operator==(const ReceivedUpcall &,
                         const ReceivedUpcall &) = default;
};

/// Two processes ("first", "second"), and room for a third, in a process
/// table over `drivers`.
/// Each subscribes function `upcall_function(index, n)` for number n, so an
/// upcall's program counter tells which subscription it came from.
class ProcessRig {
public:
  /// Where the processes' memory seems to be.
  static constexpr std::uint32_t flash_base = 0x0020'0000;
  static constexpr std::uint32_t ram_base = 0x2020'0000;
  static constexpr std::uint32_t ram_size = 8192;
  static constexpr std::uint32_t minimum_ram = 4096;
  /// How many processes `load_all` loads.
  static constexpr std::size_t count = 2;
  /// How many processes' memory the rig has (`load` starts the third).
  static constexpr std::size_t slots = 3;

  /// A table over `drivers`; call `load_all` to start the processes.
  explicit ProcessRig(const kernel::process::SyscallDriverLookup &drivers)
      : processes(boundary, protection, {}) {
    processes.set_drivers(drivers);
    // The writer stays installed after the rig is gone, so it must outlive
    // every test: one for the whole program.
    kernel::debug::set_writer(fresh_captured_debug());
    for (auto &flash : flash_) {
      for (std::uint8_t number = 0; number < 10; ++number) {
        flash[2 * number] = number; // svc n at offset 2n
        flash[2 * number + 1] = 0xDF;
      }
    }
  }

  /// Loads "first" and "second".
  void load_all() {
    load(0, "first");
    load(1, "second");
  }
  /// Loads the process of memory `index` as `name`.
  void load(std::size_t index, const char *name) {
    ASSERT_TRUE(
        processes
            .load(name, memory(index), flash_start(index) + 0x41, minimum_ram)
            .is_ok());
  }

  /// Process `index`'s id now.
  [[nodiscard]] kernel::process::ProcessId id(std::size_t index) const {
    return processes.process(index).id();
  }
  /// Process `index`'s memory.
  kernel::process::ProcessMemory memory(std::size_t index) {
    return {flash_start(index), flash_[index], ram_start(index), ram_[index]};
  }
  static constexpr std::uint32_t flash_start(std::size_t index) {
    return flash_base + static_cast<std::uint32_t>(index) * 0x1'0000;
  }
  static constexpr std::uint32_t ram_start(std::size_t index) {
    return ram_base + static_cast<std::uint32_t>(index) * 0x1'0000;
  }
  static constexpr std::uint32_t upcall_function(std::size_t index,
                                                 std::uint32_t number) {
    return flash_start(index) + 0x100 + 0x10 * number + 1;
  }

  /// Process `index`'s RAM at `offset`.
  std::uint8_t *ram(std::size_t index, std::uint32_t offset) {
    return &ram_[index][offset];
  }
  /// Puts `text` into process `index`'s RAM at `offset`.
  void put(std::size_t index, std::uint32_t offset, std::string_view text) {
    for (std::size_t byte = 0; byte < text.size(); ++byte) {
      ram_[index][offset + byte] = static_cast<std::uint8_t>(text[byte]);
    }
  }
  /// `length` bytes of process `index`'s RAM at `offset`, as text.
  std::string text(std::size_t index, std::uint32_t offset,
                   std::size_t length) {
    return std::string(reinterpret_cast<const char *>(&ram_[index][offset]),
                       length);
  }

  /// Process `index` makes system call `number` with r0..r3 = `arguments`;
  /// returns r0..r3 after it.
  std::array<std::uint32_t, 4> call(std::size_t index, std::uint8_t number,
                                    std::array<std::uint32_t, 4> arguments) {
    const std::uint32_t frame =
        processes.process(index).registers().stack_pointer;
    for (std::uint32_t word = 0; word < 4; ++word) {
      set_word(index, frame + 4 * word, arguments[word]);
    }
    set_word(index, frame + 24, flash_start(index) + 2 * number + 2);
    processes.handle_syscall(processes.process(index), {arguments, number});
    return {word(index, frame), word(index, frame + 4), word(index, frame + 8),
            word(index, frame + 12)};
  }
  /// Command `command` of `driver` with `argument1`, `argument2`.
  kernel::process::SyscallReturn
  command(std::size_t index, std::uint32_t driver, std::uint32_t command,
          std::uint32_t argument1 = 0, std::uint32_t argument2 = 0) {
    const auto registers =
        call(index, 2, {driver, command, argument1, argument2});
    return {static_cast<kernel::process::ReturnVariant>(registers[0]),
            {registers[1], registers[2], registers[3]}};
  }
  /// Subscribes upcall `number` of `driver`; whether it was accepted.
  bool subscribe(std::size_t index, std::uint32_t driver,
                 std::uint32_t number) {
    return call(index, 1,
                {driver, number, upcall_function(index, number), 0})[0] == 130;
  }
  /// Allows `length` bytes at RAM `offset` to `driver`'s allow `number`
  /// (read-write or read-only); whether it was accepted.
  bool allow(std::size_t index, bool read_write, std::uint32_t driver,
             std::uint32_t number, std::uint32_t offset, std::uint32_t length) {
    return call(index, read_write ? 3 : 4,
                {driver, number, length == 0 ? 0 : ram_start(index) + offset,
                 length})[0] == 130;
  }
  /// Runs process `index`'s oldest due upcall (as a yield that does not
  /// wait); nothing when none is due.
  std::optional<ReceivedUpcall> next_upcall(std::size_t index) {
    const std::uint32_t flag_offset = 64;
    ram_[index][flag_offset] = 0;
    call(index, 0, {0, ram_start(index) + flag_offset, 0, 0});
    if (ram_[index][flag_offset] != 1) {
      return std::nullopt;
    }
    const std::uint32_t frame =
        processes.process(index).registers().stack_pointer;
    const std::uint32_t pc = word(index, frame + 24);
    return ReceivedUpcall{
        (pc - flash_start(index) - 0x100) / 0x10,
        {word(index, frame), word(index, frame + 4), word(index, frame + 8)}};
  }
  /// Every due upcall of process `index`, oldest first.
  std::vector<ReceivedUpcall> upcalls(std::size_t index) {
    std::vector<ReceivedUpcall> all;
    while (const auto upcall = next_upcall(index)) {
      all.push_back(*upcall);
    }
    return all;
  }

  /// The MPU and the CPU, faked.
  FakeProtection protection;
  /// See `protection`.
  ScriptedBoundary boundary;
  kernel::process::Processes processes;

private:
  std::uint32_t word(std::size_t index, std::uint32_t address) {
    const std::uint32_t offset = address - ram_start(index);
    const auto &ram = ram_[index];
    return ram[offset] | ram[offset + 1] << 8 | ram[offset + 2] << 16 |
           static_cast<std::uint32_t>(ram[offset + 3]) << 24;
  }
  void set_word(std::size_t index, std::uint32_t address, std::uint32_t value) {
    const std::uint32_t offset = address - ram_start(index);
    for (int byte = 0; byte < 4; ++byte) {
      ram_[index][offset + byte] =
          static_cast<std::uint8_t>(value >> (8 * byte));
    }
  }

  std::array<std::array<std::uint8_t, 1024>, slots> flash_{};
  std::array<std::array<std::uint8_t, ram_size>, slots> ram_{};
};

} // namespace host_tests

#endif // HOST_TESTS_SUPPORT_PROCESS_RIG_H
