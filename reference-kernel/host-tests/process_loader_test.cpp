/// Tests of the process loader: an apps region in a host array, made of
/// images from a small header builder, loaded into a RAM pool array by a
/// process table over the fakes of the process rig; every way an image is
/// refused gets its one line and leaves the others loading. Also the
/// restart policy: a faulting process restarted as often as the policy
/// says, then left faulted.
#include "kernel/debug.h"
#include "kernel/debug_writer.h"
#include "kernel/process/process_loader.h"
#include "kernel/process/processes.h"
#include "support/process_rig.h"

#include "support/process_fakes.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

using kernel::process::LoadSummary;
using kernel::process::Processes;
using kernel::process::ProcessPolicy;
using kernel::process::ProcessState;
using kernel::process::SwitchReason;
using Bytes = std::vector<std::uint8_t>;

/// Where the apps region and the RAM pool seem to be.
constexpr std::uint32_t apps_address = 0x0040'0000;
constexpr std::uint32_t pool_address = 0x2040'0000;
constexpr std::size_t pool_size = 0x8000;
/// Each test image's size, and its RAM need (a 2 KiB block each).
constexpr std::uint32_t image_size = 512;
constexpr std::uint32_t app_ram = 1024;
constexpr std::uint32_t block = 2048;
/// The entry point's offset in every image (Thumb bit set).
constexpr std::uint32_t entry_offset = 0x81;

/// The debug output, for the whole program (the writer stays installed).
host_tests::CapturedDebug &loader_debug = host_tests::fresh_captured_debug();

void put_u16(Bytes &bytes, std::uint16_t value) {
  bytes.push_back(static_cast<std::uint8_t>(value));
  bytes.push_back(static_cast<std::uint8_t>(value >> 8U));
}

void put_u32(Bytes &bytes, std::uint32_t value) {
  for (unsigned shift = 0; shift < 32; shift += 8) {
    bytes.push_back(static_cast<std::uint8_t>(value >> shift));
  }
}

/// A TLV: type, length, the value padded to 4 bytes.
void put_tlv(Bytes &bytes, std::uint16_t type, const Bytes &value) {
  put_u16(bytes, type);
  put_u16(bytes, static_cast<std::uint16_t>(value.size()));
  bytes.insert(bytes.end(), value.begin(), value.end());
  bytes.resize((bytes.size() + 3) & ~std::size_t{3}, 0);
}

/// One image of the region: an app (Main, PackageName and, unless told
/// not to, FixedAddresses), or padding.
struct App {
  std::string name;
  /// The RAM it was linked for.
  std::uint32_t ram = 0;
  bool fixed = true;
  bool padding = false;
  std::uint16_t version = 2;
  bool corrupt_checksum = false;
  std::uint32_t total_size = image_size;
  /// The RAM it needs (Main TLV).
  std::uint32_t minimum_ram = app_ram;
};

/// The region: each image at the next offset, its header built for the
/// flash address it lands at.
struct Region {
  Bytes bytes;

  /// Appends `app`; returns its address.
  std::uint32_t add(const App &app) {
    const auto address =
        apps_address + static_cast<std::uint32_t>(bytes.size());
    Bytes tlvs;
    if (!app.padding) {
      Bytes main;
      put_u32(main, entry_offset);
      put_u32(main, 0);
      put_u32(main, app.minimum_ram);
      put_tlv(tlvs, 1, main);
      put_tlv(tlvs, 3, Bytes(app.name.begin(), app.name.end()));
      if (app.fixed) {
        Bytes fixed;
        put_u32(fixed, app.ram);
        put_u32(fixed, address);
        put_tlv(tlvs, 5, fixed);
      }
    }
    Bytes header;
    put_u16(header, app.version);
    put_u16(header, static_cast<std::uint16_t>(16 + tlvs.size()));
    put_u32(header, app.total_size);
    put_u32(header, app.padding ? 0 : 1);
    put_u32(header, 0);
    header.insert(header.end(), tlvs.begin(), tlvs.end());
    std::uint32_t checksum = 0;
    for (std::size_t offset = 0; offset < header.size(); offset += 4) {
      checksum ^= static_cast<std::uint32_t>(header[offset]) |
                  static_cast<std::uint32_t>(header[offset + 1]) << 8U |
                  static_cast<std::uint32_t>(header[offset + 2]) << 16U |
                  static_cast<std::uint32_t>(header[offset + 3]) << 24U;
    }
    if (app.corrupt_checksum) {
      checksum ^= 0x0100U;
    }
    for (unsigned byte = 0; byte < 4; ++byte) {
      header[12 + byte] = static_cast<std::uint8_t>(checksum >> (8 * byte));
    }
    header.resize(app.total_size, 0);
    bytes.insert(bytes.end(), header.begin(), header.end());
    return address;
  }
};

