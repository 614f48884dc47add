/// Tests of the console system call driver: two processes writing and
/// reading through one fake UART, the refusals, aborts, and processes that
/// end while their requests run.
#include "capsules/process/console_driver.h"
#include "capsules/process/driver_table.h"
#include "support/fake_uart.h"
#include "support/host_hooks.h"
#include "support/process_rig.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace {

using capsules::process::ConsoleDriver;
using capsules::process::DriverEntry;
using capsules::process::DriverTable;
using host_tests::FakeUart;
using host_tests::ProcessRig;
using host_tests::ReceivedUpcall;
using kernel::ErrorCode;
using kernel::process::SyscallReturn;

constexpr std::uint32_t console = ConsoleDriver::driver_number;
/// Where the processes keep their buffers.
constexpr std::uint32_t write_offset = 256;
constexpr std::uint32_t read_offset = 512;

/// A console driver with a 4-byte transmit and a 2-byte receive lease (so
/// that requests take several chunks) over a fake UART, and two processes.
class ConsoleDriverTest : public ::testing::Test {
protected:
  ConsoleDriverTest()
      : table_(std::array<DriverEntry, 1>{{{console, &driver_}}}), rig_(table_),
        driver_(rig_.processes, uart_,
                leash::Lease<std::uint8_t>::from(transmit_storage_),
                leash::Lease<std::uint8_t>::from(receive_storage_)) {
    uart_.set_transmit_client(driver_);
    uart_.set_receive_client(driver_);
    rig_.load_all();
    violations_before_ = host_tests::violation_count();
  }

  void TearDown() override {
    EXPECT_EQ(host_tests::violation_count(), violations_before_);
  }

  /// Process `index` allows `text` read-only and subscribes to both upcalls.
  void prepare_write(std::size_t index, const std::string &text) {
    rig_.put(index, write_offset, text);
    ASSERT_TRUE(rig_.allow(index, false, console, 1, write_offset,
                           static_cast<std::uint32_t>(text.size())));
    ASSERT_TRUE(rig_.subscribe(index, console, 1));
    ASSERT_TRUE(rig_.subscribe(index, console, 2));
  }

  SyscallReturn write(std::size_t index, std::uint32_t length) {
    return rig_.command(index, console, ConsoleDriver::write, length);
  }
  SyscallReturn read(std::size_t index, std::uint32_t length) {
    return rig_.command(index, console, ConsoleDriver::read, length);
  }

  std::uint8_t transmit_storage_[4] = {};
  std::uint8_t receive_storage_[2] = {};
  FakeUart uart_;
  DriverTable<1> table_;
  ProcessRig rig_;
  ConsoleDriver driver_;
  std::size_t violations_before_ = 0;
};

TEST_F(ConsoleDriverTest, ExistsAsDriverOne) {
  EXPECT_EQ(rig_.command(0, console, ConsoleDriver::exists),
            SyscallReturn::success());
  EXPECT_EQ(rig_.command(0, console, 9),
            SyscallReturn::failure(ErrorCode::no_support));
}

TEST_F(ConsoleDriverTest, WritesOfTwoProcessesComeOutWholeOneAfterTheOther) {
  prepare_write(0, "hello world");
  prepare_write(1, "ABCDEF");
  EXPECT_EQ(write(0, 11), SyscallReturn::success());
  EXPECT_EQ(write(1, 6), SyscallReturn::success());
  // One chunk at a time on the UART, from the driver's own lease.
  EXPECT_EQ(uart_.chunks, std::vector<std::string>{"hell"});
  EXPECT_EQ(uart_.drain(), "hello worldABCDEF");
  EXPECT_EQ(uart_.chunks,
            (std::vector<std::string>{"hell", "o wo", "rld", "ABCD", "EF"}));
  EXPECT_EQ(rig_.upcalls(0), (std::vector<ReceivedUpcall>{{1, {11, 0, 0}}}));
  EXPECT_EQ(rig_.upcalls(1), (std::vector<ReceivedUpcall>{{1, {6, 0, 0}}}));
}

TEST_F(ConsoleDriverTest, AProcessThatWritesAgainWaitsForTheOthersTurn) {
  prepare_write(0, "aa");
  prepare_write(1, "bb");
  ASSERT_EQ(write(0, 2), SyscallReturn::success());
  ASSERT_EQ(write(1, 2), SyscallReturn::success());
  uart_.complete_transmit(); // "aa" is out; process 0 writes again at once
  rig_.put(0, write_offset, "cc");
  EXPECT_EQ(write(0, 2), SyscallReturn::success());
  EXPECT_EQ(uart_.drain(), "aabbcc");
  EXPECT_EQ(rig_.upcalls(0),
            (std::vector<ReceivedUpcall>{{1, {2, 0, 0}}, {1, {2, 0, 0}}}));
  EXPECT_EQ(rig_.upcalls(1), (std::vector<ReceivedUpcall>{{1, {2, 0, 0}}}));
}

