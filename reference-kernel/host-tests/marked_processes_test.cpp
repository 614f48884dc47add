/// Tests of MarkedProcesses, the drivers' per-slot set of processes.
#include "capsules/process/marked_processes.h"

#include <gtest/gtest.h>

#include <optional>
#include <vector>

namespace {

using capsules::process::MarkedProcesses;
using kernel::process::ProcessId;

TEST(MarkedProcessesTest, MarksAreFoundByTheirSlot) {
  const MarkedProcesses marked;
  EXPECT_EQ(marked.at(2), std::nullopt);
  marked.mark(ProcessId{.index = 2, .run = 1});
  EXPECT_EQ(marked.at(2), (ProcessId{.index = 2, .run = 1}));
  EXPECT_EQ(marked.at(3), std::nullopt);
  marked.unmark(ProcessId{.index = 2, .run = 1});
  EXPECT_EQ(marked.at(2), std::nullopt);
}

TEST(MarkedProcessesTest, AnEndedRunCannotUnmarkTheNextRunOfItsSlot) {
  const MarkedProcesses marked;
  marked.mark(ProcessId{.index = 4, .run = 1});
  marked.mark(ProcessId{.index = 4, .run = 2});
  marked.unmark(ProcessId{.index = 4, .run = 1});
  EXPECT_EQ(marked.at(4), (ProcessId{.index = 4, .run = 2}));
}

TEST(MarkedProcessesTest, ForEachVisitsTheMarkedInSlotOrder) {
  const MarkedProcesses marked;
  marked.mark(ProcessId{.index = 5, .run = 3});
  marked.mark(ProcessId{.index = 1, .run = 7});
  std::vector<ProcessId> visited;
  marked.for_each([&](ProcessId process) {
    visited.push_back(process);
    marked.unmark(process); // Allowed while visiting.
  });
  EXPECT_EQ(visited, (std::vector<ProcessId>{{.index = 1, .run = 7},
                                             {.index = 5, .run = 3}}));
  EXPECT_EQ(marked.at(1), std::nullopt);
  EXPECT_EQ(marked.at(5), std::nullopt);
}

TEST(MarkedProcessesTest, SlotsOutsideTheTableAreIgnored) {
  const MarkedProcesses marked;
  const ProcessId outside{
      .index = static_cast<std::uint16_t>(MarkedProcesses::slot_count),
      .run = 1};
  marked.mark(outside);
  marked.unmark(outside);
  EXPECT_EQ(marked.at(MarkedProcesses::slot_count), std::nullopt);
  int visits = 0;
  marked.for_each([&visits](ProcessId) { ++visits; });
  EXPECT_EQ(visits, 0);
}

} // namespace
