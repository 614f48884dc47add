/// Tests of the process console: each command's output for two processes,
/// typed at a console over a fake UART.
#include "capsules/console.h"
#include "capsules/process/driver_table.h"
#include "capsules/process/process_console.h"
#include "support/fake_uart.h"
#include "support/host_hooks.h"
#include "support/process_rig.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <string>

namespace {

using capsules::process::DriverEntry;
using capsules::process::DriverTable;
using host_tests::FakeUart;
using host_tests::ProcessRig;
using kernel::process::ProcessState;

/// A process console on a console on a fake UART, and two processes.
class ProcessConsoleTest : public ::testing::Test {
protected:
  ProcessConsoleTest()
      : console_(uart_, leash::Lease<std::uint8_t>::from(transmit_storage_),
                 leash::Lease<std::uint8_t>::from(receive_storage_)),
        table_(std::array<DriverEntry, 0>{}), rig_(table_),
        process_console_(console_, rig_.processes) {
    uart_.set_transmit_client(console_);
    uart_.set_receive_client(console_);
    console_.set_client(process_console_);
    EXPECT_TRUE(console_.start_input().is_ok());
    rig_.load_all();
    violations_before_ = host_tests::violation_count();
  }

  void TearDown() override {
    EXPECT_EQ(host_tests::violation_count(), violations_before_);
  }

  /// Types `line` and Enter; returns the answer (what follows the echo).
  std::string run(const std::string &line) {
    uart_.drain();
    uart_.chunks.clear();
    uart_.type(line + "\r");
    const std::string output = uart_.drain();
    const std::string echo = line + "\r\n";
    EXPECT_EQ(output.substr(0, echo.size()), echo);
    return output.substr(std::min(echo.size(), output.size()));
  }

  std::uint8_t transmit_storage_[16] = {};
  std::uint8_t receive_storage_[1] = {};
  FakeUart uart_;
  capsules::Console console_;
  DriverTable<0> table_;
  ProcessRig rig_;
  capsules::process::ProcessConsole process_console_;
  std::size_t violations_before_ = 0;
};

TEST_F(ProcessConsoleTest, ListShowsEveryProcess) {
  EXPECT_EQ(run("list"),
            "slot name state restarts memory\r\n"
            "0 first running 0 ram 0x20200000 used 4096 grants 0 of 8192\r\n"
            "1 second running 0 ram 0x20210000 used 4096 grants 0 of 8192\r\n");
}

TEST_F(ProcessConsoleTest, StopAndStartAProcess) {
  EXPECT_EQ(run("stop first"), "stopped first\r\n");
  EXPECT_EQ(rig_.processes.process(0).state(), ProcessState::stopped_runnable);
  EXPECT_EQ(run("stop first"), "stop first: refused (ALREADY)\r\n");
  EXPECT_NE(run("list").find("0 first stopped 0"), std::string::npos);
  EXPECT_EQ(run("start first"), "started first\r\n");
  EXPECT_EQ(rig_.processes.process(0).state(), ProcessState::runnable);
}

TEST_F(ProcessConsoleTest, KillAndRestartAProcess) {
  EXPECT_EQ(run("kill second"), "killed second\r\n");
  EXPECT_EQ(rig_.processes.process(1).state(), ProcessState::terminated);
  EXPECT_EQ(run("  kill   second "), "kill second: refused (ALREADY)\r\n");
  EXPECT_EQ(run("restart second"), "restarted second\r\n");
  EXPECT_EQ(rig_.processes.process(1).state(), ProcessState::runnable);
  EXPECT_NE(run("list").find("1 second running 1 "), std::string::npos);
}

TEST_F(ProcessConsoleTest, FaultShowsTheLastFault) {
  EXPECT_EQ(run("fault first"), "first: no fault\r\n");
  rig_.boundary.fault = {4, 0x82, 0x2000'0000, "MemManage"};
  rig_.boundary.reasons = {kernel::process::SwitchReason::fault};
  host_tests::QuietChip chip;
  EXPECT_TRUE(rig_.processes.run_next(chip));
  ASSERT_EQ(rig_.processes.process(0).state(), ProcessState::faulted);
  EXPECT_EQ(run("fault first"), "first: MemManage (exception 4) CFSR "
                                "0x00000082 address 0x20000000\r\n");
  EXPECT_EQ(run("fault second"), "second: no fault\r\n");
  EXPECT_NE(run("list").find("0 first faulted 0"), std::string::npos);
}

TEST_F(ProcessConsoleTest, HelpListsTheCommands) {
  EXPECT_EQ(run("help"), "commands: list, stop NAME, start NAME, kill NAME,\r\n"
                         "  restart NAME, fault NAME, help\r\n");
}

TEST_F(ProcessConsoleTest, MistakesGetOneClearLine) {
  EXPECT_EQ(run("frob"),
            "unknown command 'frob' (help lists the commands)\r\n");
  EXPECT_EQ(run("kill nobody"), "no process named 'nobody'\r\n");
  EXPECT_EQ(run("restart"), "restart: which process? (restart NAME)\r\n");
  EXPECT_EQ(run(""), "");
  EXPECT_EQ(rig_.processes.process(0).state(), ProcessState::runnable);
  EXPECT_EQ(rig_.processes.process(1).state(), ProcessState::runnable);
}

} // namespace