TEST_F(ConsoleDriverTest, TurnsGoRoundRobinNotToTheFirstSlot) {
  rig_.load(2, "third");
  prepare_write(0, "00");
  prepare_write(1, "11");
  prepare_write(2, "22");
  for (std::size_t index = 0; index < 3; ++index) {
    ASSERT_EQ(write(index, 2), SyscallReturn::success());
  }
  uart_.complete_transmit(); // "00" is out: the second's turn
  EXPECT_EQ(write(0, 2), SyscallReturn::success());
  uart_.complete_transmit(); // "11" is out: the third's turn, then the first
  EXPECT_EQ(uart_.drain(), "00112200");
}

TEST_F(ConsoleDriverTest, WritesAreRefusedWithTheDocumentedCodes) {
  EXPECT_EQ(write(0, 1), SyscallReturn::failure(ErrorCode::invalid));
  prepare_write(0, "abc");
  EXPECT_EQ(write(0, 4), SyscallReturn::failure(ErrorCode::size));
  EXPECT_EQ(write(0, 0), SyscallReturn::failure(ErrorCode::size));
  EXPECT_EQ(write(0, 3), SyscallReturn::success());
  EXPECT_EQ(write(0, 3), SyscallReturn::failure(ErrorCode::busy));
  // The refused requests sent nothing and left no upcall behind.
  EXPECT_EQ(uart_.drain(), "abc");
  EXPECT_EQ(rig_.upcalls(0), (std::vector<ReceivedUpcall>{{1, {3, 0, 0}}}));
  // TRD104's numbers reach the process: failure, INVALID (6).
  EXPECT_EQ(rig_.call(1, 2, {console, ConsoleDriver::write, 1, 0}),
            (std::array<std::uint32_t, 4>{0, 6, 0, 0}));
}

TEST_F(ConsoleDriverTest, ReadsDeliverBytesIntoTheReadersBuffer) {
  ASSERT_TRUE(rig_.allow(1, true, console, 1, read_offset, 8));
  ASSERT_TRUE(rig_.subscribe(1, console, 2));
  ASSERT_TRUE(rig_.allow(0, true, console, 1, read_offset, 8));
  EXPECT_EQ(read(1, 3), SyscallReturn::success());
  // One receiver: the other process waits its turn by asking again later.
  EXPECT_EQ(read(0, 3), SyscallReturn::failure(ErrorCode::busy));
  EXPECT_EQ(read(1, 3), SyscallReturn::failure(ErrorCode::busy));
  uart_.complete_receive("ab"); // the 2-byte lease's worth
  EXPECT_TRUE(uart_.is_receiving());
  EXPECT_TRUE(rig_.upcalls(1).empty());
  uart_.complete_receive("c");
  EXPECT_FALSE(uart_.is_receiving());
  EXPECT_EQ(rig_.text(1, read_offset, 4), std::string("abc\0", 4));
  EXPECT_EQ(rig_.text(0, read_offset, 3), std::string(3, '\0'));
  EXPECT_EQ(rig_.upcalls(1), (std::vector<ReceivedUpcall>{{2, {0, 3, 0}}}));
  EXPECT_TRUE(rig_.upcalls(0).empty());
  // Now the other process may read.
  EXPECT_EQ(read(0, 1), SyscallReturn::success());
}

TEST_F(ConsoleDriverTest, ReadsAreRefusedWithTheDocumentedCodes) {
  EXPECT_EQ(read(0, 1), SyscallReturn::failure(ErrorCode::invalid));
  ASSERT_TRUE(rig_.allow(0, true, console, 1, read_offset, 4));
  EXPECT_EQ(read(0, 5), SyscallReturn::failure(ErrorCode::size));
  EXPECT_EQ(read(0, 0), SyscallReturn::failure(ErrorCode::size));
  EXPECT_FALSE(uart_.is_receiving());
}

