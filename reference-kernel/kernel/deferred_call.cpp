/// The deferred-call table, the pending bitmask, and their service.
#include "kernel/deferred_call.h"

#include <leash/numeric_cell.h>
#include <leash/optional_cell.h>

#include <array>
#include <atomic>
#include <bit>
#include <cstddef>
#include <cstdint>

namespace kernel {
namespace {

/// The clients of the deferred calls, by entry. A component, because it is
/// kernel-wide state that changes after start-up: the entries are cells.
class LEASH_COMPONENT DeferredCallTable {
public:
  /// The client of entry `index` (an entry that exists).
  [[nodiscard]] const leash::OptionalCell<const DeferredCallClient *> &
  client(std::size_t index) const {
    return clients_[index];
  }

private:
  std::array<leash::OptionalCell<const DeferredCallClient *>,
             DeferredCall::capacity>
      clients_{};
};

/// The table itself.
constinit const DeferredCallTable table;

/// How many deferred calls have been constructed.
constinit leash::Cell<std::uint32_t> created_count;

/// Bit n: the call with entry n is pending. Atomic, not a cell, because
/// `set()` may run in an interrupt handler while the loop clears a bit.
constinit std::atomic<std::uint32_t> pending_mask{0};

static_assert(std::atomic<std::uint32_t>::is_always_lock_free,
              "setting a deferred call from an interrupt must not lock");
static_assert(DeferredCall::capacity == 32, "one bit per call in one word");

/// Whether `index` names an entry of the table.
constexpr bool exists(std::uint32_t index) {
  return index < DeferredCall::capacity;
}

} // namespace

DeferredCall::DeferredCall()
    : index_(leash::get_and_increment(created_count)) {}

void DeferredCall::register_client(const DeferredCallClient &client) const {
  if (exists(index_)) {
    table.client(index_).set(&client);
  }
}

void DeferredCall::set() const {
  if (exists(index_)) {
    pending_mask.fetch_or(1U << index_, std::memory_order_relaxed);
  }
}

bool DeferredCall::is_pending() const {
  return exists(index_) &&
         (pending_mask.load(std::memory_order_relaxed) & (1U << index_)) != 0;
}

bool DeferredCall::has_pending() {
  return pending_mask.load(std::memory_order_relaxed) != 0;
}

bool DeferredCall::service_next_pending() {
  const std::uint32_t pending = pending_mask.load(std::memory_order_relaxed);
  if (pending == 0) {
    return false;
  }
  const auto index = static_cast<std::uint32_t>(std::countr_zero(pending));
  // Cleared before the client runs, so that the client may set it again.
  pending_mask.fetch_and(~(1U << index), std::memory_order_relaxed);
  table.client(index).map(
      [](const DeferredCallClient *client) { client->handle_deferred_call(); });
  return true;
}

bool DeferredCall::verify_setup() {
  const std::uint32_t created = created_count.get();
  if (created > capacity) {
    return false;
  }
  for (std::size_t index = 0; index < created; ++index) {
    if (table.client(index).is_none()) {
      return false;
    }
  }
  return true;
}

} // namespace kernel