class ProcessLoaderTest : public ::testing::Test {
protected:
  ProcessLoaderTest() {
    kernel::debug::set_writer(loader_debug);
    loader_debug.output.clear();
  }

  /// Loads `region` followed by erased flash (as a board's region is), or
  /// with its last `cut` bytes missing.
  LoadSummary load(Region &region, std::size_t cut = 0) {
    apps_ = region.bytes;
    if (cut != 0) {
      apps_.resize(apps_.size() - cut); // A cut image ends the region.
    } else {
      apps_.resize(apps_.size() + 64, 0xFF);
    }
    return kernel::process::load_processes(processes_, apps_, apps_address,
                                           pool_, pool_address);
  }

  /// The lines of the debug output (each ends with CR LF).
  static std::vector<std::string> lines() {
    std::vector<std::string> result;
    std::string_view rest = loader_debug.output;
    while (!rest.empty()) {
      const std::size_t end = rest.find("\r\n");
      result.emplace_back(rest.substr(0, end));
      rest = end == std::string_view::npos ? "" : rest.substr(end + 2);
    }
    return result;
  }

  /// Whether the process `name` is loaded with its RAM at `ram`, its flash
  /// at `flash` and its first frame's pc at its entry.
  void expect_loaded(std::string_view name, std::uint32_t flash,
                     std::uint32_t ram) {
    const auto slot = processes_.find(name);
    ASSERT_TRUE(slot.has_value()) << name;
    const auto info = processes_.info(*slot);
    ASSERT_TRUE(info.has_value());
    EXPECT_EQ(info->state, ProcessState::runnable);
    EXPECT_EQ(info->memory.flash_start(), flash);
    EXPECT_EQ(info->memory.ram_start(), ram);
    EXPECT_EQ(info->memory.ram_end(), ram + block);
    EXPECT_EQ(info->app_break, ram + app_ram);
    const auto &process = processes_.process(*slot);
    const auto pc = info->memory.read_word(
        process.registers().stack_pointer + 24, process.app_break());
    ASSERT_TRUE(pc.has_value());
    EXPECT_EQ(*pc, flash + (entry_offset & ~1U));
  }

  host_tests::ScriptedBoundary boundary_;
  host_tests::FakeProtection protection_;
  Processes processes_{boundary_, protection_, {}};
  Bytes apps_;
  std::array<std::uint8_t, pool_size> pool_{};
};

TEST_F(ProcessLoaderTest, ThreeValidAppsAllLoad) {
  Region region;
  const std::uint32_t hello =
      region.add({.name = "hello", .ram = pool_address});
  const std::uint32_t blink =
      region.add({.name = "blink", .ram = pool_address + block});
  const std::uint32_t spin =
      region.add({.name = "spin", .ram = pool_address + 4 * block});
  const LoadSummary summary = load(region);
  EXPECT_EQ(summary.loaded, 3U);
  EXPECT_EQ(summary.refused, 0U);
  EXPECT_EQ(loader_debug.output, "");
  expect_loaded("hello", hello, pool_address);
  expect_loaded("blink", blink, pool_address + block);
  expect_loaded("spin", spin, pool_address + 4 * block);
  EXPECT_EQ(processes_.find("hello"), 0U);
  EXPECT_EQ(processes_.find("blink"), 1U);
  EXPECT_EQ(processes_.find("spin"), 2U);
}

