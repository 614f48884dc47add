/// Tests of the register library, against register blocks in host memory.
#include "libraries/registers/registers.h"
#include "libraries/registers/simulated_access.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <vector>

namespace {

using registers::Aliased;
using registers::Field;
using registers::FieldValue;
using registers::LocalCopy;
using registers::ReadOnly;
using registers::ReadWrite;
using registers::WriteOnly;

/// A mode with named values, as a field's enumeration.
enum class Mode : std::uint32_t { off = 0, slow = 1, fast = 2 };

/// The fields of a pretend control register.
struct Control {
  using F = Field<std::uint32_t, Control>;
  static constexpr F enable{0, 1};
  static constexpr Field<std::uint32_t, Control, Mode> mode{1, 2};
  static constexpr F divider{8, 8};
  static constexpr F top{28, 4};
};

/// The fields of a pretend status register.
struct Status {
  using F = Field<std::uint32_t, Status>;
  static constexpr F ready{0, 1};
  static constexpr F error{1, 1};
};

/// A pretend peripheral's register block.
struct Block {
  ReadWrite<std::uint32_t, Control> control;
  ReadOnly<std::uint32_t, Status> status;
  WriteOnly<std::uint32_t, Status> clear;
  Aliased<std::uint32_t, Status> events;
  ReadWrite<std::uint8_t> small;
  registers::Reserved<3> reserved;
  ReadWrite<std::uint32_t> data;
};

// The layout is the hardware's: registers are exactly their width, and a
// block is found at an address, never constructed there.
static_assert(sizeof(ReadWrite<std::uint32_t>) == 4);
static_assert(sizeof(ReadWrite<std::uint8_t>) == 1);
static_assert(offsetof(Block, status) == 0x4);
static_assert(offsetof(Block, data) == 0x14);
static_assert(std::is_standard_layout_v<Block>);
static_assert(std::is_trivially_default_constructible_v<Block>);

// Permissions are types: what the hardware forbids does not compile.
template <typename R>
concept CanSet = requires(R &r) { r.set(0u); };
template <typename R>
concept CanGet = requires(const R &r) { r.get(); };
template <typename R>
concept CanModify = requires(R &r) { r.modify(Status::ready.set()); };
template <typename R, typename V>
concept CanWriteValue = requires(R &r, V v) { r.write(v); };

static_assert(CanGet<ReadOnly<std::uint32_t, Status>>);
static_assert(!CanSet<ReadOnly<std::uint32_t, Status>>,
              "a write to a read-only register must not compile");
static_assert(!CanGet<WriteOnly<std::uint32_t, Status>>,
              "a read of a write-only register must not compile");
static_assert(CanSet<WriteOnly<std::uint32_t, Status>>);
static_assert(CanModify<ReadWrite<std::uint32_t, Status>>);
static_assert(!CanModify<Aliased<std::uint32_t, Status>>,
              "read-modify-write of an aliased register must not compile");
static_assert(!CanModify<ReadOnly<std::uint32_t, Status>>);
// A value for another register's fields does not compile either.
static_assert(CanWriteValue<ReadWrite<std::uint32_t, Control>,
                            FieldValue<std::uint32_t, Control>>);
static_assert(!CanWriteValue<ReadWrite<std::uint32_t, Control>,
                             FieldValue<std::uint32_t, Status>>);

// Fields are computed at compile time.
static_assert(Control::divider.mask() == 0xFF);
static_assert(Control::divider.shifted_mask() == 0xFF00);
static_assert(Control::top.shifted_mask() == 0xF000'0000);
static_assert(Control::divider.value(0x1AB).bits() == 0xAB00);
static_assert((Control::enable.set() | Control::divider.value(3)).mask() ==
              0xFF01);

TEST(RegisterField, ExtractsAndBuildsValues) {
  EXPECT_EQ(Control::divider.extract(0x0000'3400), 0x34U);
  EXPECT_EQ(Control::mode.value(Mode::fast).bits(), 0x4U);
  EXPECT_EQ(Control::enable.clear().bits(), 0U);
  EXPECT_EQ(Control::enable.clear().mask(), 1U);
}

TEST(RegisterField, CombinedValuesLetTheRightOneWin) {
  const auto value = Control::divider.value(1) | Control::divider.value(2);
  EXPECT_EQ(value.bits(), 0x200U);
  EXPECT_EQ(value.applied_to(0xFFFF'FFFF), 0xFFFF'02FFU);
}

TEST(Register, WriteSetsTheFieldsAndZeroesTheRest) {
  Block block{};
  block.control.set(0xFFFF'FFFF);
  block.control.write(Control::enable.set() | Control::divider.value(0x12));
  EXPECT_EQ(block.control.get(), 0x1201U);
}

TEST(Register, ModifyKeepsTheOtherFields) {
  Block block{};
  block.control.set(0x8000'0001);
  block.control.modify(Control::divider.value(0x34));
  EXPECT_EQ(block.control.get(), 0x8000'3401U);
  block.control.modify(Control::enable.clear());
  EXPECT_EQ(block.control.get(), 0x8000'3400U);
}

TEST(Register, ReadsFieldsFlagsAndEnumerations) {
  Block block{};
  block.control.write(Control::mode.value(Mode::slow) |
                      Control::divider.value(9));
  EXPECT_EQ(block.control.read(Control::divider), 9U);
  EXPECT_EQ(block.control.read_as_enum(Control::mode), Mode::slow);
  EXPECT_FALSE(block.control.is_set(Control::enable));
  EXPECT_TRUE(block.control.matches_all(Control::mode.value(Mode::slow) |
                                        Control::enable.clear()));
  EXPECT_FALSE(block.control.matches_all(Control::enable.set()));
}

TEST(Register, AnUnnamedEnumerationValueComesBackUnchanged) {
  Block block{};
  block.control.set(0x6); // mode = 3, which Mode does not name.
  EXPECT_EQ(
      static_cast<std::uint32_t>(block.control.read_as_enum(Control::mode)),
      3U);
}

TEST(LocalCopy, ExaminesOneSnapshot) {
  const LocalCopy<std::uint32_t, Status> copy(0x3);
  EXPECT_TRUE(copy.is_set(Status::ready));
  EXPECT_TRUE(copy.is_set(Status::error));
  EXPECT_EQ(copy.modified(Status::error.clear()).get(), 0x1U);
}

/// A model that records accesses and clears bits written to `events`.
class RecordingBus final : public registers::simulation::Bus {
public:
  explicit RecordingBus(Block &block) : block_(block) {
    registers::simulation::attach(*this);
  }
  ~RecordingBus() { registers::simulation::detach(); }

  std::uint64_t read(std::uintptr_t address, std::uint64_t stored) override {
    reads.push_back(address);
    return address == address_of(block_.status) ? 0x1 : stored;
  }
  std::uint64_t write(std::uintptr_t address, std::uint64_t value,
                      std::uint64_t stored) override {
    writes.push_back(address);
    return address == address_of(block_.events) ? stored & ~value : value;
  }

  template <typename R> static std::uintptr_t address_of(const R &location) {
    return reinterpret_cast<std::uintptr_t>(&location);
  }

  std::vector<std::uintptr_t> reads;
  std::vector<std::uintptr_t> writes;

private:
  Block &block_;
};

TEST(SimulatedRegisters, EveryAccessReachesTheModel) {
  Block block{};
  RecordingBus bus(block);
  block.control.modify(Control::enable.set());
  EXPECT_EQ(bus.reads, std::vector<std::uintptr_t>{
                           RecordingBus::address_of(block.control)});
  EXPECT_EQ(bus.writes, std::vector<std::uintptr_t>{
                            RecordingBus::address_of(block.control)});
  EXPECT_TRUE(block.status.is_set(Status::ready)); // The model's answer.
}

TEST(SimulatedRegisters, TheModelDecidesWhatAWriteLeaves) {
  Block block{};
  block.events.set_hardware_value(0x3); // Both events pending.
  RecordingBus bus(block);
  block.events.write(Status::ready.set()); // Acknowledge one.
  EXPECT_EQ(block.events.get(), 0x2U);
}

} // namespace
