// RUN: %check-rule --config "{CheckOptions: {leash-lease-dropped.LeaseFlowBudget: '1', leash-lease-use-after-transfer.LeaseFlowBudget: '1', leash-lease-dropped.ReportSkippedFunctions: true}}" %s leash-lease-dropped,leash-lease-use-after-transfer
// LeaseFlowBudget is one global option: the two flow rules share one
// analysis per function, so a check-local key is not read (were it read,
// this function would be over a budget of 1 and skipped, with a warning).
#include <leash/lease.h>
#include <leash/take_cell.h>

#include <cstdint>
#include <utility>

using Bytes = leash::Lease<std::uint8_t>;

leash::TakeCell<Bytes> idle;
void consume(Bytes buffer);

void analysed() {
  Bytes buffer = idle.take();
  consume(std::move(buffer));
  consume(std::move(buffer));
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: lease 'buffer' is used after its ownership was transferred; it owns no buffer here (reassign it first, or check is_empty()) [leash-lease-use-after-transfer]
  // CHECK-MESSAGES: :[[@LINE-3]]:11: note: lease 'buffer' transferred here
}
