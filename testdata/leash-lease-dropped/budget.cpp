// RUN: %check-rule --config "{CheckOptions: {LeaseFlowBudget: '40', leash-lease-dropped.ReportSkippedFunctions: true}}" %s leash-lease-dropped,leash-lease-use-after-transfer
// A function too large for the flow budget (blocks times lease variables)
// is skipped, never analysed for long; with ReportSkippedFunctions the
// skip is a warning (without it, a remark that is no finding:
// testdata/driver/skipped-function.test). Small functions are still
// analysed.
#include <leash/lease.h>
#include <leash/take_cell.h>

#include <cstdint>
#include <utility>

using Bytes = leash::Lease<std::uint8_t>;

leash::TakeCell<Bytes> idle;
void consume(Bytes buffer);

void large(int a, int b, int c, int d) {
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: function not analysed for lost leases: its {{[0-9]+}} blocks times 3 lease variables exceed the LeaseFlowBudget of 40 [leash-lease-dropped]
  Bytes first = idle.take();
  Bytes second = idle.take();
  Bytes third = idle.take();
  if (a) consume(std::move(first));
  if (b) consume(std::move(second));
  if (c) consume(std::move(third));
  if (d) consume(std::move(first));
  if (a && b) consume(std::move(second));
}

void small() {
  Bytes buffer = idle.take();
  consume(std::move(buffer));
  consume(std::move(buffer));
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: lease 'buffer' is used after its ownership was transferred; it owns no buffer here (reassign it first, or check is_empty()) [leash-lease-use-after-transfer]
  // CHECK-MESSAGES: :[[@LINE-3]]:11: note: lease 'buffer' transferred here
}