TEST_F(ProcessLoaderTest, ACorruptChecksumRefusesOnlyThatApp) {
  Region region;
  const std::uint32_t first =
      region.add({.name = "first", .ram = pool_address});
  const std::uint32_t bad = region.add(
      {.name = "bad", .ram = pool_address + block, .corrupt_checksum = true});
  const std::uint32_t last =
      region.add({.name = "last", .ram = pool_address + 2 * block});
  const LoadSummary summary = load(region);
  EXPECT_EQ(summary.loaded, 2U);
  EXPECT_EQ(summary.refused, 1U);
  EXPECT_EQ(lines(), (std::vector<std::string>{
                         "app at 0x00400200 refused: checksum mismatch"}));
  EXPECT_EQ(bad, 0x0040'0200U);
  expect_loaded("first", first, pool_address);
  expect_loaded("last", last, pool_address + 2 * block);
  EXPECT_FALSE(processes_.find("bad").has_value());
}

TEST_F(ProcessLoaderTest, ATruncatedLastImageIsRefusedAndTheEarlierLoad) {
  Region region;
  const std::uint32_t first =
      region.add({.name = "first", .ram = pool_address});
  const std::uint32_t second =
      region.add({.name = "second", .ram = pool_address + block});
  region.add({.name = "cut", .ram = pool_address + 2 * block});
  const LoadSummary summary = load(region, 100);
  EXPECT_EQ(summary.loaded, 2U);
  EXPECT_EQ(summary.refused, 1U);
  EXPECT_EQ(lines(),
            (std::vector<std::string>{
                "app at 0x00400400 refused: region shorter than the image's "
                "total size",
                "apps region: no further app can be found"}));
  expect_loaded("first", first, pool_address);
  expect_loaded("second", second, pool_address + block);
}

TEST_F(ProcessLoaderTest, AnAppWhoseRamOverlapsAnEarlierOneIsRefused) {
  Region region;
  const std::uint32_t first =
      region.add({.name = "first", .ram = pool_address});
  region.add({.name = "over", .ram = pool_address});
  const std::uint32_t last =
      region.add({.name = "last", .ram = pool_address + block});
  const LoadSummary summary = load(region);
  EXPECT_EQ(summary.loaded, 2U);
  EXPECT_EQ(summary.refused, 1U);
  EXPECT_EQ(lines(), (std::vector<std::string>{
                         "app at 0x00400200 (over) refused: its RAM overlaps "
                         "an app loaded before it"}));
  expect_loaded("first", first, pool_address);
  expect_loaded("last", last, pool_address + block);
}

TEST_F(ProcessLoaderTest, ALargerBlockCoveringAnEarlierAppIsRefused) {
  Region region;
  const std::uint32_t first =
      region.add({.name = "first", .ram = pool_address + block});
  // 2 KiB of RAM: a 4 KiB block from the pool's start, over "first".
  region.add({.name = "wide", .ram = pool_address, .minimum_ram = 2048});
  const std::uint32_t last =
      region.add({.name = "last", .ram = pool_address + 2 * block});
  const LoadSummary summary = load(region);
  EXPECT_EQ(summary.loaded, 2U);
  EXPECT_EQ(summary.refused, 1U);
  EXPECT_EQ(lines(), (std::vector<std::string>{
                         "app at 0x00400200 (wide) refused: its RAM overlaps "
                         "an app loaded before it"}));
  expect_loaded("first", first, pool_address + block);
  expect_loaded("last", last, pool_address + 2 * block);
}

TEST_F(ProcessLoaderTest, RamOutsideThePoolOrMisalignedIsRefused) {
  Region region;
  region.add({.name = "below", .ram = pool_address - block});
  region.add({.name = "above", .ram = pool_address + pool_size});
  region.add({.name = "straddle", .ram = pool_address + pool_size - block / 2});
  region.add({.name = "askew", .ram = pool_address + block / 2});
  region.add({.name = "wrap", .ram = 0xFFFF'F800U});
  const std::uint32_t good = region.add({.name = "good", .ram = pool_address});
  const LoadSummary summary = load(region);
  EXPECT_EQ(summary.loaded, 1U);
  EXPECT_EQ(summary.refused, 5U);
  const std::vector<std::string> expected{
      "app at 0x00400000 (below) refused: its RAM is not a block of the "
      "process RAM pool",
      "app at 0x00400200 (above) refused: its RAM is not a block of the "
      "process RAM pool",
      "app at 0x00400400 (straddle) refused: its RAM is not a block of the "
      "process RAM pool",
      "app at 0x00400600 (askew) refused: its RAM is not a block of the "
      "process RAM pool",
      "app at 0x00400800 (wrap) refused: its RAM is not a block of the "
      "process RAM pool"};
  EXPECT_EQ(lines(), expected);
  expect_loaded("good", good, pool_address);
}

TEST_F(ProcessLoaderTest, AnAppNeedingMoreRamThanThePoolIsRefused) {
  Region region;
  region.add(
      {.name = "huge", .ram = pool_address, .minimum_ram = 0x8000'0001U});
  const std::uint32_t good = region.add({.name = "good", .ram = pool_address});
  const LoadSummary summary = load(region);
  EXPECT_EQ(summary.loaded, 1U);
  EXPECT_EQ(summary.refused, 1U);
  EXPECT_EQ(lines(), (std::vector<std::string>{
                         "app at 0x00400000 (huge) refused: its RAM is not a "
                         "block of the process RAM pool"}));
  expect_loaded("good", good, pool_address);
}

TEST_F(ProcessLoaderTest, AnAppWithoutFixedAddressesIsRefused) {
  Region region;
  region.add({.name = "pic", .fixed = false});
  const std::uint32_t good = region.add({.name = "good", .ram = pool_address});
  const LoadSummary summary = load(region);
  EXPECT_EQ(summary.loaded, 1U);
  EXPECT_EQ(summary.refused, 1U);
  EXPECT_EQ(lines(), (std::vector<std::string>{
                         "app at 0x00400000 (pic) refused: not linked for "
                         "fixed addresses (this kernel loads no "
                         "position-independent apps)"}));
  expect_loaded("good", good, pool_address);
}

TEST_F(ProcessLoaderTest, AHeaderWithUnusableSizesEndsTheWalk) {
  Region region;
  const std::uint32_t first =
      region.add({.name = "first", .ram = pool_address});
  region.add({.name = "future", .ram = pool_address + block, .version = 3});
  region.add({.name = "unreached", .ram = pool_address + 2 * block});
  const LoadSummary summary = load(region);
  EXPECT_EQ(summary.loaded, 1U);
  EXPECT_EQ(summary.refused, 1U);
  EXPECT_EQ(lines(), (std::vector<std::string>{
                         "app at 0x00400200 refused: unsupported header "
                         "version",
                         "apps region: no further app can be found"}));
  expect_loaded("first", first, pool_address);
  EXPECT_FALSE(processes_.find("unreached").has_value());
}

TEST_F(ProcessLoaderTest, AppsBeyondTheTableAreRefused) {
  Region region;
  for (std::size_t index = 0; index <= Processes::capacity; ++index) {
    region.add(
        {.name = "app" + std::to_string(index),
         .ram = pool_address + static_cast<std::uint32_t>(index) * block});
  }
  const LoadSummary summary = load(region);
  EXPECT_EQ(summary.loaded, Processes::capacity);
  EXPECT_EQ(summary.refused, 1U);
  EXPECT_EQ(lines(), (std::vector<std::string>{
                         "app at 0x00401000 (app8) refused: no room (the "
                         "process table is full, or its RAM too small)"}));
  EXPECT_TRUE(processes_.find("app7").has_value());
  EXPECT_FALSE(processes_.find("app8").has_value());
}

TEST_F(ProcessLoaderTest, PaddingIsSkipped) {
  Region region;
  region.add({.padding = true, .total_size = 256});
  const std::uint32_t first =
      region.add({.name = "first", .ram = pool_address});
  region.add({.padding = true, .total_size = 1024});
  const std::uint32_t last =
      region.add({.name = "last", .ram = pool_address + block});
  const LoadSummary summary = load(region);
  EXPECT_EQ(summary.loaded, 2U);
  EXPECT_EQ(summary.refused, 0U);
  EXPECT_EQ(loader_debug.output, "");
  EXPECT_EQ(first, 0x0040'0100U);
  EXPECT_EQ(last, 0x0040'0700U);
  expect_loaded("first", first, pool_address);
  expect_loaded("last", last, pool_address + block);
}

TEST_F(ProcessLoaderTest, AnEmptyRegionLoadsNothing) {
  Region region;
  const LoadSummary summary = load(region);
  EXPECT_EQ(summary.loaded, 0U);
  EXPECT_EQ(summary.refused, 0U);
  EXPECT_EQ(loader_debug.output, "");
}

TEST(RamBlockSize, IsAPowerOfTwoHoldingTwiceTheMinimum) {
  EXPECT_EQ(kernel::process::ram_block_size(0), 1024U);
  EXPECT_EQ(kernel::process::ram_block_size(512), 1024U);
  EXPECT_EQ(kernel::process::ram_block_size(513), 2048U);
  EXPECT_EQ(kernel::process::ram_block_size(4096), 8192U);
  // Twice a need above 2 GiB does not fit in 32 bits: the largest block,
  // which no pool holds, rather than a small one.
  EXPECT_EQ(kernel::process::ram_block_size(0x4000'0001U), 0x8000'0000U);
  EXPECT_EQ(kernel::process::ram_block_size(0x8000'0001U), 0x8000'0000U);
  EXPECT_EQ(kernel::process::ram_block_size(0xFFFF'FFFFU), 0x8000'0000U);
}

/// The restart policy: two processes in the rig's memory, the first
/// faulting at each of its turns.
class RestartPolicyTest : public ::testing::Test {
protected:
  RestartPolicyTest() {
    kernel::debug::set_writer(loader_debug);
    loader_debug.output.clear();
    for (std::size_t index = 0; index < 2; ++index) {
      const auto ram = ram_base + static_cast<std::uint32_t>(index) * 0x1'0000;
      const auto flash =
          flash_base + static_cast<std::uint32_t>(index) * 0x1'0000;
      EXPECT_TRUE(processes_
                      .load(index == 0 ? "faulty" : "healthy",
                            {flash, flash_[index], ram, ram_[index]},
                            flash + 0x41, 2048)
                      .is_ok());
    }
  }

  /// Runs the faulty process into a fault, then lets the healthy one run.
  void fault_and_run_other() {
    boundary_.fault = {.exception = 4, .fault_status = 0x82};
    boundary_.reasons = {SwitchReason::fault};
    EXPECT_TRUE(processes_.run_next(chip_));
    EXPECT_TRUE(processes_.run_next(chip_)); // the healthy one
    EXPECT_EQ(processes_.process(1).state(), ProcessState::runnable);
  }

  static std::size_t count(std::string_view text) {
    std::size_t found = 0;
    for (std::size_t at = loader_debug.output.find(text);
         at != std::string::npos; at = loader_debug.output.find(text, at + 1)) {
      ++found;
    }
    return found;
  }

  static constexpr std::uint32_t flash_base = 0x0020'0000;
  static constexpr std::uint32_t ram_base = 0x2020'0000;
  host_tests::ScriptedBoundary boundary_;
  host_tests::FakeProtection protection_;
  host_tests::QuietChip chip_;
  Processes processes_{boundary_, protection_,
                       ProcessPolicy{.restarts_after_fault = 2}};
  std::array<std::array<std::uint8_t, 1024>, 2> flash_{};
  std::array<std::array<std::uint8_t, 8192>, 2> ram_{};
};

TEST_F(RestartPolicyTest, AFaultingProcessIsRestartedTwiceThenStaysFaulted) {
  const std::uint16_t first_run = processes_.process(0).id().run;
  const auto healthy = processes_.process(1).id();

  fault_and_run_other();
  EXPECT_EQ(processes_.process(0).state(), ProcessState::runnable);
  EXPECT_EQ(processes_.process(0).restart_count(), 1U);
  EXPECT_EQ(processes_.process(0).id().run, first_run + 1);
  EXPECT_EQ(count("process faulty restarted"), 1U);

  fault_and_run_other();
  EXPECT_EQ(processes_.process(0).state(), ProcessState::runnable);
  EXPECT_EQ(processes_.process(0).restart_count(), 2U);
  EXPECT_EQ(processes_.process(0).id().run, first_run + 2);
  EXPECT_EQ(count("process faulty restarted"), 2U);

  // The third fault: no restart left.
  boundary_.fault = {.exception = 4, .fault_status = 0x82};
  boundary_.reasons = {SwitchReason::fault};
  EXPECT_TRUE(processes_.run_next(chip_));
  EXPECT_EQ(processes_.process(0).state(), ProcessState::faulted);
  EXPECT_EQ(processes_.process(0).id().run, first_run + 2);
  EXPECT_EQ(count("process faulty restarted"), 2U);
  EXPECT_EQ(count("process faulty faulted"), 3U);
  ASSERT_TRUE(processes_.info(0)->last_fault.has_value());
  EXPECT_EQ(processes_.info(0)->last_fault->fault_status, 0x82U);

  // The other process keeps running, under its first run.
  for (int turn = 0; turn < 3; ++turn) {
    EXPECT_TRUE(processes_.run_next(chip_));
    EXPECT_EQ(processes_.process(1).state(), ProcessState::runnable);
  }
  EXPECT_EQ(processes_.process(1).id(), healthy);
  EXPECT_EQ(processes_.process(0).state(), ProcessState::faulted);
}

} // namespace