TEST_F(ConsoleDriverTest, AnAbortedReadReportsCancelAndWhatArrived) {
  ASSERT_TRUE(rig_.allow(0, true, console, 1, read_offset, 8));
  ASSERT_TRUE(rig_.subscribe(0, console, 2));
  EXPECT_EQ(rig_.command(0, console, ConsoleDriver::abort_read),
            SyscallReturn::failure(ErrorCode::off));
  ASSERT_EQ(read(0, 5), SyscallReturn::success());
  uart_.complete_receive("xy");
  // Only the reader can abort its read.
  EXPECT_EQ(rig_.command(1, console, ConsoleDriver::abort_read),
            SyscallReturn::failure(ErrorCode::off));
  EXPECT_EQ(rig_.command(0, console, ConsoleDriver::abort_read),
            SyscallReturn::success());
  EXPECT_EQ(uart_.receive_aborts, 1U);
  uart_.complete_receive("", kernel::Result::failure(ErrorCode::cancel));
  EXPECT_EQ(rig_.text(0, read_offset, 2), "xy");
  EXPECT_EQ(rig_.upcalls(0), (std::vector<ReceivedUpcall>{{2, {8, 2, 0}}}));
}

TEST_F(ConsoleDriverTest, AReaderThatEndsLeavesTheUartToTheNextReader) {
  ASSERT_TRUE(rig_.allow(0, true, console, 1, read_offset, 8));
  ASSERT_EQ(read(0, 4), SyscallReturn::success());
  ASSERT_TRUE(rig_.processes.kill(0).is_ok());
  // The other process reads at once: the ended reader's reception is
  // aborted, and this read starts when the UART gives the lease back.
  ASSERT_TRUE(rig_.allow(1, true, console, 1, read_offset, 8));
  ASSERT_TRUE(rig_.subscribe(1, console, 2));
  EXPECT_EQ(read(1, 1), SyscallReturn::success());
  EXPECT_EQ(uart_.receive_aborts, 1U);
  uart_.complete_receive("", kernel::Result::failure(ErrorCode::cancel));
  EXPECT_TRUE(uart_.is_receiving());
  EXPECT_TRUE(rig_.upcalls(1).empty());
  uart_.complete_receive("z");
  EXPECT_EQ(rig_.text(1, read_offset, 1), "z");
  EXPECT_EQ(rig_.upcalls(1), (std::vector<ReceivedUpcall>{{2, {0, 1, 0}}}));
  // The ended process, restarted, reads in its turn.
  ASSERT_TRUE(rig_.processes.restart(0).is_ok());
  ASSERT_TRUE(rig_.allow(0, true, console, 1, read_offset, 8));
  EXPECT_EQ(read(0, 1), SyscallReturn::success());
}

TEST_F(ConsoleDriverTest, AReadWaitingForAnAbortedReceptionCanBeAborted) {
  ASSERT_TRUE(rig_.allow(0, true, console, 1, read_offset, 8));
  ASSERT_EQ(read(0, 4), SyscallReturn::success());
  ASSERT_TRUE(rig_.processes.kill(0).is_ok());
  ASSERT_TRUE(rig_.allow(1, true, console, 1, read_offset, 8));
  ASSERT_TRUE(rig_.subscribe(1, console, 2));
  ASSERT_EQ(read(1, 1), SyscallReturn::success());
  EXPECT_EQ(rig_.command(1, console, ConsoleDriver::abort_read),
            SyscallReturn::success());
  EXPECT_EQ(rig_.upcalls(1), (std::vector<ReceivedUpcall>{{2, {8, 0, 0}}}));
  // The aborted reception ends; nobody reads, and the UART rests.
  uart_.complete_receive("", kernel::Result::failure(ErrorCode::cancel));
  EXPECT_FALSE(uart_.is_receiving());
  EXPECT_EQ(read(1, 1), SyscallReturn::success());
  EXPECT_TRUE(uart_.is_receiving());
}

TEST_F(ConsoleDriverTest, AProcessThatEndsIsDroppedWithItsRequests) {
  prepare_write(0, "0123456789");
  prepare_write(1, "xyz");
  ASSERT_EQ(write(0, 10), SyscallReturn::success());
  ASSERT_EQ(write(1, 3), SyscallReturn::success());
  ASSERT_TRUE(rig_.processes.kill(0).is_ok());
  // The chunk on the wire finishes; the rest of the write is gone.
  EXPECT_EQ(uart_.drain(), "0123xyz");
  EXPECT_EQ(rig_.upcalls(1), (std::vector<ReceivedUpcall>{{1, {3, 0, 0}}}));
  // Its next run starts with a fresh grant: no write pending any more.
  ASSERT_TRUE(rig_.processes.restart(0).is_ok());
  prepare_write(0, "new");
  EXPECT_EQ(write(0, 3), SyscallReturn::success());
  EXPECT_EQ(uart_.drain(), "0123xyznew");
}

} // namespace
